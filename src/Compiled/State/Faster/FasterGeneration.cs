using System.Globalization;
using FASTER.core;

namespace Compiled.State.Faster;

/// <summary>
/// One generation of a store: a FASTER instance with its own log files and checkpoints in
/// <c>state/&lt;operatorId&gt;/gen-&lt;n&gt;/</c>.
/// </summary>
/// <remarks>
/// FASTER reclaims log space only by moving the log's begin address, after which its next checkpoint deletes the
/// older log segments, and every older checkpoint with them. Retained state versions must stay recoverable, so a
/// store never does that: when its log holds mostly superseded records it copies the live records into a new
/// generation instead, and the old generation's files are deleted once no retained version refers to them.
/// </remarks>
internal sealed class FasterGeneration<TFKey, TFValue> : IDisposable
{
    private const string Prefix = "gen-";
    private const string LogFolder = "log";
    private const string LogFileName = "hlog.log";
    private const string CheckpointFolder = "checkpoints";

    /// <summary>FASTER's folders of checkpoint tokens under <see cref="CheckpointDirectory"/>.</summary>
    public static readonly string[] TokenFolders = ["index-checkpoints", "cpr-checkpoints"];

    private readonly IDevice _logDevice;

    private FasterGeneration(int number, string directory, StoreOptions options, IFasterEqualityComparer<TFKey>? comparer, long indexBuckets)
    {
        Number = number;
        Directory = directory;
        CheckpointDirectory = CheckpointDirectoryOf(directory);
        FasterStoreLayout layout = options.Layout;
        _logDevice = Devices.CreateLogDevice(Path.Combine(directory, LogFolder, LogFileName), recoverDevice: true);
        CheckpointManager = new DeviceLogCommitCheckpointManager(
            new LocalStorageNamedDeviceFactory(),
            new DefaultCheckpointNamingScheme(CheckpointDirectory),
            removeOutdated: false);
        try
        {
            var logSettings = new LogSettings
            {
                LogDevice = _logDevice,
                MemorySizeBits = layout.MemorySizeBits,
                PageSizeBits = layout.PageSizeBits,
                SegmentSizeBits = layout.SegmentSizeBits,
            };
            Kv = new FasterKV<TFKey, TFValue>(
                indexBuckets,
                logSettings,
                new CheckpointSettings { CheckpointManager = CheckpointManager },
                comparer: comparer,
                concurrencyControlMode: ConcurrencyControlMode.None, // a store is used by one batch thread only
                loggerFactory: options.LoggerFactory);
            if (layout.EmptyPages > 0)
            {
                Kv.Log.SetEmptyPageCount(layout.EmptyPages, wait: true);
            }
        }
        catch
        {
            CheckpointManager.Dispose();
            _logDevice.Dispose();
            throw;
        }
    }

    /// <summary>The generation number, counting from 0.</summary>
    public int Number { get; }

    /// <summary>The generation's folder.</summary>
    public string Directory { get; }

    /// <summary>FASTER's checkpoint folder.</summary>
    public string CheckpointDirectory { get; }

    /// <summary>The FASTER instance.</summary>
    public FasterKV<TFKey, TFValue> Kv { get; }

    /// <summary>The checkpoint manager, kept to purge tokens.</summary>
    public DeviceLogCommitCheckpointManager CheckpointManager { get; }

    /// <summary>Opens generation <paramref name="number"/>; a fresh one first loses any files a crashed run left there.</summary>
    public static FasterGeneration<TFKey, TFValue> Open(StoreOptions options, int number, bool fresh, IFasterEqualityComparer<TFKey>? comparer, long indexBuckets)
    {
        string directory = PathOf(options.Directory, number);
        if (fresh && System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        System.IO.Directory.CreateDirectory(directory);
        return new FasterGeneration<TFKey, TFValue>(number, directory, options, comparer, indexBuckets);
    }

    /// <summary>The file of log segment <paramref name="segment"/>.</summary>
    public string LogSegmentPath(long segment) =>
        Path.Combine(Directory, LogFolder, LogFileName + "." + segment.ToString(CultureInfo.InvariantCulture));

    /// <summary>The folders of an index and a log checkpoint token.</summary>
    public IEnumerable<string> TokenDirectories(Guid indexToken, Guid logToken)
    {
        yield return Path.Combine(CheckpointDirectory, TokenFolders[0], indexToken.ToString());
        yield return Path.Combine(CheckpointDirectory, TokenFolders[1], logToken.ToString());
    }

    /// <summary>FASTER's checkpoint folder inside a generation's folder.</summary>
    public static string CheckpointDirectoryOf(string generationDirectory) => Path.Combine(generationDirectory, CheckpointFolder);

    /// <summary>Folder of generation <paramref name="number"/> under a store's folder.</summary>
    public static string PathOf(string storeDirectory, int number) =>
        Path.Combine(storeDirectory, Prefix + number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The generation numbers present under a store's folder.</summary>
    public static IEnumerable<(int Number, string Directory)> List(string storeDirectory)
    {
        if (!System.IO.Directory.Exists(storeDirectory))
        {
            yield break;
        }

        foreach (string directory in System.IO.Directory.EnumerateDirectories(storeDirectory, Prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(directory).AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                yield return (number, directory);
            }
        }
    }

    /// <summary>Bytes of all files of the generation.</summary>
    public long BytesOnDisk()
    {
        long total = 0;
        foreach (FileInfo file in new DirectoryInfo(Directory).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            total += file.Length;
        }

        return total;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Kv.Dispose();
        _logDevice.Dispose();
        CheckpointManager.Dispose();
    }
}
