using Compiled.Batches;
using Compiled.Plans;
using Compiled.Sources;
using Compiled.State;
using Compiled.Tests.TestSupport;

namespace Compiled.Tests.Checkpointing;

/// <summary>
/// The same query whose state type moved to another class (what moving a generated query does) or changed: the
/// restart is refused with a message that names what differs, not just "the state schema changed".
/// </summary>
public sealed class StateTypeChangeTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly MemorySource<string> _source = Source.Memory<string>();

    public void Dispose() => _dir.Dispose();

    private async Task Run<TState>()
        where TState : unmanaged
    {
        var query = StreamingQuery.Start(new StatePlan<TState>(), [_source], Sink.Memory<string>(), new QueryOptions
        {
            CheckpointLocation = _dir.Combine("chk"),
            StateStore = StateStoreKind.Faster,
            StateMemoryBudgetBytes = 1 << 20,
        });
        _source.AddData("a");
        await query.ProcessAllAvailableAsync().Bounded();
        await query.StopAsync().Bounded();
    }

    [Fact]
    public async Task A_state_type_that_moved_to_another_class_is_named_with_both_classes()
    {
        await Run<OriginalHome.Counter>();
        await Run<OriginalHome.Counter>();

        var failure = await Assert.ThrowsAsync<StreamingQueryException>(Run<NewHome.Counter>);

        Assert.Contains(
            $"its value type 'Counter' was declared in '{typeof(OriginalHome).FullName}' and is now declared in '{typeof(NewHome).FullName}' " +
            "(the query, or its state type, moved to another class or namespace)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("operator 'state0'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_state_type_that_changed_is_named_before_and_now()
    {
        await Run<OriginalHome.Counter>();

        var failure = await Assert.ThrowsAsync<StreamingQueryException>(Run<long>);

        Assert.Contains($"its value type was '{typeof(OriginalHome.Counter)}' and is now 'System.Int64'", failure.Message, StringComparison.Ordinal);
    }

    /// <summary>Where the query's state type lived first.</summary>
    public static class OriginalHome
    {
        public record struct Counter(long N);
    }

    /// <summary>Where it moved: same name, same layout, another declaring class.</summary>
    public static class NewHome
    {
        public record struct Counter(long N);
    }

    /// <summary>Keeps one <typeparamref name="TState"/> per word; the plan's fingerprints do not depend on it, as with a moved query.</summary>
    private sealed class StatePlan<TState> : IQueryPlan<string>
        where TState : unmanaged
    {
        private IStateStore<string, TState>? _store;

        public QueryPlanInfo Info { get; } = new("StateQuery", "state-v1", OutputMode.Append, [new InputInfo("words", "System.String")],
            [new StateOperatorInfo("state0", "Aggregate(count by word)", "word->counter")], "Source(words) -> Aggregate");

        public void Open(PlanContext context) => _store = context.GetStateStore<string, TState>("state0");

        public void Execute(BatchInputs inputs, RowBuffer<string> output, BatchContext batch)
        {
            foreach (string word in inputs.Get<string>(0)) _store!.Put(word, default);
        }
    }
}
