namespace GoZero.SelfPlay;

/// <summary>Another process holds a match or self-play folder's <see cref="FolderLock"/>. The message names the folder
/// and says where to find the holder's pid (.NET cannot read a file another process holds this way, so it cannot
/// say the pid itself).</summary>
public sealed class FolderInUseException(string folder, string lockPath, Exception? inner = null)
    : IOException($"{folder} is in use by another gozero process (its pid is in {lockPath}); wait for it to finish, or use another folder", inner);
