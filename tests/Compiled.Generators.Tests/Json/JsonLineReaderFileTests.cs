using System.Text;
using System.Text.Json;
using Compiled.Batches;
using Compiled.Sources.Files;

namespace Compiled.Generators.Tests.Json;

/// <summary>
/// The JSON-lines file format over a row type with a generated reader: the rows are System.Text.Json's, and bad lines
/// follow the bad-record policy with the same file, line and reason as before the reader existed.
/// </summary>
public sealed class JsonLineReaderFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "compiled-jsonreader-" + Guid.NewGuid().ToString("N"));

    public JsonLineReaderFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Rows_and_skipped_bad_lines_match_System_Text_Json()
    {
        var (path, lines) = WriteLines(seed: 11, count: 3000);
        var format = new JsonLineFormat<JsonTrade>(null);
        using var rows = new RowBuffer<JsonTrade>(16);
        using var badRecords = new BadRecordHandler(BadRecordPolicy.Skip, null);
        format.ReadFile(path, rows, badRecords);

        var expected = new List<JsonTrade>();
        int bad = 0;
        var typeInfo = JsonLinesOptions.TypeInfo<JsonTrade>(null);
        foreach (string line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                if (JsonSerializer.Deserialize(line, typeInfo) is { } row) expected.Add(row);
                else bad++;
            }
            catch (JsonException)
            {
                bad++;
            }
        }
        Assert.True(format.UsesGeneratedReader);
        Assert.True(bad > 0 && expected.Count > lines.Length / 2, $"{bad} bad and {expected.Count} good lines");
        Assert.Equal(expected, rows.Span.ToArray());
        Assert.Equal(bad, badRecords.Skipped);
    }

    [Fact]
    public void The_first_bad_line_fails_with_its_file_line_and_System_Text_Json_reason()
    {
        var (path, lines) = WriteLines(seed: 12, count: 200);
        int first = -1;
        string? reason = null;
        var typeInfo = JsonLinesOptions.TypeInfo<JsonTrade>(null);
        for (int i = 0; i < lines.Length && reason is null; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            try
            {
                if (JsonSerializer.Deserialize(lines[i], typeInfo) is null) reason = "the line is JSON null, not a JsonTrade";
            }
            catch (JsonException e)
            {
                reason = "invalid JSON for JsonTrade: " + e.Message;
            }
            first = i + 1;
        }
        Assert.NotNull(reason);

        using var rows = new RowBuffer<JsonTrade>(16);
        using var badRecords = BadRecordHandler.Failing();
        var failure = Assert.Throws<BadRecordException>(() => new JsonLineFormat<JsonTrade>(null).ReadFile(path, rows, badRecords));
        Assert.Equal(path, failure.FilePath);
        Assert.Equal(first, failure.LineNumber);
        Assert.Equal(reason, failure.Reason);
    }

    private (string Path, string[] Lines) WriteLines(int seed, int count)
    {
        var texts = new JsonTextGenerator(new Random(seed), JsonTradeShape.Members);
        var lines = new string[count];
        for (int i = 0; i < count; i++) lines[i] = texts.Next(clean: i % 2 == 0).Replace("\r", " ").Replace("\n", " ");
        string path = Path.Combine(_directory, "trades-" + seed + ".jsonl");
        File.WriteAllText(path, string.Join("\n", lines), new UTF8Encoding(false));
        return (path, lines);
    }
}
