using Compiled.Tables.Testing;

namespace Compiled.PostgreSql.Tests;

/// <summary>One PostgreSQL server for the tests of this assembly, started before the first and stopped after the last (also when tests fail).</summary>
public sealed class PostgresServerFixture : IDisposable
{
    public PostgresServerFixture() => Server = PostgresTestServer.Start();

    public PostgresTestServer Server { get; }

    public void Dispose() => Server.Dispose();
}

/// <summary>The tests that share <see cref="PostgresServerFixture"/>; they run one after another, as some stop the server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
