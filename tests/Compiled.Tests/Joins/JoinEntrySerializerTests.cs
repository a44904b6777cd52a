using System.Buffers;
using Compiled.Joins;
using Compiled.State.Serializers;

namespace Compiled.Tests.Joins;

/// <summary>
/// A join's entries are encoded by the batch thread (changelog frames) and by the base thread (FASTER) with one
/// serializer instance; a scratch buffer shared between them once mixed the bytes of two entries.
/// </summary>
public sealed class JoinEntrySerializerTests
{
    [Fact]
    public void TwoThreadsEncodingAtOnce_EachGetTheirOwnEntriesBack()
    {
        var serializer = new JoinEntrySerializer<string, string, long>(
            StringStateSerializer.Instance, StringStateSerializer.Instance, new UnmanagedStateSerializer<long>());
        const int Entries = 200_000;
        using var start = new Barrier(2);
        var failures = new List<string>();

        void Encode(int thread)
        {
            var buffer = new ArrayBufferWriter<byte>();
            start.SignalAndWait();
            for (int i = 0; i < Entries; i++)
            {
                var entry = new JoinEntry<string, string, long>
                {
                    IsLeft = thread == 0,
                    TimeMs = i,
                    Key = new string((char)('a' + thread), 1 + (i % 40)),
                    Left = thread == 0 ? new string('L', i % 97) : null!,
                    Right = thread == 1 ? i * 7L : 0,
                };
                buffer.Clear();
                serializer.Serialize(in entry, buffer);
                JoinEntry<string, string, long> read;
                try
                {
                    read = serializer.Deserialize(buffer.WrittenSpan);
                }
                catch (Exception e) when (e is ArgumentOutOfRangeException or InvalidDataException)
                {
                    lock (failures) failures.Add($"thread {thread} entry {i}: {e.Message}");
                    continue;
                }
                if (read.Key != entry.Key || read.TimeMs != entry.TimeMs || read.IsLeft != entry.IsLeft
                    || (entry.IsLeft ? read.Left != entry.Left : read.Right != entry.Right))
                    lock (failures) failures.Add($"thread {thread} entry {i} came back as key '{read.Key}' time {read.TimeMs}");
            }
        }

        var threads = new[] { new Thread(() => Encode(0)), new Thread(() => Encode(1)) };
        foreach (var thread in threads) thread.Start();
        foreach (var thread in threads) thread.Join();

        Assert.Empty(failures);
    }
}
