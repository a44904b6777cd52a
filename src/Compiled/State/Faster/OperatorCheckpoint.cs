namespace Compiled.State.Faster;

/// <summary>One operator's entry in a base version: where its FASTER checkpoint lives, its row count and its files.</summary>
/// <param name="OperatorId">The operator, also its directory name under <c>state/</c>.</param>
/// <param name="Schema">Key and value types and encodings.</param>
/// <param name="Generation">The store generation (<c>state/&lt;operatorId&gt;/gen-&lt;n&gt;/</c>) holding the checkpoint.</param>
/// <param name="IndexToken">The FASTER index checkpoint to start recovery from (taken at or before this version).</param>
/// <param name="LogToken">The FASTER hybrid-log checkpoint of exactly this version.</param>
/// <param name="Count">Live keys at this version (FASTER does not count them).</param>
/// <param name="IndexBuckets">Hash index buckets of the FASTER instance (sized to the key count); recovery creates the same.</param>
/// <param name="Files">Every file FASTER reads to recover this version, with sizes and checksums.</param>
internal sealed record OperatorCheckpoint(
    string OperatorId, StateSchema Schema, int Generation, Guid IndexToken, Guid LogToken, long Count, long IndexBuckets, IReadOnlyList<FileDigest> Files);
