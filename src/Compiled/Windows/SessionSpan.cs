namespace Compiled.Windows;

/// <summary>One session of a key, [<see cref="StartMs"/>, <see cref="EndMs"/>): the first row's time to the last row's time plus its gap.</summary>
internal readonly record struct SessionSpan(long StartMs, long EndMs);
