namespace Compiled.Checkpointing;

/// <summary>
/// A checkpoint directory cannot be used: it belongs to another query or plan, a log entry is
/// truncated or corrupt, or the logs disagree. The message names the query and the file at fault.
/// </summary>
public sealed class CheckpointException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The checkpoint file or directory at fault.</param>
    /// <param name="message">What is wrong and what to do about it.</param>
    /// <param name="inner">The low-level cause (I/O or JSON), when there is one.</param>
    public CheckpointException(string path, string message, Exception? inner = null)
        : base(message, inner)
    {
        Path = path;
    }

    /// <summary>The checkpoint file or directory at fault.</summary>
    public string Path { get; }
}
