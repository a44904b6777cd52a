namespace Compiled.Sources.Files;

/// <summary>What the file source does with an input file once the batch that read it is committed (Spark's <c>cleanSource</c>).</summary>
public enum CleanSourceMode
{
    /// <summary>Leave input files where they are (the default).</summary>
    Off,

    /// <summary>Delete input files of committed batches.</summary>
    Delete,

    /// <summary>Move input files of committed batches under <see cref="FileSourceOptions.SourceArchiveDir"/>, keeping their path relative to the source directory.</summary>
    Archive,
}
