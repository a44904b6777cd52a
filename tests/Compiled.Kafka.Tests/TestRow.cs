using System.Text.Json.Serialization;

namespace Compiled.Kafka.Tests;

/// <summary>The JSON row of the source and sink tests.</summary>
public sealed record TestRow(string Id, int Amount);

/// <summary>Source-generated JSON metadata of <see cref="TestRow"/>.</summary>
[JsonSerializable(typeof(TestRow))]
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
public sealed partial class TestJson : JsonSerializerContext
{
}
