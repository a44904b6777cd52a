using System.Globalization;
using System.Text.RegularExpressions;

namespace Compiled.Package.Tests;

/// <summary>
/// A user's project that references only the Compiled package gets the generator and the analyzers with it:
/// <c>dotnet build</c> compiles a valid query silently and fails an invalid one with the right CQ id.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed partial class ConsumerBuildTests(PackageFixture fixture, ITestOutputHelper output)
{
    /// <summary>A program that does not call the query, so the only diagnostics are the query's own.</summary>
    private const string IdleProgram = "System.Console.WriteLine(\"not run\");\n";

    [Fact]
    public async Task Valid_word_count_builds_with_warnings_as_errors_keeps_the_apps_async_linq_and_counts_words_in_FASTER_state()
    {
        ProcessResult build = await BuildAsync(ConsumerSources.WordCountProgram, ConsumerSources.WordCountQuery);

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics("error"));
        Assert.Empty(build.Diagnostics("warning"));

        string input = Path.Combine(fixture.Root, "word-count-input");
        Directory.CreateDirectory(input);
        string[] files = ["The quick brown fox,jumps over\nthe lazy dog", "the dog barks\n\nTHE END, the end"];
        for (int i = 0; i < files.Length; i++) File.WriteAllText(Path.Combine(input, $"{i}.txt"), files[i]);

        ProcessResult run = await fixture.Consumer.RunAsync(input);
        output.WriteLine($"program: {run.Duration.TotalSeconds:0.0} s");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("async linq: 2,3", run.Output, StringComparison.Ordinal);
        Assert.Equal(ReferenceWordCount(files), LastConsoleTable(run.Output));
    }

    [Fact]
    public async Task Query_class_that_is_not_partial_fails_the_build_with_CQ0001()
    {
        ProcessResult build = await BuildAsync(IdleProgram, ConsumerSources.NotPartialQuery);

        Assert.NotEqual(0, build.ExitCode);
        AssertOnlyError("CQ0001", build);
    }

    [Fact]
    public async Task Complete_mode_without_aggregation_fails_the_build_with_CQ1001()
    {
        ProcessResult build = await BuildAsync(IdleProgram, ConsumerSources.CompleteWithoutAggregationQuery);

        Assert.NotEqual(0, build.ExitCode);
        AssertOnlyError("CQ1001", build);
    }

    [Fact]
    public async Task Zip_on_a_stream_gets_CQ1405_naming_the_stream_operator_to_use_beside_the_compilers_error()
    {
        ProcessResult build = await BuildAsync(IdleProgram, ConsumerSources.ZipQuery);

        Assert.NotEqual(0, build.ExitCode);
        IReadOnlyList<string> errors = build.Diagnostics("error");
        string cq = Assert.Single(errors, e => e.Contains(" error CQ1405:", StringComparison.Ordinal));
        Assert.Contains("Query.cs(", cq, StringComparison.Ordinal);
        Assert.Contains("'Zip' is not an operator of Compiled.IStream<T>", cq, StringComparison.Ordinal);
        Assert.Contains("Join(other, leftKey, rightKey", cq, StringComparison.Ordinal);
        Assert.Contains("/blob/v", cq, StringComparison.Ordinal);
        // The compiler's own error stays (an error cannot be suppressed); CQ1405 is what explains it.
        Assert.All(errors, e => Assert.Matches(" error (CQ1405|CS0411|CS1061):", e));
    }

    [Fact]
    public async Task Update_mode_into_a_file_sink_is_warning_CQ1005_which_fails_the_apps_warnings_as_errors_build()
    {
        ProcessResult strict = await BuildAsync(ConsumerSources.UpdateIntoFileSinkProgram, ConsumerSources.UpdateModeQuery);
        Assert.NotEqual(0, strict.ExitCode);
        Assert.Contains(" error CQ1005:", Assert.Single(strict.Diagnostics("error")), StringComparison.Ordinal);

        ProcessResult build = await BuildAsync(ConsumerSources.UpdateIntoFileSinkProgram, ConsumerSources.UpdateModeQuery, "-p:TreatWarningsAsErrors=false");

        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Empty(build.Diagnostics("error"));
        string warning = Assert.Single(build.Diagnostics("warning"));
        Assert.Contains(" warning CQ1005:", warning, StringComparison.Ordinal);
        Assert.Contains("Program.cs(", warning, StringComparison.Ordinal);
    }

    private async Task<ProcessResult> BuildAsync(string program, string query, params string[] arguments)
    {
        ProcessResult build = await fixture.Consumer.BuildAsync(new Dictionary<string, string>
        {
            ["Program.cs"] = program,
            ["Query.cs"] = query,
        }, arguments);
        output.WriteLine($"dotnet build: {build.Duration.TotalSeconds:0.0} s (dotnet pack once: {fixture.PackDuration.TotalSeconds:0.0} s)");
        return build;
    }

    private static void AssertOnlyError(string id, ProcessResult build)
    {
        IReadOnlyList<string> errors = build.Diagnostics("error");
        Assert.True(errors.Count > 0 && errors.All(e => e.Contains($" error {id}:", StringComparison.Ordinal)),
            $"expected only {id} errors; {build}");
        Assert.Contains(errors, e => e.Contains("Query.cs(", StringComparison.Ordinal));
        Assert.Empty(build.Diagnostics("warning"));
    }

    /// <summary>What the query computes, by plain LINQ over the same text: word → count, ordered by word.</summary>
    private static List<(string Word, long Count)> ReferenceWordCount(IEnumerable<string> files) =>
        files.SelectMany(text => text.Split('\n'))
            .SelectMany(line => line.Split(' ', ','))
            .Select(word => word.ToLowerInvariant())
            .Where(word => word.Length > 0)
            .GroupBy(word => word)
            .Select(g => (Word: g.Key, Count: (long)g.Count()))
            .OrderBy(row => row.Word, StringComparer.Ordinal)
            .ToList();

    /// <summary>The rows of the last table the console sink printed (Complete mode: the whole result), ordered by word.</summary>
    private static List<(string Word, long Count)> LastConsoleTable(string text)
    {
        int lastBatch = text.LastIndexOf("Batch: ", StringComparison.Ordinal);
        Assert.True(lastBatch >= 0, $"the console sink printed no batch:\n{text}");
        return TableRow().Matches(text[lastBatch..])
            .Select(m => (Word: m.Groups["word"].Value, Count: long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture)))
            .OrderBy(row => row.Word, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>A data row of the console sink's table, <c>|  word|  3|</c>; the header's Count column is not a number.</summary>
    [GeneratedRegex(@"^\|\s*(?<word>[^|\s]+)\|\s*(?<count>[0-9]+)\|\r?$", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
