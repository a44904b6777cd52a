namespace Compiled.IO;

/// <summary>What a path is, following symbolic links (see <see cref="PathProbe"/>).</summary>
internal enum PathKind
{
    /// <summary>A regular file (directly or through a symlink): the only kind a file source reads.</summary>
    RegularFile,

    /// <summary>A directory.</summary>
    Directory,

    /// <summary>A FIFO, socket or device: opening one may block for ever, so it is never opened.</summary>
    Special,

    /// <summary>Nothing there, or a symlink to nothing (dangling).</summary>
    Missing,

    /// <summary>A symlink loop: too many levels of symbolic links.</summary>
    SymlinkLoop,

    /// <summary>The name cannot be given back to the OS (not valid UTF-8 on a UTF-8 system).</summary>
    Unrepresentable,
}
