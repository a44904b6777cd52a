namespace Compiled.Tables.Testing;

/// <summary>An xunit fixture holding one <see cref="PostgresTestServer"/>: started before the first test that uses it, stopped after the last (also when tests fail).</summary>
public sealed class PostgresServerFixture : IDisposable
{
    public PostgresServerFixture() => Server = PostgresTestServer.Start();

    public PostgresTestServer Server { get; }

    public void Dispose() => Server.Dispose();
}
