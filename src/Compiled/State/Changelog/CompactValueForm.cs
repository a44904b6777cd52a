using Compiled.Windows;

namespace Compiled.State.Changelog;

/// <summary>
/// The compact form of a value type that defines one: a generated accumulator (<see cref="IWindowAccumulator{TSelf}"/>)
/// writes its integer fields as varints. Found once per type, so a changelog section can write the accumulators of a
/// keyed aggregation as compactly as the window chunks do, without the section's code naming the accumulator interface
/// in its constraints.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal abstract class CompactValueForm<T>
{
    /// <summary>The form of <typeparamref name="T"/>, or null when it defines none (it is then written raw).</summary>
    public static readonly CompactValueForm<T>? Instance = Find();

    /// <summary>The most bytes <see cref="Write"/> writes.</summary>
    public abstract int MaxBytes { get; }

    /// <summary>Writes <paramref name="value"/> in its compact form.</summary>
    public abstract void Write(ref ChunkWriter writer, in T value);

    /// <summary>Reads what <see cref="Write"/> wrote.</summary>
    public abstract T Read(ref ChunkReader reader);

    private static CompactValueForm<T>? Find()
    {
        foreach (Type contract in typeof(T).GetInterfaces())
        {
            if (contract.IsGenericType && contract.GetGenericTypeDefinition() == typeof(IWindowAccumulator<>) && contract.GenericTypeArguments[0] == typeof(T))
            {
                return (CompactValueForm<T>)Activator.CreateInstance(typeof(AccumulatorForm<>).MakeGenericType(typeof(T)))!;
            }
        }

        return null;
    }
}
