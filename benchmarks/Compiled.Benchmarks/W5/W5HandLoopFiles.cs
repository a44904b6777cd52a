using Compiled.Benchmarks.Workloads;

namespace Compiled.Benchmarks.W5;

/// <summary>
/// W5's reference over the files: read each file's bytes and fold each line into an <see cref="IW5Aggregate"/>.
/// No checkpoint, no sink.
/// </summary>
internal sealed class W5HandLoopFiles(W5Input input, Func<IW5Aggregate> aggregate) : Variant("Hand-written loop, JSON-lines files")
{
    private string[] _files = [];
    private IW5Aggregate _result = aggregate();

    /// <inheritdoc/>
    public override void Prepare() => _files = input.Files();

    /// <inheritdoc/>
    public override long Run()
    {
        IW5Aggregate result = aggregate();
        foreach (string file in _files)
        {
            ReadOnlySpan<byte> rest = File.ReadAllBytes(file);
            while (!rest.IsEmpty)
            {
                int end = rest.IndexOf((byte)'\n');
                ReadOnlySpan<byte> record = end < 0 ? rest : rest[..end];
                rest = end < 0 ? [] : rest[(end + 1)..];
                if (!record.IsEmpty) result.Add(record);
            }
        }
        _result = result;
        return result.Count;
    }

    /// <inheritdoc/>
    public override Checksum Checksum() => _result.Checksum();
}
