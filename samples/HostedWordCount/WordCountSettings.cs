namespace HostedWordCount;

/// <summary>The sample's own settings, section <c>WordCount</c> (the query's run options are under <c>Compiled:Queries:WordCount</c>).</summary>
public sealed class WordCountSettings
{
    /// <summary>The folder of text files to count; relative paths are under the app's folder.</summary>
    public string Input { get; set; } = "data";

    /// <summary>The folder where <c>counts.json</c> is replaced after every batch.</summary>
    public string Output { get; set; } = "counts";

    /// <summary>How often the health report is logged.</summary>
    public TimeSpan HealthLogInterval { get; set; } = TimeSpan.FromSeconds(30);
}
