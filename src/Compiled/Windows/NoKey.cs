namespace Compiled.Windows;

/// <summary>The "other key parts" of a windowed aggregation grouped by the window alone.</summary>
public readonly record struct NoKey;
