using Compiled.IO;

namespace Compiled.Checkpointing;

/// <summary>
/// Keeps a second run off a checkpoint while one uses it: two runs would plan, log and commit the same
/// batch ids with different input ranges. The lock is the file <c>lock</c> held open without sharing for
/// the whole run; the OS releases it when the process dies, so a killed run leaves no stale lock.
/// </summary>
internal sealed class CheckpointLock : IDisposable
{
    internal const string FileName = "lock";

    private readonly FileStream _held;

    private CheckpointLock(FileStream held) => _held = held;

    /// <summary>Takes the lock of the checkpoint at <paramref name="root"/> for query <paramref name="queryName"/>.</summary>
    /// <exception cref="CheckpointException">Another run holds it.</exception>
    internal static CheckpointLock Acquire(string root, string queryName)
    {
        string path = Path.Combine(root, FileName);
        if (Directory.Exists(path))
            throw new CheckpointException(path,
                $"Query '{queryName}': checkpoint '{root}' cannot be locked: '{path}' is a directory, not the lock file. " +
                "Nothing of the query lives there; remove it and restart the query.");
        try
        {
            return new CheckpointLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException e) when (IoErrors.IsLocked(e))
        {
            throw new CheckpointException(path,
                $"Query '{queryName}': checkpoint '{root}' is in use by another run (it holds '{path}'). " +
                "Two runs on one checkpoint would write the same batches; stop the other run, or give this one its own checkpoint location.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CheckpointException(path,
                $"Query '{queryName}': checkpoint '{root}' cannot be locked: cannot open '{path}' for writing: {IoErrors.Explain(e)}. " +
                "A run needs write access to its checkpoint. " + IoErrors.Advice(e), e);
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose() => _held.Dispose();
}
