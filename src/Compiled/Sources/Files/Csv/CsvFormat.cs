using System.Globalization;
using Compiled.Batches;

namespace Compiled.Sources.Files.Csv;

/// <summary>
/// CSV files with a header row; each later record becomes one <typeparamref name="T"/>, columns mapped by
/// name (see <see cref="CsvRowMapper{T}"/>), values parsed under the invariant culture.
/// </summary>
/// <remarks>
/// A record with the wrong number of fields, a value that does not convert, or malformed quoting is a bad
/// record. A header that cannot be mapped fails the read whatever the policy: no line of that file could
/// become a row.
/// </remarks>
internal sealed class CsvFormat<T> : IFileFormat<T>
{
    private readonly CsvRowMapper<T> _mapper = new();

    /// <inheritdoc />
    public string Name => "csv";

    /// <inheritdoc />
    public void ReadFile(string filePath, RowBuffer<T> rows, BadRecordHandler badRecords)
    {
        using var text = InputFile.OpenText(filePath);
        using var csv = new CsvReader(text);
        if (!csv.ReadRecord()) return;
        if (csv.Error is not null)
            throw new InvalidDataException($"The header of CSV file '{filePath}' (line {csv.RecordLine}) is malformed: {csv.Error}.");
        var header = new string[csv.Record.FieldCount];
        for (int i = 0; i < header.Length; i++) header[i] = csv.Record[i].ToString();
        var create = _mapper.ForHeader(header, filePath);

        var record = csv.Record;
        while (csv.ReadRecord())
        {
            if (csv.Error is not null)
            {
                badRecords.Report(filePath, csv.RecordLine, csv.Error, csv.RawRecord);
                continue;
            }
            if (record.FieldCount != header.Length)
            {
                badRecords.Report(filePath, csv.RecordLine, string.Create(CultureInfo.InvariantCulture,
                    $"expected {header.Length} fields as in the header but found {record.FieldCount}"), csv.RawRecord);
                continue;
            }
            T row;
            try
            {
                row = create(record);
            }
            catch (CsvFieldException e)
            {
                badRecords.Report(filePath, csv.RecordLine, e.Message, csv.RawRecord);
                continue;
            }
            rows.Add(row);
        }
    }
}
