namespace Compiled.Sinks.Tables;

/// <summary>
/// The storage kind of a table column: every supported member type maps to exactly one, and each database maps the
/// kind to one SQL type (the table in docs/tables.md).
/// </summary>
internal enum ColumnKind
{
    /// <summary><c>bool</c>.</summary>
    Boolean,
    /// <summary><c>short</c>, <c>byte</c>, <c>sbyte</c> and enums over them.</summary>
    Int16,
    /// <summary><c>int</c>, <c>ushort</c> and enums over them.</summary>
    Int32,
    /// <summary><c>long</c>, <c>uint</c> and enums over them.</summary>
    Int64,
    /// <summary><c>float</c>.</summary>
    Single,
    /// <summary><c>double</c>.</summary>
    Double,
    /// <summary><c>decimal</c>.</summary>
    Decimal,
    /// <summary><c>string</c> and <c>char</c>.</summary>
    Text,
    /// <summary><c>DateTime</c>: the wall-clock value, its kind is not stored.</summary>
    DateTime,
    /// <summary><c>DateTimeOffset</c>: the instant.</summary>
    DateTimeOffset,
    /// <summary><c>DateOnly</c>.</summary>
    Date,
    /// <summary><c>TimeOnly</c>.</summary>
    Time,
    /// <summary><c>TimeSpan</c>.</summary>
    Interval,
    /// <summary><c>Guid</c>.</summary>
    Uuid,
    /// <summary><c>byte[]</c>.</summary>
    Bytes,
}
