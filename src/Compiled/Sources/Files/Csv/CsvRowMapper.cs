using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Compiled.Sources.Files.Csv;

/// <summary>
/// Maps CSV records to <typeparamref name="T"/> by column name: constructor parameters first (records),
/// then settable properties, names compared case-insensitively.
/// </summary>
/// <remarks>
/// The member list is checked once, when the source is created, so an unsupported member type fails early.
/// For each distinct header a factory is compiled (an expression tree calling the typed converters and the
/// constructor), so reading a row neither boxes values nor uses reflection.
/// </remarks>
internal sealed class CsvRowMapper<T>
{
    private const string ReadMethod = nameof(CsvColumn<int>.Read);

    private readonly ConstructorInfo? _constructor;
    private readonly ParameterInfo[] _parameters;
    private readonly PropertyInfo[] _settable;
    private readonly ConcurrentDictionary<string, Func<CsvRecord, T>> _factories = new(StringComparer.Ordinal);

    /// <summary>Inspects <typeparamref name="T"/>; throws <see cref="NotSupportedException"/> when it cannot be read from CSV.</summary>
    public CsvRowMapper()
    {
        var type = typeof(T);
        var constructors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        int most = constructors.Length == 0 ? 0 : constructors.Max(static c => c.GetParameters().Length);
        var widest = constructors.Where(c => c.GetParameters().Length == most).ToArray();
        if (widest.Length > 1)
            throw new NotSupportedException($"CSV rows of type {type.Name}: several public constructors take {most} parameters; keep one so columns map unambiguously.");
        if (widest.Length == 0 && !type.IsValueType)
            throw new NotSupportedException($"CSV rows of type {type.Name}: the type has no public constructor.");
        _constructor = widest.Length == 1 ? widest[0] : null;
        _parameters = _constructor?.GetParameters() ?? [];
        var parameterNames = new HashSet<string>(_parameters.Select(static p => p.Name!), StringComparer.OrdinalIgnoreCase);
        _settable = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && !parameterNames.Contains(p.Name))
            .ToArray();

        foreach (var parameter in _parameters)
        {
            if (!CsvColumnFactory.IsSupported(parameter.ParameterType))
                throw new NotSupportedException($"CSV rows of type {type.Name}: constructor parameter '{parameter.Name}' has type {parameter.ParameterType.Name}, which CSV text cannot be converted to.");
        }
        foreach (var property in _settable)
        {
            if (!CsvColumnFactory.IsSupported(property.PropertyType))
                throw new NotSupportedException($"CSV rows of type {type.Name}: property '{property.Name}' has type {property.PropertyType.Name}, which CSV text cannot be converted to.");
        }
    }

    /// <summary>The row factory for files whose header is <paramref name="header"/>; throws <see cref="InvalidDataException"/> when the header does not fit.</summary>
    public Func<CsvRecord, T> ForHeader(IReadOnlyList<string> header, string filePath)
    {
        string key = string.Join('\u001f', header);
        if (_factories.TryGetValue(key, out var factory)) return factory;
        factory = Compile(header, filePath);
        _factories.TryAdd(key, factory);
        return factory;
    }

    private Func<CsvRecord, T> Compile(IReadOnlyList<string> header, string filePath)
    {
        var columns = IndexColumns(header, filePath);
        var record = Expression.Parameter(typeof(CsvRecord), "record");
        var arguments = new Expression[_parameters.Length];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var parameter = _parameters[i];
            int index = Find(columns, parameter.Name!, filePath);
            if (index >= 0) arguments[i] = ReadColumn(record, parameter.ParameterType, header[index], index);
            else if (parameter.HasDefaultValue) arguments[i] = DefaultOf(parameter);
            else throw new InvalidDataException(
                $"The header of CSV file '{filePath}' has no column for constructor parameter '{parameter.Name}' of {typeof(T).Name} (columns: {string.Join(", ", header)}).");
        }
        Expression created = _constructor is null ? Expression.New(typeof(T)) : Expression.New(_constructor, arguments);
        var bindings = new List<MemberBinding>();
        foreach (var property in _settable)
        {
            int index = Find(columns, property.Name, filePath);
            if (index >= 0) bindings.Add(Expression.Bind(property, ReadColumn(record, property.PropertyType, header[index], index)));
        }
        if (bindings.Count > 0) created = Expression.MemberInit((NewExpression)created, bindings);
        return Expression.Lambda<Func<CsvRecord, T>>(created, record).Compile();
    }

    private static Dictionary<string, int> IndexColumns(IReadOnlyList<string> header, string filePath)
    {
        const int Ambiguous = -2;
        var columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Trim();
            columns[name] = columns.ContainsKey(name) ? Ambiguous : i;
        }
        return columns;
    }

    private static int Find(Dictionary<string, int> columns, string memberName, string filePath)
    {
        if (!columns.TryGetValue(memberName, out int index)) return -1;
        if (index < 0)
            throw new InvalidDataException($"The header of CSV file '{filePath}' names column '{memberName}' more than once (names are compared case-insensitively).");
        return index;
    }

    private static Expression ReadColumn(ParameterExpression record, Type type, string columnName, int index)
    {
        object column = CsvColumnFactory.Create(type, columnName.Trim());
        var read = column.GetType().GetMethod(ReadMethod, [typeof(CsvRecord), typeof(int)])!;
        return Expression.Call(Expression.Constant(column), read, record, Expression.Constant(index));
    }

    private static Expression DefaultOf(ParameterInfo parameter)
    {
        var type = parameter.ParameterType;
        object? value = parameter.DefaultValue;
        if (value is null || value is DBNull) return Expression.Default(type);
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner.IsEnum) value = Enum.ToObject(inner, value);
        return Expression.Convert(Expression.Constant(value), type);
    }
}
