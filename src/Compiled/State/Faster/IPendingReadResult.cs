using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// Implemented by a store's FASTER functions: where a read that went to disk leaves its result once
/// <c>CompletePending</c> has run its completion callback on the batch thread.
/// </summary>
/// <remarks>Parking the result avoids FASTER's allocating completed-outputs iterator.</remarks>
internal interface IPendingReadResult<TOutput>
{
    /// <summary>Status of the last read completed from disk.</summary>
    Status PendingStatus { get; }

    /// <summary>Output of the last read completed from disk.</summary>
    TOutput PendingOutput { get; }

    /// <summary>Log address of the record that read found.</summary>
    long PendingAddress { get; }
}
