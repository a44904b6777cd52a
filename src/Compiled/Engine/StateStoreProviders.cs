using Compiled.State;
using Compiled.State.Changelog;
using Microsoft.Extensions.Logging;

namespace Compiled.Engine;

/// <summary>Chooses the state store provider a query runs with.</summary>
internal static class StateStoreProviders
{
    /// <summary>Creates the provider of <paramref name="kind"/>, recovering state to <paramref name="recoverToBatchId"/>.</summary>
    /// <param name="kind">The query's <see cref="QueryOptions.StateStore"/>.</param>
    /// <param name="hasStatefulOperators">
    /// False for a stateless plan, which gets the empty in-memory provider whatever the kind: it opens no
    /// FASTER instance and writes nothing under <c>state/</c>.
    /// </param>
    /// <param name="stateDirectory">The checkpoint's <c>state/</c> directory.</param>
    /// <param name="recoverToBatchId">Last committed batch, or null for a new query.</param>
    /// <param name="memoryBudgetBytes">The query's <see cref="QueryOptions.StateMemoryBudgetBytes"/>.</param>
    /// <param name="snapshotInterval">The query's <see cref="QueryOptions.StateSnapshotInterval"/>.</param>
    /// <param name="loggerFactory">The query's logger factory.</param>
    internal static IStateStoreProvider Create(
        StateStoreKind kind,
        bool hasStatefulOperators,
        string stateDirectory,
        long? recoverToBatchId,
        long memoryBudgetBytes,
        int snapshotInterval,
        ILoggerFactory? loggerFactory)
    {
        if (!hasStatefulOperators) return new InMemoryStateStoreProvider(null, memoryBudgetBytes, loggerFactory);
        return kind switch
        {
            StateStoreKind.Faster => new ChangelogStateStoreProvider(stateDirectory, recoverToBatchId, memoryBudgetBytes, snapshotInterval, loggerFactory),
            StateStoreKind.InMemory => new InMemoryStateStoreProvider(recoverToBatchId, memoryBudgetBytes, loggerFactory),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, $"Unknown state store kind {kind}."),
        };
    }
}
