namespace Compiled.Sources.TextSocket;

/// <summary>Turns a received line into the socket source's row type; a struct type argument, so the copy loop makes no virtual call.</summary>
internal interface ISocketRowFactory<T>
{
    static abstract T Create(in BufferedLine line);
}
