namespace Compiled.Sources.TextSocket;

/// <summary>Rows of <see cref="Source.Socket"/>: the text alone.</summary>
internal readonly struct TextRows : ISocketRowFactory<string>
{
    public static string Create(in BufferedLine line) => line.Text;
}
