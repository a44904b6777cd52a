namespace Compiled.State.Faster;

/// <summary>One operator's entry in a state version: where its FASTER checkpoint lives and its row count.</summary>
/// <param name="OperatorId">The operator, also its directory name under <c>state/</c>.</param>
/// <param name="Schema">Key and value types and encodings.</param>
/// <param name="Generation">The store generation (<c>state/&lt;operatorId&gt;/gen-&lt;n&gt;/</c>) holding the checkpoint.</param>
/// <param name="IndexToken">The FASTER index checkpoint to start recovery from (taken at or before this version).</param>
/// <param name="LogToken">The FASTER hybrid-log checkpoint of exactly this version.</param>
/// <param name="Count">Live keys at this version (FASTER does not count them).</param>
internal sealed record OperatorCheckpoint(string OperatorId, StateSchema Schema, int Generation, Guid IndexToken, Guid LogToken, long Count);
