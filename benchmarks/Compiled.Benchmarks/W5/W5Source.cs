namespace Compiled.Benchmarks.W5;

/// <summary>Where a W5 variant reads its records from.</summary>
internal enum W5Source
{
    /// <summary>JSON-lines files, one per batch.</summary>
    Files,

    /// <summary>The topic on the mock cluster.</summary>
    Kafka,
}
