namespace GoZero.Engine;

/// <summary>What a path names, as <c>stat</c>'s <c>st_mode</c> tells it (the link itself, not what it points to).</summary>
public enum FileType
{
    /// <summary>Nothing is there.</summary>
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    /// <summary>A named pipe (mkfifo).</summary>
    Fifo,
    /// <summary>A character device such as /dev/null or a terminal.</summary>
    CharacterDevice,
    /// <summary>A block device: a disk or a partition.</summary>
    BlockDevice,
    Socket,
}
