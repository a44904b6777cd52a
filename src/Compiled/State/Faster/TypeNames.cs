using System.Text;

namespace Compiled.State.Faster;

/// <summary>Formats a type as a stable name for state schemas: namespace and generic arguments, no assembly versions.</summary>
internal static class TypeNames
{
    /// <summary>For example <c>System.ValueTuple&lt;System.Int64, System.String&gt;</c>.</summary>
    public static string Format(Type type)
    {
        var builder = new StringBuilder();
        Append(builder, type);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Type type)
    {
        if (type.IsArray)
        {
            Append(builder, type.GetElementType()!);
            builder.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }

        if (type.IsNested)
        {
            Append(builder, type.DeclaringType!);
            builder.Append('+');
        }
        else if (!string.IsNullOrEmpty(type.Namespace))
        {
            builder.Append(type.Namespace).Append('.');
        }

        string name = type.Name;
        int tick = name.IndexOf('`', StringComparison.Ordinal);
        builder.Append(tick < 0 ? name : name[..tick]);
        if (!type.IsGenericType)
        {
            return;
        }

        // Only the arguments that belong to this type (a nested type repeats its parent's).
        Type[] arguments = type.GetGenericArguments();
        int inherited = type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0;
        if (arguments.Length == inherited)
        {
            return;
        }

        builder.Append('<');
        for (int i = inherited; i < arguments.Length; i++)
        {
            if (i > inherited)
            {
                builder.Append(", ");
            }

            Append(builder, arguments[i]);
        }

        builder.Append('>');
    }
}
