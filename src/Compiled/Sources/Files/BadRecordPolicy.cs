namespace Compiled.Sources.Files;

/// <summary>What the file source does with a line or CSV record it cannot turn into a row.</summary>
public enum BadRecordPolicy
{
    /// <summary>Fail the batch with a <see cref="BadRecordException"/> naming the file, the line and the problem (the default).</summary>
    Fail,

    /// <summary>Drop the record and count it in the <c>numBadRecordsSkipped</c> metric.</summary>
    Skip,

    /// <summary>
    /// Copy the raw record with its file, line and reason as a JSON line under
    /// <see cref="FileSourceOptions.BadRecordsPath"/>, and count it in the <c>numBadRecordsRedirected</c> metric.
    /// </summary>
    Redirect,
}
