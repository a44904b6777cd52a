namespace Compiled.Sinks.Files;

/// <summary>One data file of a committed file-sink batch.</summary>
/// <param name="Name">File name relative to the sink directory.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Rows">Number of rows in the file.</param>
internal readonly record struct FileSinkManifestEntry(string Name, long Size, long Rows);
