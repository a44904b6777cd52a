using System.Text;

namespace Compiled.Sources.Files;

/// <summary>Opens an input file of the file source for one sequential pass; shared by every format.</summary>
/// <remarks>
/// Sharing Delete lets the source's clean-up (or another process) move or delete a file that is being
/// read; the stream keeps reading the data it opened. The formats buffer themselves, so the stream does not.
/// </remarks>
internal static class InputFile
{
    /// <summary>Buffer size of <see cref="OpenText"/>; large enough that sequential reads are few.</summary>
    private const int TextBufferSize = 1 << 16;

    /// <summary>Opens <paramref name="filePath"/> for reading bytes.</summary>
    public static FileStream OpenRead(string filePath) => new(filePath, new FileStreamOptions
    {
        Mode = FileMode.Open,
        Access = FileAccess.Read,
        Share = FileShare.Read | FileShare.Delete,
        BufferSize = 0,
        Options = FileOptions.SequentialScan,
    });

    /// <summary>Opens <paramref name="filePath"/> as UTF-8 text, honouring a byte order mark.</summary>
    public static StreamReader OpenText(string filePath) =>
        new(OpenRead(filePath), Encoding.UTF8, detectEncodingFromByteOrderMarks: true, TextBufferSize);
}
