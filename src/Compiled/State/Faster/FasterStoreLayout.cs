using System.Numerics;

namespace Compiled.State.Faster;

/// <summary>
/// How one store's memory budget is split between FASTER's hash index and the in-memory part of its hybrid log.
/// </summary>
/// <remarks>
/// A quarter of the budget goes to the index (one 8-byte slot per key; a 64-byte bucket holds 7), the rest to the
/// log's circular page buffer. FASTER sizes that buffer in powers of two, so the buffer is rounded up and the
/// surplus pages are kept empty (<c>EmptyPageCount</c>): records beyond the budget are flushed to the log device
/// and evicted, and reads of them complete from disk. Overflow buckets, allocated when many keys share a bucket,
/// come on top of the budget and are reported in the memory metric.
/// </remarks>
internal readonly record struct FasterStoreLayout(long IndexBuckets, int MemorySizeBits, int PageSizeBits, int SegmentSizeBits, int EmptyPages)
{
    /// <summary>The smallest budget accepted: it leaves room for <see cref="MinPages"/> pages of <see cref="MinPageBits"/>.</summary>
    public const long MinimumBudgetBytes = 1L << 20;

    private const int BucketBytes = 64;
    private const int IndexShareShift = 2;           // index = budget / 4
    private const int MinIndexBuckets = 1 << 10;
    private const int MaxIndexBuckets = 1 << 24;     // 1 GiB: FASTER allocates the index in one piece
    private const int PagesPerBufferBits = 4;        // 16 pages in the circular buffer
    private const int MinPageBits = 16;              // 64 KiB: the largest record must fit in one page
    private const int MaxPageBits = 25;              // FASTER's default page size (32 MiB)
    private const int MinPages = 4;
    private const int MaxSegmentBits = 30;           // 1 GiB log files
    private const int SegmentPagesBits = 4;          // a log file holds 16 pages at least

    /// <summary>Bytes of one log page, the largest record FASTER can store.</summary>
    public long PageBytes => 1L << PageSizeBits;

    /// <summary>Bytes of the in-memory log actually usable.</summary>
    public long LogMemoryBytes => (1L << MemorySizeBits) - ((long)EmptyPages << PageSizeBits);

    /// <summary>Bytes of the hash index (without overflow buckets).</summary>
    public long IndexBytes => IndexBuckets * BucketBytes;

    /// <summary>Splits <paramref name="memoryBudgetBytes"/>; throws when it is below <see cref="MinimumBudgetBytes"/>.</summary>
    public static FasterStoreLayout FromBudget(long memoryBudgetBytes)
    {
        if (memoryBudgetBytes < MinimumBudgetBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(memoryBudgetBytes),
                memoryBudgetBytes,
                $"The state memory budget (QueryOptions.StateMemoryBudgetBytes) must be at least {MinimumBudgetBytes} bytes (1 MiB).");
        }

        long largestFit = (long)BitOperations.RoundUpToPowerOf2((ulong)((memoryBudgetBytes >> IndexShareShift) / BucketBytes + 1)) >> 1;
        long indexBuckets = Math.Clamp(largestFit, MinIndexBuckets, MaxIndexBuckets);
        long logBudget = memoryBudgetBytes - indexBuckets * BucketBytes;

        int memoryBits = (int)Math.Ceiling(Math.Log2(logBudget));
        int pageBits = Math.Clamp(memoryBits - PagesPerBufferBits, MinPageBits, MaxPageBits);
        long pageBytes = 1L << pageBits;
        int emptyPages = (int)(((1L << memoryBits) - logBudget + pageBytes - 1) / pageBytes);
        int bufferPages = 1 << (memoryBits - pageBits);
        emptyPages = Math.Min(emptyPages, bufferPages - MinPages);
        int segmentBits = Math.Min(MaxSegmentBits, pageBits + SegmentPagesBits);
        return new FasterStoreLayout(indexBuckets, memoryBits, pageBits, segmentBits, Math.Max(0, emptyPages));
    }
}
