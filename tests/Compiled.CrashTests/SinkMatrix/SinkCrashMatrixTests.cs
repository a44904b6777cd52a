using Compiled.SinkCrashHost;
using Compiled.Tables.Testing;

namespace Compiled.CrashTests.SinkMatrix;

// One class per sink, so xunit runs the sinks in parallel; each class runs its cases one after another.

/// <summary>The crash matrix over the file sink: a stateful Append query (<see cref="NumberedPlan"/>).</summary>
public sealed class FileSinkCrashMatrixTests
{
    public static TheoryData<string> Cases => SinkCrashCases.For(SinkKind.File);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Crashes_then_a_restart_give_exactly_the_reference(string crashes) => SinkCrashScenario.RunAsync(SinkKind.File, crashes);
}

/// <summary>The crash matrix over foreachBatch with an idempotent writer: a stateful Update query.</summary>
public sealed class ForeachBatchSinkCrashMatrixTests
{
    public static TheoryData<string> Cases => SinkCrashCases.For(SinkKind.ForeachBatch);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Crashes_then_a_restart_give_exactly_the_reference(string crashes) => SinkCrashScenario.RunAsync(SinkKind.ForeachBatch, crashes);
}

/// <summary>The crash matrix over the SQLite table sink: an upserting Update query and an inserting Append query in one database.</summary>
public sealed class SqliteSinkCrashMatrixTests
{
    public static TheoryData<string> Cases => SinkCrashCases.For(SinkKind.Sqlite);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Crashes_then_a_restart_give_exactly_the_reference(string crashes) => SinkCrashScenario.RunAsync(SinkKind.Sqlite, crashes);
}

/// <summary>The crash matrix over the PostgreSQL table sink, against a server started for these tests.</summary>
public sealed class PostgresSinkCrashMatrixTests(PostgresServerFixture fixture) : IClassFixture<PostgresServerFixture>
{
    public static TheoryData<string> Cases => SinkCrashCases.For(SinkKind.Postgres);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Crashes_then_a_restart_give_exactly_the_reference(string crashes) =>
        SinkCrashScenario.RunAsync(SinkKind.Postgres, crashes, fixture.Server.ConnectionString);
}

/// <summary>
/// The crash matrix over the exactly-once Kafka sink, against a mock cluster hosted by this process so that it outlives
/// the killed host; what a read_committed reader sees is checked as far as the mock can show it (see <see cref="SinkOutputs"/>).
/// </summary>
public sealed class KafkaSinkCrashMatrixTests(KafkaClusterFixture fixture) : IClassFixture<KafkaClusterFixture>
{
    public static TheoryData<string> Cases => SinkCrashCases.For(SinkKind.Kafka);

    [Theory]
    [MemberData(nameof(Cases))]
    public Task Crashes_then_a_restart_give_exactly_the_reference(string crashes) =>
        SinkCrashScenario.RunAsync(SinkKind.Kafka, crashes, fixture.Cluster.BootstrapServers);
}
