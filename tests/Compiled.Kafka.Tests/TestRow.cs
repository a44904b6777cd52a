using System.Text.Json.Serialization;
using Compiled;

namespace Compiled.Kafka.Tests;

/// <summary>The JSON row of the source and sink tests.</summary>
public sealed record TestRow(string Id, int Amount);

/// <summary>A query over <see cref="TestRow"/>: the generator then emits and registers its JSON reader, which the source tests read through.</summary>
[StreamingQuery(OutputMode.Append)]
public static partial class TestRowQuery
{
    static IStream<TestRow> Define(IStream<TestRow> rows) => rows.Where(r => r.Amount > 0);
}

/// <summary>Source-generated JSON metadata of <see cref="TestRow"/>.</summary>
[JsonSerializable(typeof(TestRow))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
public sealed partial class TestJson : JsonSerializerContext
{
}
