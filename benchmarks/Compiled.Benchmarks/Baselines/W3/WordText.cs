using System.Buffers;

namespace Compiled.Benchmarks.Baselines.W3;

/// <summary>The pieces of W3's definition every variant shares, so they differ only in how they run it.</summary>
internal static class WordText
{
    /// <summary>The separators, for <see cref="string.Split(char[])"/>.</summary>
    public static readonly char[] Separators = [' ', ','];

    /// <summary>The separators, for vectorised searching.</summary>
    public static readonly SearchValues<char> SeparatorValues = SearchValues.Create(Separators);

    /// <summary>W3's filter: the token holds at least one letter or digit (an empty token does not).</summary>
    public static bool HasLetterOrDigit(ReadOnlySpan<char> word)
    {
        foreach (char c in word)
        {
            if (char.IsAsciiLetterOrDigit(c) || (c > sbyte.MaxValue && char.IsLetterOrDigit(c))) return true;
        }
        return false;
    }
}
