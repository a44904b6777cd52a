using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes the per-batch pre-aggregation table: open addressing with linear probing over a slot array, entries kept
    /// densely in first-seen order. Dense entries make iteration order independent of hash codes (string hashes are
    /// randomised per process), so a replayed batch emits its groups in the same order.
    /// </summary>
    internal static class KeyTableEmitter
    {
        /// <summary>The hash-combining helper used by composite keys.</summary>
        public const string MixMethod = "Mix";

        /// <summary>Writes the table class <paramref name="name"/> for <paramref name="key"/> and accumulator <paramref name="state"/>.</summary>
        public static void Write(SourceWriter w, string name, TypeSpec key, string state, bool spanKeys)
        {
            string keyParameter = (key.IsValueType && key.Shape is not (TypeShape.Primitive or TypeShape.Enum) ? "in " : string.Empty) + key.Name;
            w.Line("/// <summary>Pre-aggregates one batch: one entry per distinct key, in first-seen order.</summary>");
            w.Open("private sealed class " + name);
            w.Line("private const int InitialEntries = 16;");
            w.Line("private Entry[] _entries = new Entry[InitialEntries];");
            w.Line("// Entry index + 1 per slot, 0 when empty; twice the entries keeps probes short.");
            w.Line("private int[] _slots = new int[InitialEntries * 2];");
            w.Line("private int _shift = 32 - 5;");
            w.Line("private int _count;");
            w.Line();
            w.Line("/// <summary>Number of distinct keys in the batch.</summary>");
            w.Line("public int Count => _count;");
            w.Line();
            w.Line("/// <summary>Entry <paramref name=\"index\"/>, in first-seen order.</summary>");
            w.Line("public ref Entry EntryAt(int index) => ref _entries[index];");
            w.Line();
            w.Open("public void Clear()");
            w.Line("if (_count == 0) return;");
            w.Line("global::System.Array.Clear(_slots, 0, _slots.Length);");
            w.Line("global::System.Array.Clear(_entries, 0, _count);");
            w.Line("_count = 0;");
            w.Close();
            w.Line();
            if (spanKeys)
            {
                // Split words are looked up as spans; a string is allocated only for a key new to the batch.
                WriteFindOrAdd(w, KnownNames.CharSpanG, state, "string.GetHashCode(key)",
                    KnownNames.MemoryExtensionsG + ".SequenceEqual(key, " + KnownNames.MemoryExtensionsG + ".AsSpan(entry.Key))", "key.ToString()");
            }
            else
            {
                WriteFindOrAdd(w, keyParameter, state, "Hash(key)", "Equal(entry.Key, key)", "key");
            }
            w.Line();
            w.Open("private int Insert(int hash)");
            w.Line("if (_count == _entries.Length) Grow();");
            w.Line("int slot = EmptySlot(hash);");
            w.Line("int index = _count++;");
            w.Line("_slots[slot] = index + 1;");
            w.Line("return index;");
            w.Close();
            w.Line();
            w.Open("private void Grow()");
            w.Line("global::System.Array.Resize(ref _entries, _entries.Length * 2);");
            w.Line("_slots = new int[_entries.Length * 2];");
            w.Line("_shift--;");
            w.Line("for (int i = 0; i < _count; i++) _slots[EmptySlot(_entries[i].Hash)] = i + 1;");
            w.Close();
            w.Line();
            w.Open("private int EmptySlot(int hash)");
            w.Line("int mask = _slots.Length - 1;");
            w.Line("int slot = Home(hash);");
            w.Line("while (_slots[slot] != 0) slot = (slot + 1) & mask;");
            w.Line("return slot;");
            w.Close();
            w.Line();
            w.Line("// Fibonacci hashing spreads weak hash codes (small integers, multiples of a power of two) over the slots.");
            w.Line("private int Home(int hash) => (int)(unchecked((uint)hash * 2654435769u) >> _shift);");
            w.Line();
            if (!spanKeys)
            {
                string hash = KeyEquality.Hash(key, "key");
                if (hash.Contains(MixMethod + "("))
                {
                    w.Line("private static int " + MixMethod + "(int hash, int value) => unchecked((hash * -1521134295) + value);");
                    w.Line();
                }
                w.Line("private static int Hash(" + keyParameter + " key) => " + hash + ";");
                w.Line();
                w.Line("private static bool Equal(" + keyParameter + " a, " + keyParameter + " b) => " + KeyEquality.Equal(key, "a", "b") + ";");
                w.Line();
            }
            w.Line("/// <summary>A key, its hash and its accumulator.</summary>");
            w.Open("public struct Entry");
            w.Line("public " + key.Name + " Key;");
            w.Line("public int Hash;");
            w.Line("public " + state + " Value;");
            w.Close();
            w.Close();
        }

        private static void WriteFindOrAdd(SourceWriter w, string keyParameter, string state, string hash, string equal, string stored)
        {
            w.Line("/// <summary>The accumulator of <paramref name=\"key\"/>; <paramref name=\"added\"/> is true when the key is new in this batch.</summary>");
            w.Open("public ref " + state + " FindOrAdd(" + keyParameter + " key, out bool added)");
            w.Line("int hash = " + hash + ";");
            w.Line("int mask = _slots.Length - 1;");
            w.Open("for (int slot = Home(hash); _slots[slot] != 0; slot = (slot + 1) & mask)");
            w.Line("ref Entry entry = ref _entries[_slots[slot] - 1];");
            w.Open("if (entry.Hash == hash && " + equal + ")");
            w.Line("added = false;");
            w.Line("return ref entry.Value;");
            w.Close();
            w.Close();
            // Insert may grow the array: read _entries only after it returns.
            w.Line("int index = Insert(hash);");
            w.Line("ref Entry created = ref _entries[index];");
            w.Line("created.Key = " + stored + ";");
            w.Line("created.Hash = hash;");
            w.Line("created.Value = default;");
            w.Line("added = true;");
            w.Line("return ref created.Value;");
            w.Close();
        }
    }
}
