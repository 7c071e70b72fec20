namespace GoZero.Network;

/// <summary>A GoZero checkpoint that cannot be read: missing, truncated, corrupted (its SHA-256 disagrees), of another
/// format or version, or of another architecture than the caller expects. Catch <see cref="NetworkFormatException"/>
/// to handle it together with malformed Leela Zero files.</summary>
public sealed class CheckpointFormatException(string path, string reason, Exception? inner = null)
    : NetworkFormatException(path, line: null, reason, inner);
