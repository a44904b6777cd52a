namespace Compiled.Sources.Files.Csv;

/// <summary>A field's text cannot be converted to its member's type; the CSV format turns it into a bad record.</summary>
internal sealed class CsvFieldException(string message) : Exception(message);
