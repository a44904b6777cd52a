using Compiled.Plans;
using Compiled.Sources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Compiled.Tests.Rate;

/// <summary>Opens sources and reads batches the way the engine does, for source tests.</summary>
internal static class RateTestSupport
{
    public static SourceContext Context(string directory, IClock clock) =>
        new("test-query", 0, directory, clock, NullLogger.Instance);

    /// <summary>Reads (start, end] through a fresh <see cref="BatchInputs"/> and returns the rows copied out.</summary>
    public static T[] ReadRows<T>(ISource source, SourceOffset? start, SourceOffset end)
    {
        var inputs = new BatchInputs(1);
        try
        {
            long count = source.Read(start, end, inputs, 0);
            var rows = inputs.GetBuffer<T>(0).Span.ToArray();
            Assert.Equal(count, rows.Length);
            return rows;
        }
        finally
        {
            inputs.Release();
        }
    }
}
