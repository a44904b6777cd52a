namespace Compiled.Sources.Files;

/// <summary>A file source met a record it cannot read while <see cref="BadRecordPolicy.Fail"/> is in force.</summary>
public sealed class BadRecordException : Exception
{
    /// <summary>Creates the exception for the record at <paramref name="lineNumber"/> of <paramref name="filePath"/>.</summary>
    public BadRecordException(string filePath, long lineNumber, string reason, Exception? inner = null)
        : base(FormatMessage(filePath, lineNumber, reason), inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Reason = reason;
    }

    /// <summary>Full path of the input file.</summary>
    public string FilePath { get; }

    /// <summary>1-based line on which the bad record starts.</summary>
    public long LineNumber { get; }

    /// <summary>What was wrong with the record.</summary>
    public string Reason { get; }

    internal static string FormatMessage(string filePath, long lineNumber, string reason) =>
        $"Bad record in file '{filePath}' at line {lineNumber}: {reason}. " +
        "Set FileSourceOptions.BadRecords to Skip or Redirect to continue past bad records.";
}
