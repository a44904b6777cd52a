using System.Data.Common;
using System.Globalization;
using Compiled.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Compiled.Sinks.Tables;

/// <summary>
/// A sink that writes each batch into a database table, exactly once: the rows and the batch id go into one
/// transaction, the id into a progress table (<see cref="TableSinkOptions.ProgressTable"/>, one row per query and
/// target table), and a batch whose id is not above the recorded one is skipped. Append inserts, Update upserts on
/// the declared key, Complete replaces the table's contents.
/// </summary>
/// <remarks>
/// <para>The protocol lives here; the SQLite and PostgreSQL providers supply the connection, the SQL and the bulk
/// path. A transient failure (connection lost, database busy) drops the connection, waits, reconnects and runs the
/// whole transaction again: if the lost attempt had in fact committed, the progress row says so and the retry writes
/// nothing.</para>
/// <para>All calls come from the query's batch thread.</para>
/// </remarks>
/// <typeparam name="T">The row type; its columns and key are described in docs/tables.md.</typeparam>
public abstract class TableSink<T> : ISink<T>
{
    private static readonly IReadOnlyCollection<OutputMode> s_modes = [OutputMode.Append, OutputMode.Update, OutputMode.Complete];

    private ILogger? _logger;
    private bool _connected;
    private LastRowPerKey<T>? _lastRowPerKey;

    internal TableSink(string table, TableSchema schema, TableSinkOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        Table = table;
        Schema = schema;
        Options = options ?? TableSinkOptions.Default;
    }

    /// <summary>The target table's name as given.</summary>
    public string Table { get; }

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public IReadOnlyCollection<OutputMode> SupportedModes => s_modes;

    /// <summary>The names of the key columns, in column order; empty when the row type declares none.</summary>
    public IReadOnlyList<string> KeyColumns => Schema.Keys.Select(k => k.Name).ToArray();

    internal TableSchema Schema { get; }

    internal TableSinkOptions Options { get; }

    /// <summary>The query's output mode, known from <see cref="Open"/>.</summary>
    internal OutputMode Mode { get; private set; }

    /// <summary>The query id (stable across restarts): the progress table's key with <see cref="Table"/>.</summary>
    internal string QueryId { get; private set; } = "";

    /// <summary>The query name, recorded beside the id for people reading the progress table.</summary>
    internal string QueryName { get; private set; } = "";

    /// <summary>The batch's transaction, from <see cref="BeginBatch"/> until it commits or rolls back.</summary>
    internal DbTransaction? Transaction { get; set; }

    /// <summary>Test seam: called inside the batch's transaction after the rows are written, before it commits.</summary>
    internal Action<long>? AfterRowsWritten { get; set; }

    /// <inheritdoc />
    public void Open(SinkContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Options.Validate(Description);
        Mode = context.OutputMode;
        QueryId = context.QueryId.ToString("D");
        QueryName = context.QueryName;
        _logger = context.Logger;
        if (Mode == OutputMode.Update && Schema.Keys.Count == 0)
            throw new TableSinkException(
                $"{Description}: query '{QueryName}' runs in Update mode, which upserts on a key, but '{Schema.RowType.Name}' declares none. " +
                "Mark the key member(s) with [TableKey] or pass a key selector to the sink's factory (CQ1007).");
        if (Mode == OutputMode.Update) _lastRowPerKey = LastRowPerKey<T>.For(Schema);
        RunWithRetry(batchId: null, static sink =>
        {
            sink.EnsureConnected();
            sink.PrepareTables();
        });
    }

    /// <inheritdoc />
    public void AddBatch(long batchId, ReadOnlySpan<T> rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(batchId);
        RetryBackoff? backoff = null;
        while (true)
        {
            try
            {
                EnsureConnected();
                if (!TryWriteBatch(batchId, rows))
                    _logger?.LogInformation("{Sink}: batch {BatchId} is already committed; the replay writes nothing.", Description, batchId);
                return;
            }
            catch (Exception e) when (e is not TableSinkException)
            {
                backoff ??= new RetryBackoff(Options);
                HandleFailure(batchId, e, backoff);
            }
        }
    }

    /// <summary>Writes the batch in one transaction; false when the progress table shows it committed already.</summary>
    private bool TryWriteBatch(long batchId, ReadOnlySpan<T> rows)
    {
        BeginBatch();
        try
        {
            long committed = ReadCommittedBatch();
            if (committed >= batchId)
            {
                AbortBatch();
                return false;
            }
            if (Mode == OutputMode.Complete) DeleteAll();
            try
            {
                WriteRows(_lastRowPerKey is { } reducer ? reducer.Reduce(rows) : rows);
            }
            finally
            {
                _lastRowPerKey?.Release();
            }
            CrashPoints.Hit(CrashPoints.SinkMidWrite, batchId, QueryName);
            AfterRowsWritten?.Invoke(batchId);
            CommitBatch(batchId);
            return true;
        }
        catch
        {
            TryAbort();
            throw;
        }
    }

    /// <summary>Runs <paramref name="action"/>, retrying transient failures within the budget.</summary>
    private void RunWithRetry(long? batchId, Action<TableSink<T>> action)
    {
        RetryBackoff? backoff = null;
        while (true)
        {
            try
            {
                action(this);
                return;
            }
            catch (Exception e) when (e is not TableSinkException)
            {
                backoff ??= new RetryBackoff(Options);
                HandleFailure(batchId, e, backoff);
            }
        }
    }

    /// <summary>Drops the connection and waits before the next attempt, or throws when the error is not transient or the budget is spent.</summary>
    private void HandleFailure(long? batchId, Exception error, RetryBackoff backoff)
    {
        bool transient = IsTransient(error);
        Disconnect();
        string what = batchId is long id ? "write batch " + id.ToString(CultureInfo.InvariantCulture) : "open";
        if (!transient)
            throw new TableSinkException($"{Description} could not {what}: {error.GetType().Name}: {error.Message}", error);
        if (!backoff.TryWait(out TimeSpan wait))
            throw new TableSinkException(
                $"{Description} could not {what} within its retry budget of {backoff.Budget.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s " +
                $"({backoff.Failures.ToString(CultureInfo.InvariantCulture)} failed attempts; TableSinkOptions.RetryBudget): " +
                $"{error.GetType().Name}: {error.Message}. A restart of the query completes the batch exactly once.", error);
        _logger?.LogWarning("{Sink}: attempt {Attempt} to {What} failed ({Error}); retrying in {Wait} ms.",
            Description, backoff.Failures, what, error.Message, (long)wait.TotalMilliseconds);
    }

    private void EnsureConnected()
    {
        if (_connected) return;
        Connect();
        _connected = true;
    }

    private void TryAbort()
    {
        try
        {
            AbortBatch();
        }
        catch (Exception e)
        {
            // The connection is probably gone, which rolls the transaction back on the server anyway.
            _logger?.LogDebug(e, "{Sink}: rolling back failed.", Description);
        }
    }

    private void CommitBatch(long batchId)
    {
        RecordBatch(batchId);
        Transaction!.Commit();
        Transaction.Dispose();
        Transaction = null;
    }

    private void AbortBatch()
    {
        if (Transaction is null) return;
        Transaction.Rollback();
        Transaction.Dispose();
        Transaction = null;
    }

    private void Disconnect()
    {
        _connected = false;
        try
        {
            Transaction?.Dispose();
            Transaction = null;
            CloseConnection();
        }
        catch (Exception e)
        {
            _logger?.LogDebug(e, "{Sink}: closing the connection failed.", Description);
        }
    }

    /// <summary>Opens the connection.</summary>
    internal abstract void Connect();

    /// <summary>Closes the connection; the next attempt opens a new one.</summary>
    internal abstract void CloseConnection();

    /// <summary>Creates the progress table, creates or checks the target table, and makes sure this query has a progress row.</summary>
    internal abstract void PrepareTables();

    /// <summary>Starts the batch's <see cref="Transaction"/>.</summary>
    internal abstract void BeginBatch();

    /// <summary>The last batch id committed by this query into this table, or -1 (locking the progress row where the database allows).</summary>
    internal abstract long ReadCommittedBatch();

    /// <summary>Deletes every row of the target table (Complete mode), inside the transaction.</summary>
    internal abstract void DeleteAll();

    /// <summary>Writes the rows in the query's mode, inside the transaction.</summary>
    internal abstract void WriteRows(ReadOnlySpan<T> rows);

    /// <summary>Records <paramref name="batchId"/> in the progress row, inside the transaction.</summary>
    internal abstract void RecordBatch(long batchId);

    /// <summary>True when <paramref name="error"/> is worth a retry on a new connection: the connection was lost, the database is busy or restarting.</summary>
    internal abstract bool IsTransient(Exception error);

    /// <inheritdoc />
    public void Dispose()
    {
        Disconnect();
        GC.SuppressFinalize(this);
    }
}
