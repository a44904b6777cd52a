namespace Compiled.Hosting;

/// <summary>
/// How a hosted query runs, bound from configuration section <c>Compiled:Queries:&lt;name&gt;</c> (named options:
/// <c>IOptionsMonitor&lt;StreamingQueryHostOptions&gt;.Get(name)</c>), for example
/// <code>
/// "Compiled": { "Queries": { "WordCount": { "CheckpointLocation": "/var/lib/wordcount", "Trigger": "ProcessingTime", "TriggerInterval": "00:00:05" } } }
/// </code>
/// </summary>
public sealed class StreamingQueryHostOptions
{
    /// <summary>The configuration section that holds the options of every hosted query, one subsection per query name.</summary>
    public const string SectionPrefix = "Compiled:Queries";

    /// <summary>Where progress and state live (<see cref="QueryOptions.CheckpointLocation"/>); a temporary directory when null.</summary>
    public string? CheckpointLocation { get; set; }

    /// <summary>When batches run.</summary>
    public HostedTrigger Trigger { get; set; } = HostedTrigger.Default;

    /// <summary>The interval of <see cref="HostedTrigger.ProcessingTime"/>; required (and positive) for it, ignored otherwise.</summary>
    public TimeSpan? TriggerInterval { get; set; }

    /// <summary>Where state lives (<see cref="QueryOptions.StateStore"/>).</summary>
    public StateStoreKind StateStore { get; set; } = StateStoreKind.Faster;

    /// <summary>Memory each state store may use before spilling to disk (<see cref="QueryOptions.StateMemoryBudgetBytes"/>).</summary>
    public long StateMemoryBudgetBytes { get; set; } = 64L << 20;

    /// <summary>What the host does when the query fails.</summary>
    public QueryFailureBehavior OnFailure { get; set; } = QueryFailureBehavior.StopApplication;

    /// <summary>The health check reports the query Degraded when it lags more than this behind its input (default 5 minutes).</summary>
    public TimeSpan MaxLag { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The run options of query <paramref name="name"/>; throws <see cref="InvalidOperationException"/> naming the
    /// configuration key at fault.
    /// </summary>
    internal QueryOptions ToQueryOptions(string name, Microsoft.Extensions.Logging.ILoggerFactory loggerFactory, IStreamingQueryListener listener)
    {
        string section = SectionPrefix + ":" + name;
        Trigger trigger = Trigger switch
        {
            HostedTrigger.Default => Compiled.Trigger.Default,
            HostedTrigger.AvailableNow => Compiled.Trigger.AvailableNow,
            HostedTrigger.Once => Compiled.Trigger.Once,
            HostedTrigger.ProcessingTime when TriggerInterval is { } interval && interval > TimeSpan.Zero => Compiled.Trigger.ProcessingTime(interval),
            HostedTrigger.ProcessingTime => throw new InvalidOperationException(
                $"Query '{name}': {section}:Trigger is ProcessingTime, so {section}:TriggerInterval must be a positive time span such as \"00:00:05\" (it is {(TriggerInterval is null ? "not set" : $"\"{TriggerInterval}\"")})."),
            _ => throw new InvalidOperationException($"Query '{name}': {section}:Trigger has the unknown value {(int)Trigger}."),
        };
        if (MaxLag <= TimeSpan.Zero)
            throw new InvalidOperationException($"Query '{name}': {section}:MaxLag must be a positive time span (it is \"{MaxLag}\").");
        return new QueryOptions
        {
            Name = name,
            CheckpointLocation = CheckpointLocation,
            Trigger = trigger,
            StateStore = StateStore,
            StateMemoryBudgetBytes = StateMemoryBudgetBytes,
            LoggerFactory = loggerFactory,
            Listeners = [listener],
        };
    }
}
