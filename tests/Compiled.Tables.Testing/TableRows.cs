using Compiled.Sinks.Tables;

namespace Compiled.Tables.Testing;

/// <summary>An Update-mode row keyed by the attribute on its positional parameter.</summary>
public sealed record Total([TableKey] string Key, long Count, long Sum);

/// <summary>An Append-mode row without a key.</summary>
public sealed record Reading(long Id, string Sensor, double Value);

/// <summary>A row keyed by a selector over two members.</summary>
public sealed record CellValue(int Row, string Column, decimal Value);

/// <summary>An enum column: stored as its underlying number.</summary>
public enum Level : short
{
    Low = 1,
    High = 7,
}

/// <summary>One member of every supported type, for the type-mapping round trip.</summary>
public sealed record AllTypes(
    [TableKey] int Id,
    bool Flag,
    byte Small,
    short Short,
    long Long,
    float Single,
    double Double,
    decimal Money,
    string Text,
    string? MaybeText,
    char Letter,
    DateTime At,
    DateTimeOffset Instant,
    DateOnly Day,
    TimeOnly Clock,
    TimeSpan Span,
    Guid Uuid,
    byte[] Bytes,
    Level Level,
    int? MaybeNumber,
    DateTime? MaybeAt);
