using System.Text.Json.Serialization;

namespace Compiled.Benchmarks.W5;

/// <summary>Source-generated JSON metadata of W5's inputs, so neither the file nor the Kafka source reflects per row.</summary>
[JsonSerializable(typeof(TextLine))]
[JsonSerializable(typeof(TradeWindows.Trade))]
internal sealed partial class W5Json : JsonSerializerContext
{
}
