using System;
using System.Collections;
using System.Collections.Generic;

namespace Compiled.Generators.Model
{
    /// <summary>An immutable array compared by its elements, so the incremental pipeline can cache models that hold lists.</summary>
    /// <remarks>Cache boundary: elements must themselves be immutable and value-equal.</remarks>
    internal sealed class ImmutableEquatableArray<T> : IEquatable<ImmutableEquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        private readonly T[] _items;

        /// <summary>The empty array.</summary>
        public static ImmutableEquatableArray<T> Empty { get; } = new ImmutableEquatableArray<T>(Array.Empty<T>());

        /// <summary>Copies <paramref name="items"/>.</summary>
        public ImmutableEquatableArray(IEnumerable<T> items) => _items = new List<T>(items).ToArray();

        /// <inheritdoc/>
        public int Count => _items.Length;

        /// <inheritdoc/>
        public T this[int index] => _items[index];

        /// <inheritdoc/>
        public bool Equals(ImmutableEquatableArray<T>? other)
        {
            if (ReferenceEquals(this, other)) return true;
            if (other is null || other._items.Length != _items.Length) return false;
            for (int i = 0; i < _items.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(_items[i], other._items[i])) return false;
            }
            return true;
        }

        /// <inheritdoc/>
        public override bool Equals(object? obj) => Equals(obj as ImmutableEquatableArray<T>);

        /// <inheritdoc/>
        public override int GetHashCode()
        {
            unchecked
            {
                int hash = 17;
                foreach (var item in _items) hash = (hash * 31) + (item is null ? 0 : item.GetHashCode());
                return hash;
            }
        }

        /// <inheritdoc/>
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();
    }

    /// <summary>Factory helpers for <see cref="ImmutableEquatableArray{T}"/>.</summary>
    internal static class ImmutableEquatableArray
    {
        /// <summary>Copies <paramref name="items"/> into a value-equal array.</summary>
        public static ImmutableEquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items)
            where T : IEquatable<T> => new ImmutableEquatableArray<T>(items);
    }
}
