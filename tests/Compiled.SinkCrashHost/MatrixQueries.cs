using Compiled.CrashHost;
using Compiled.Kafka;
using Compiled.PostgreSql;
using Compiled.Plans;
using Compiled.Sinks;
using Compiled.Sqlite;
using Compiled.Sources.Files;

namespace Compiled.SinkCrashHost;

/// <summary>Starts the queries of one sink kind over the input files, one file per batch, until the input is exhausted.</summary>
public static class MatrixQueries
{
    /// <summary>The running queries; the caller awaits them.</summary>
    /// <param name="kind">The sink kind.</param>
    /// <param name="input">The input directory.</param>
    /// <param name="output">The output directory (file sinks, the SQLite database).</param>
    /// <param name="checkpoint">The checkpoint root; each query has its own directory under it.</param>
    /// <param name="stateStore">The state store of the stateful queries.</param>
    /// <param name="server">The PostgreSQL connection string (Postgres) or the bootstrap servers (Kafka).</param>
    /// <param name="tablePrefix">Prefix of the table or topic names, so cases sharing a server do not meet.</param>
    public static IReadOnlyList<StreamingQuery> Start(SinkKind kind, string input, string output, string checkpoint,
        StateStoreKind stateStore, string? server, string tablePrefix)
    {
        switch (kind)
        {
            case SinkKind.File:
                return [Run(new NumberedPlan(), Sink.JsonFiles<Numbered>(MatrixLayout.NumberedFiles(output)))];
            case SinkKind.ForeachBatch:
                var writer = new BatchFileWriter(HostLayout.TotalsOutput(output), TotalsPlan.QueryName);
                return [Run(new TotalsPlan(), Sink.ForeachBatch<KeyTotal>(writer.Write))];
            case SinkKind.Sqlite:
                string database = MatrixLayout.SqliteDatabase(output);
                return
                [
                    Run(new TotalsPlan(), Sink.Sqlite(database, MatrixLayout.TotalsTable(tablePrefix), (KeyTotal t) => t.Key)),
                    Run(new NumberedPlan(), Sink.Sqlite<Numbered>(database, MatrixLayout.NumberedTable(tablePrefix))),
                ];
            case SinkKind.Postgres:
                string connection = server ?? throw new ArgumentException("The Postgres sink needs a connection string.", nameof(server));
                return
                [
                    Run(new TotalsPlan(), Sink.Postgres(connection, MatrixLayout.TotalsTable(tablePrefix), (KeyTotal t) => t.Key)),
                    Run(new NumberedPlan(), Sink.Postgres<Numbered>(connection, MatrixLayout.NumberedTable(tablePrefix))),
                ];
            case SinkKind.Kafka:
                string bootstrap = server ?? throw new ArgumentException("The Kafka sink needs bootstrap servers.", nameof(server));
                return
                [
                    Run(new TotalsPlan(), Sink.Kafka(KafkaOptions<KeyTotal>(bootstrap, MatrixLayout.TotalsTopic(tablePrefix), tablePrefix, t => t.Key), MatrixJson.Default.KeyTotal)),
                    Run(new NumberedPlan(), Sink.Kafka(KafkaOptions<Numbered>(bootstrap, MatrixLayout.NumberedTopic(tablePrefix), tablePrefix, n => n.Key), MatrixJson.Default.Numbered)),
                ];
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        StreamingQuery Run<T>(IQueryPlan<T> plan, ISink<T> sink) => StreamingQuery.Start(
            plan,
            [Source.JsonFiles<Event>(input, new FileSourceOptions { MaxFilesPerTrigger = 1 })],
            sink,
            new QueryOptions { CheckpointLocation = MatrixLayout.Checkpoint(checkpoint, plan.Info.QueryName), Trigger = Trigger.AvailableNow, StateStore = stateStore,
                StateSnapshotInterval = 1 }); // a FASTER base after every batch, so state.midCheckpoint is passed at every batch
    }

    private static KafkaSinkOptions<T> KafkaOptions<T>(string bootstrap, string topic, string prefix, Func<T, string?> key) => new()
    {
        BootstrapServers = bootstrap,
        Topic = topic,
        KeySelector = key,
        Delivery = KafkaDelivery.ExactlyOnce,
        ProgressTopic = MatrixLayout.ProgressTopic(prefix),
    };
}
