namespace Compiled.Sources.Files.Csv;

/// <summary>Chooses the <see cref="CsvColumn{TValue}"/> converter for a member type.</summary>
internal static class CsvColumnFactory
{
    /// <summary>True when a member of type <paramref name="type"/> can be read from CSV text.</summary>
    public static bool IsSupported(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || inner == typeof(DateTime) || inner == typeof(DateTimeOffset) || inner.IsEnum
            || (inner.IsValueType && ImplementsSpanParsable(inner));
    }

    /// <summary>A <c>CsvColumn&lt;<paramref name="type"/>&gt;</c> for the column named <paramref name="name"/>.</summary>
    public static object Create(Type type, string name)
    {
        if (type == typeof(string)) return new StringCsvColumn(name);
        if (Nullable.GetUnderlyingType(type) is { } inner)
            return Activator.CreateInstance(typeof(NullableCsvColumn<>).MakeGenericType(inner), Create(inner, name))!;
        if (type == typeof(DateTime)) return new DateTimeCsvColumn(name);
        if (type == typeof(DateTimeOffset)) return new DateTimeOffsetCsvColumn(name);
        if (type.IsEnum) return Activator.CreateInstance(typeof(EnumCsvColumn<>).MakeGenericType(type), name)!;
        if (type.IsValueType && ImplementsSpanParsable(type))
            return Activator.CreateInstance(typeof(ParsableCsvColumn<>).MakeGenericType(type), name)!;
        throw new NotSupportedException($"CSV cannot convert text to {type.FullName}.");
    }

    private static bool ImplementsSpanParsable(Type type) =>
        typeof(ISpanParsable<>).MakeGenericType(type).IsAssignableFrom(type);
}
