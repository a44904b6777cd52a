using Compiled.Generators.Model;

namespace Compiled.Generators.Emit.Operators
{
    /// <summary>
    /// Writes the per-batch pre-aggregation table: open addressing with linear probing, the entries stored in the slots
    /// themselves, so a lookup reads one place in memory rather than a slot and then the entry it points to. A separate
    /// list of slots in first-seen order makes iteration independent of hash codes (string hashes are randomised per
    /// process), so a replayed batch emits its groups in the same order.
    /// </summary>
    internal static class KeyTableEmitter
    {
        /// <summary>The hash-combining helper used by composite keys.</summary>
        public const string MixMethod = "Mix";

        /// <summary>Writes the table class <paramref name="name"/> for <paramref name="key"/> and accumulator <paramref name="state"/>.</summary>
        public static void Write(SourceWriter w, string name, TypeSpec key, string state, bool spanKeys)
        {
            string keyParameter = (key.IsValueType && key.Shape is not (TypeShape.Primitive or TypeShape.Enum) ? "in " : string.Empty) + key.Name;
            // A primitive's hash is as cheap to recompute as to load, and its equality is one compare: a smaller entry wins.
            bool storeHash = spanKeys || key.Shape is not (TypeShape.Primitive or TypeShape.Enum);
            w.Line("/// <summary>Pre-aggregates one batch: one entry per distinct key, iterated in first-seen order.</summary>");
            w.Open("private sealed class " + name);
            w.Line("private const int InitialSlots = 32;");
            w.Line("// At most half the slots are used, which keeps probes short.");
            w.Line("private Entry[] _slots = new Entry[InitialSlots];");
            w.Line("// The slot of each key, in first-seen order.");
            w.Line("private int[] _order = new int[InitialSlots / 2];");
            w.Line("private int _shift = 32 - 5;");
            w.Line("private int _count;");
            w.Line();
            w.Line("/// <summary>Number of distinct keys in the batch.</summary>");
            w.Line("public int Count => _count;");
            w.Line();
            w.Line("/// <summary>Entry <paramref name=\"index\"/>, in first-seen order.</summary>");
            w.Line("public ref Entry EntryAt(int index) => ref _slots[_order[index]];");
            w.Line();
            w.Open("public void Clear()");
            w.Line("// Only the used slots: a small batch does not pay for the size an earlier batch grew the table to.");
            w.Line("for (int i = 0; i < _count; i++) _slots[_order[i]] = default;");
            w.Line("_count = 0;");
            w.Close();
            w.Line();
            if (spanKeys)
            {
                // Split words are looked up as spans; a string is allocated only for a key new to the batch.
                WriteFindOrAdd(w, KnownNames.CharSpanG, state, "string.GetHashCode(key)",
                    "entry.Hash == hash && " + KnownNames.MemoryExtensionsG + ".SequenceEqual(key, " + KnownNames.MemoryExtensionsG + ".AsSpan(entry.Key))",
                    "key.ToString()", storeHash);
            }
            else
            {
                WriteFindOrAdd(w, keyParameter, state, "Hash(key)", (storeHash ? "entry.Hash == hash && " : string.Empty) + "Equal(entry.Key, key)",
                    "key", storeHash);
            }
            w.Line();
            w.Open("private void Grow()");
            w.Line("var old = _slots;");
            w.Line("_slots = new Entry[old.Length * 2];");
            w.Line("_shift--;");
            w.Line("global::System.Array.Resize(ref _order, _order.Length * 2);");
            w.Open("for (int i = 0; i < _count; i++)");
            w.Line("ref Entry entry = ref old[_order[i]];");
            w.Line("int slot = EmptySlot(" + (storeHash ? "entry.Hash" : "Hash(entry.Key)") + ");");
            w.Line("_slots[slot] = entry;");
            w.Line("_order[i] = slot;");
            w.Close();
            w.Close();
            w.Line();
            w.Open("private int EmptySlot(int hash)");
            w.Line("int mask = _slots.Length - 1;");
            w.Line("int slot = Home(hash);");
            w.Line("while (_slots[slot].Used) slot = (slot + 1) & mask;");
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
            w.Line("/// <summary>A slot: whether it holds a key, the key" + (storeHash ? ", its hash" : string.Empty) + " and its accumulator.</summary>");
            w.Open("public struct Entry");
            w.Line("public bool Used;");
            w.Line("public " + key.Name + " Key;");
            if (storeHash) w.Line("public int Hash;");
            w.Line("public " + state + " Value;");
            w.Close();
            w.Close();
        }

        private static void WriteFindOrAdd(SourceWriter w, string keyParameter, string state, string hash, string equal, string stored,
            bool storeHash)
        {
            w.Line("/// <summary>The accumulator of <paramref name=\"key\"/>; <paramref name=\"added\"/> is true when the key is new in this batch.</summary>");
            w.Open("public ref " + state + " FindOrAdd(" + keyParameter + " key, out bool added)");
            w.Line("int hash = " + hash + ";");
            w.Line("Entry[] slots = _slots;");
            w.Line("int mask = slots.Length - 1;");
            w.Line("int slot = Home(hash);");
            w.Open("for (; slots[slot].Used; slot = (slot + 1) & mask)");
            w.Line("ref Entry entry = ref slots[slot];");
            w.Open("if (" + equal + ")");
            w.Line("added = false;");
            w.Line("return ref entry.Value;");
            w.Close();
            w.Close();
            w.Open("if (_count == _order.Length)");
            w.Line("Grow();");
            w.Line("slot = EmptySlot(hash);");
            w.Close();
            w.Line("_order[_count++] = slot;");
            w.Line("// A free slot is all default (new or cleared), so the accumulator starts at zero.");
            w.Line("ref Entry created = ref _slots[slot];");
            w.Line("created.Used = true;");
            w.Line("created.Key = " + stored + ";");
            if (storeHash) w.Line("created.Hash = hash;");
            w.Line("added = true;");
            w.Line("return ref created.Value;");
            w.Close();
        }
    }
}
