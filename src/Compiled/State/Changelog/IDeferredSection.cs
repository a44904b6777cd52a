namespace Compiled.State.Changelog;

/// <summary>
/// An operator's section of a frame, taken on the batch thread (<see cref="IChangelogStore.DeferSection"/>) and written
/// on the checkpoint thread: what it writes may take long to encode (window chunks), and is not changed by the batches
/// that run meanwhile.
/// </summary>
internal interface IDeferredSection
{
    /// <summary>Appends the section to <paramref name="frame"/>, in the format <see cref="IChangelogStore.WriteSection"/> writes.</summary>
    void Write(ChangelogBuffer frame);
}
