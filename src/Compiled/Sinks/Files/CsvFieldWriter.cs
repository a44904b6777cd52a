using System.Linq.Expressions;
using System.Reflection;

namespace Compiled.Sinks.Files;

/// <summary>Writes one property of a row as a CSV field; one subclass per kind of value, chosen once per sink.</summary>
internal abstract class CsvFieldWriter<T>
{
    /// <summary>Writes the field of <paramref name="row"/>.</summary>
    public abstract void Write(T row, CsvOutput output);

    /// <summary>The writer for <paramref name="property"/>; throws <see cref="NotSupportedException"/> for types CSV cannot hold.</summary>
    public static CsvFieldWriter<T> For(PropertyInfo property)
    {
        var type = property.PropertyType;
        var inner = Nullable.GetUnderlyingType(type);
        if (type == typeof(string)) return new StringCsvFieldWriter<T>(Getter<string?>(property));
        if (type == typeof(bool) || inner == typeof(bool)) return new BooleanCsvFieldWriter<T>(Getter<bool?>(property));
        var valueType = inner ?? type;
        if (valueType.IsValueType && typeof(ISpanFormattable).IsAssignableFrom(valueType))
        {
            string? format = valueType == typeof(DateTime) || valueType == typeof(DateTimeOffset) ? "O" : null;
            var writerType = inner is null
                ? typeof(FormattableCsvFieldWriter<,>).MakeGenericType(typeof(T), valueType)
                : typeof(NullableCsvFieldWriter<,>).MakeGenericType(typeof(T), valueType);
            var getter = typeof(CsvFieldWriter<T>).GetMethod(nameof(Getter), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type).Invoke(null, [property]);
            return (CsvFieldWriter<T>)Activator.CreateInstance(writerType, getter, format)!;
        }
        throw new NotSupportedException(
            $"CSV sink for {typeof(T).Name}: property '{property.Name}' has type {type.Name}, which cannot be written as a CSV field.");
    }

    /// <summary>A compiled getter, converting to <typeparamref name="TValue"/> (e.g. bool to bool?).</summary>
    private static Func<T, TValue> Getter<TValue>(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(T), "row");
        Expression body = Expression.Property(row, property);
        if (body.Type != typeof(TValue)) body = Expression.Convert(body, typeof(TValue));
        return Expression.Lambda<Func<T, TValue>>(body, row).Compile();
    }
}
