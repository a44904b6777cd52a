using System.Globalization;
using Compiled.Diagnostics;
using Compiled.IO;

namespace Compiled.State.Changelog;

/// <summary>
/// The changelog's segment files, <c>state/_changelog/&lt;first batch&gt;.log</c>: appends one frame per batch and
/// makes it durable (fsync) before the engine writes <c>commits/N</c>; at start, reads and verifies every frame up to the
/// committed batch and cuts off what an uncommitted batch left.
/// </summary>
/// <remarks>A new segment starts after every base, so purging a base's predecessors also frees whole segments.</remarks>
internal sealed class ChangelogFiles : IDisposable
{
    /// <summary>Folder under the state directory; operator ids may not start with '_'.</summary>
    public const string DirectoryName = "_changelog";

    private const string Extension = ".log";
    private readonly string _directory;
    private FileStream? _segment;
    private long _segmentFirstBatch = -1;
    private uint _previousCrc;

    /// <summary>Opens (creating) the changelog folder under <paramref name="stateDirectory"/>.</summary>
    public ChangelogFiles(string stateDirectory)
    {
        _directory = Path.Combine(stateDirectory, DirectoryName);
        DurableFile.CreateDirectory(_directory);
    }

    /// <summary>The changelog folder.</summary>
    public string Directory => _directory;

    /// <summary>Bytes appended to the current segment so far.</summary>
    public long SegmentBytes => _segment?.Length ?? 0;

    /// <summary>
    /// Reads and verifies every frame up to <paramref name="recoverTo"/> (the last committed batch), which must be
    /// the last one read; what follows it (the frame, torn or whole, of a batch that never committed) is cut off.
    /// Null <paramref name="recoverTo"/>: no batch committed, every segment is deleted.
    /// </summary>
    /// <exception cref="InvalidDataException">A frame up to the committed batch is missing, damaged or out of order; the message names the file and the batch.</exception>
    public List<ChangelogFrame> Recover(long? recoverTo)
    {
        List<(long First, string Path)> segments = ListSegments();
        var frames = new List<ChangelogFrame>();
        if (recoverTo is not long target)
        {
            foreach ((_, string path) in segments)
            {
                DurableFile.Delete(path);
            }

            return frames;
        }

        byte[] header = new byte[ChangelogFrame.HeaderBytes];
        bool done = false;
        foreach ((long first, string path) in segments)
        {
            if (done)
            {
                // A segment begun after the committed batch: written by a run that died before committing it.
                DurableFile.Delete(path);
                continue;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            long offset = 0;
            long expected = first;
            while (!done)
            {
                if (frames.Count > 0 && frames[^1].BatchId == target)
                {
                    done = true;
                    break;
                }

                stream.Position = offset;
                int read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
                var parsed = read == header.Length ? ChangelogFrame.ReadHeader(header) : null;
                if (read == 0 && offset == stream.Length)
                {
                    break; // end of this segment; the next one continues
                }

                if (parsed is not { } h || offset + ChangelogFrame.HeaderBytes + h.PayloadLength > stream.Length)
                {
                    throw Damaged(path, expected, target, offset, "its header is torn or damaged, or its payload is cut short");
                }

                byte[] payload = new byte[h.PayloadLength];
                stream.ReadExactly(payload);
                if (Crc32C.Compute(payload) != h.PayloadCrc)
                {
                    throw Damaged(path, h.BatchId, target, offset, "its checksum does not match its contents");
                }

                if (h.BatchId != expected || (frames.Count > 0 && h.PreviousCrc != frames[^1].PayloadCrc))
                {
                    throw Damaged(path, expected, target, offset,
                        $"it holds batch {h.BatchId} where batch {expected} should follow (a segment was replaced, rolled back or deleted)");
                }

                long baseBatch = BitConverter.ToInt64(payload, 0);
                uint baseCrc = BitConverter.ToUInt32(payload, sizeof(long));
                int length = ChangelogFrame.HeaderBytes + h.PayloadLength;
                frames.Add(new ChangelogFrame(h.BatchId, baseBatch, baseCrc, h.PayloadCrc, path, offset, length));
                offset += length;
                expected++;
            }

            if (done && offset < stream.Length)
            {
                // The frame (whole or torn) of a batch after the committed one: that batch will run again.
                stream.SetLength(offset);
                stream.Flush(flushToDisk: true);
            }

            if (frames.Count > 0 && frames[^1].BatchId == target)
            {
                done = true;
                _segmentFirstBatch = first;
            }
        }

        if (!done)
        {
            long last = frames.Count == 0 ? -1 : frames[^1].BatchId;
            string where = segments.Count == 0 ? $"'{_directory}' holds no segment" : $"the last frame read is batch {last} in '{segments[^1].Path}'";
            throw new InvalidDataException(
                $"The state changelog has no record of committed batch {target}: {where}. A changelog segment was deleted, " +
                "truncated or rolled back; restore the checkpoint from a backup or start from a new checkpoint location.");
        }

        _previousCrc = frames[^1].PayloadCrc;
        return frames;
    }

    /// <summary>Reads the payload of <paramref name="frame"/> again, checking it against its checksum.</summary>
    public static byte[] ReadPayload(ChangelogFrame frame)
    {
        byte[] payload = new byte[frame.Length - ChangelogFrame.HeaderBytes];
        using var stream = new FileStream(frame.Segment, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Position = frame.Offset + ChangelogFrame.HeaderBytes;
        stream.ReadExactly(payload);
        if (Crc32C.Compute(payload) != frame.PayloadCrc)
        {
            throw new InvalidDataException($"Changelog segment '{frame.Segment}' changed while it was read: the frame of batch {frame.BatchId} no longer matches its checksum.");
        }

        return payload;
    }

    /// <summary>Makes the next frame start a new segment (after a base).</summary>
    public void StartSegment()
    {
        _segment?.Dispose();
        _segment = null;
        _segmentFirstBatch = -1;
    }

    /// <summary>
    /// Appends frame <paramref name="batchId"/> (header space included, filled here) and makes it durable.
    /// </summary>
    public void Append(Span<byte> frame, long batchId)
    {
        _previousCrc = ChangelogFrame.WriteHeader(frame, batchId, _previousCrc);
        FileStream segment = _segment ?? OpenSegment(batchId);
        if (CrashPoints.IsArmed)
        {
            // Half the frame reaches the disk, then the process dies: the torn tail of an uncommitted batch.
            int half = frame.Length / 2;
            segment.Write(frame[..half]);
            segment.Flush(flushToDisk: true);
            CrashPoints.Hit(CrashPoints.StateChangelogMidWrite, batchId, queryName: null);
            segment.Write(frame[half..]);
        }
        else
        {
            segment.Write(frame);
        }

        segment.Flush(flushToDisk: true);
    }

    /// <summary>Deletes the segments that hold only frames before <paramref name="firstNeededBatch"/>.</summary>
    public void Purge(long firstNeededBatch)
    {
        List<(long First, string Path)> segments = ListSegments();
        for (int i = 0; i + 1 < segments.Count; i++)
        {
            if (segments[i + 1].First <= firstNeededBatch && segments[i].First != _segmentFirstBatch)
            {
                DurableFile.Delete(segments[i].Path);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _segment?.Dispose();
        _segment = null;
    }

    private FileStream OpenSegment(long batchId)
    {
        string path;
        FileMode mode;
        if (_segmentFirstBatch >= 0)
        {
            path = PathOf(_segmentFirstBatch);
            mode = FileMode.Append;
        }
        else
        {
            _segmentFirstBatch = batchId;
            path = PathOf(batchId);
            mode = FileMode.Create;
        }

        _segment = new FileStream(path, mode, FileAccess.Write, FileShare.Read, 1);
        if (mode == FileMode.Create)
        {
            DurableFile.SyncDirectory(_directory);
        }

        return _segment;
    }

    private string PathOf(long firstBatch) => Path.Combine(_directory, firstBatch.ToString("D19", CultureInfo.InvariantCulture) + Extension);

    private List<(long First, string Path)> ListSegments()
    {
        var segments = new List<(long, string)>();
        foreach (string file in System.IO.Directory.EnumerateFiles(_directory, "*" + Extension))
        {
            if (long.TryParse(Path.GetFileNameWithoutExtension(file), NumberStyles.None, CultureInfo.InvariantCulture, out long first))
            {
                segments.Add((first, file));
            }
        }

        segments.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return segments;
    }

    private static InvalidDataException Damaged(string path, long batchId, long committed, long offset, string what) =>
        new($"Changelog segment '{path}' is damaged at batch {batchId} (byte {offset}): {what}. Batch {committed} is " +
            "committed and recovery needs every frame up to it; restore the checkpoint from a backup or start from a new checkpoint location.");
}
