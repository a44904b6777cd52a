using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using BenchmarkDotNet.Attributes;
using Compiled.Benchmarks.W5;
using Compiled.Sources.Files;
using Compiled.Sources.Json;
using TradeWindows;

namespace Compiled.Benchmarks.Suites;

/// <summary>
/// W5's trade records parsed alone, per record: the JSON-lines source's parser (the generated reader of
/// <see cref="Trade"/>) against System.Text.Json under the same options, which is what the source used before.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(WorkloadJobConfig))]
public class W5JsonRowBenchmarks
{
    private const int Records = 100_000;
    private byte[][] _records = [];
    private JsonRowParser<Trade> _parser = null!;
    private JsonTypeInfo<Trade> _typeInfo = null!;

    /// <summary>Encodes the records and builds both readers under the file source's default options.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _records = new byte[Records][];
        for (int i = 0; i < Records; i++) _records[i] = Encoding.UTF8.GetBytes(W5TradeData.Record(i));
        _parser = JsonLinesOptions.Parser<Trade>(null);
        _typeInfo = JsonLinesOptions.TypeInfo<Trade>(null);
        _ = _parser.Parse(_records[0]);
        if (!_parser.UsesGeneratedReader) throw new InvalidOperationException("Trade has no registered generated JSON reader.");
    }

    /// <summary>The source's parser: the generated reader.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long GeneratedReader()
    {
        long sum = 0;
        foreach (byte[] record in _records) sum += _parser.Parse(record)!.Amount;
        return sum;
    }

    /// <summary>System.Text.Json's deserialiser under the same options.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long SystemTextJson()
    {
        long sum = 0;
        foreach (byte[] record in _records) sum += JsonSerializer.Deserialize(record, _typeInfo)!.Amount;
        return sum;
    }
}
