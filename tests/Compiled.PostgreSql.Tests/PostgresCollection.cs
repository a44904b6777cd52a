using Compiled.Tables.Testing;

namespace Compiled.PostgreSql.Tests;

/// <summary>The tests that share one <see cref="PostgresServerFixture"/>; they run one after another, as some stop the server.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
