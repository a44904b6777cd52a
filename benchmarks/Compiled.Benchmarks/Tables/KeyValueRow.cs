using Compiled.Sinks.Tables;

namespace Compiled.Benchmarks.Tables;

/// <summary>T1's row: the latest value of a key, upserted on <see cref="Key"/>.</summary>
public sealed record KeyValueRow([TableKey] int Key, long Value);
