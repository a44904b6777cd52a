namespace Compiled.Sinks.Tables;

/// <summary>A column of a table that already exists, as the database describes it.</summary>
/// <param name="Name">The column name.</param>
/// <param name="SqlType">The declared type, as the database spells it.</param>
/// <param name="NotNull">True when the column refuses null.</param>
/// <param name="HasDefault">True when an insert may leave the column out.</param>
internal sealed record ExistingColumn(string Name, string SqlType, bool NotNull, bool HasDefault);
