namespace Compiled.Benchmarks.Data;

/// <summary>Generates the W3 input: lines of words drawn from a mixed-case vocabulary.</summary>
/// <remarks>
/// benchmarks.md fixes the seed, the vocabulary size and ten words per line; it leaves the word shapes and
/// separators open, so they are fixed here: words of 3 to 10 characters, each character a digit with
/// probability 1/20 and otherwise an ASCII letter that is upper case with probability 1/4; the vocabulary
/// holds 10,000 words that stay distinct after lower-casing; words are drawn uniformly; between two words
/// comes " ", "," or ", " with equal probability, so a third of the gaps yield an empty token that the
/// query's letter-or-digit filter drops.
/// </remarks>
internal static class WordCorpus
{
    private const int MinWordLength = 3;
    private const int MaxWordLength = 10;
    private const int DigitOneIn = 20;
    private const int UpperCaseOneIn = 4;
    private static readonly string[] s_separators = [" ", ",", ", "];

    /// <summary>The vocabulary, generated first from <c>new Random(42)</c>.</summary>
    public static string[] Vocabulary(Random random)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var words = new string[WorkloadSizes.Vocabulary];
        Span<char> buffer = stackalloc char[MaxWordLength];
        for (int i = 0; i < words.Length;)
        {
            var word = buffer[..random.Next(MinWordLength, MaxWordLength + 1)];
            for (int c = 0; c < word.Length; c++) word[c] = RandomChar(random);
            var text = new string(word);
            if (seen.Add(text.ToLowerInvariant())) words[i++] = text;
        }
        return words;
    }

    /// <summary><paramref name="count"/> lines; any prefix of a longer run equals a shorter run.</summary>
    public static string[] Lines(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(WorkloadSizes.Seed);
        var vocabulary = Vocabulary(random);
        var lines = new string[count];
        var builder = new System.Text.StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            builder.Clear();
            for (int w = 0; w < WorkloadSizes.WordsPerLine; w++)
            {
                if (w > 0) builder.Append(s_separators[random.Next(s_separators.Length)]);
                builder.Append(vocabulary[random.Next(vocabulary.Length)]);
            }
            lines[i] = builder.ToString();
        }
        return lines;
    }

    private static char RandomChar(Random random)
    {
        if (random.Next(DigitOneIn) == 0) return (char)('0' + random.Next(10));
        char letter = (char)('a' + random.Next(26));
        return random.Next(UpperCaseOneIn) == 0 ? char.ToUpperInvariant(letter) : letter;
    }
}
