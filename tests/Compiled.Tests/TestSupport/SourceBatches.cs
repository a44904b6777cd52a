using Compiled.Plans;
using Compiled.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tests.TestSupport;

/// <summary>Drives a source by hand the way the engine does: open it, plan an end offset, read a range and copy the rows out.</summary>
public static class SourceBatches
{
    /// <summary>The context of source 0 of query <c>test-query</c>, with <paramref name="directory"/> as its checkpoint directory.</summary>
    public static SourceContext Context(string directory, IClock clock) =>
        new("test-query", 0, directory, clock, NullLogger.Instance);

    /// <summary>Plans and reads one batch; returns the rows and the new end offset (unchanged when there was nothing new).</summary>
    public static (T[] Rows, SourceOffset? End) NextBatch<T>(ISource<T> source, SourceOffset? start, ReadLimit limit = default)
    {
        var end = source.LatestOffset(start, limit);
        if (end is null || end == start) return ([], start);
        return (ReadRows<T>(source, start, end), end);
    }

    /// <summary>Reads (start, end] through a fresh <see cref="BatchInputs"/> and returns the rows copied out.</summary>
    public static T[] ReadRows<T>(ISource<T> source, SourceOffset? start, SourceOffset end)
    {
        var inputs = new BatchInputs(1);
        try
        {
            long count = source.Read(start, end, inputs, 0);
            var rows = inputs.Get<T>(0).ToArray();
            Assert.Equal(count, rows.Length);
            return rows;
        }
        finally
        {
            inputs.Release();
        }
    }
}
