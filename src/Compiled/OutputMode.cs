namespace Compiled;

/// <summary>What a query writes to its sink after each micro-batch (Spark's output modes).</summary>
public enum OutputMode
{
    /// <summary>Only rows added to the result since the last batch; rows never change once written.</summary>
    Append,
    /// <summary>Only rows of the result that changed in this batch.</summary>
    Update,
    /// <summary>The whole result after every batch.</summary>
    Complete,
}
