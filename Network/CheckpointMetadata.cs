namespace GoZero.Network;

/// <summary>
/// Where a checkpoint comes from, saved with it. <paramref name="ParentSha256"/> is the SHA-256 (64 lower-case hex
/// digits, as sha256sum prints it) of the file it was trained from or converted from, empty for none.
/// </summary>
/// <param name="Generation">The training generation: 0 for a random or imported network, +1 per promoted network.</param>
/// <param name="TrainingSteps">Optimizer steps taken since the random network.</param>
/// <param name="GamesSeen">Self-play games whose positions it has been trained on.</param>
/// <param name="CreatedUtc">When it was made.</param>
/// <param name="ParentName">The file name of its parent, empty for none.</param>
/// <param name="Notes">Free text: how it was made.</param>
public sealed record CheckpointMetadata(
    int Generation,
    long TrainingSteps,
    long GamesSeen,
    DateTime CreatedUtc,
    string ParentName = "",
    string ParentSha256 = "",
    string Notes = "")
{
    /// <summary>A network made now, with no training and no parent.</summary>
    public static CheckpointMetadata New(string notes = "") => new(0, 0, 0, DateTime.UtcNow, Notes: notes);

    /// <summary>Throws <see cref="ArgumentException"/> for counts below zero, a time not in UTC or a malformed hash.</summary>
    public CheckpointMetadata Validated()
    {
        if (Generation < 0) throw new ArgumentException($"generation must not be negative, not {Generation}");
        if (TrainingSteps < 0) throw new ArgumentException($"training steps must not be negative, not {TrainingSteps}");
        if (GamesSeen < 0) throw new ArgumentException($"games seen must not be negative, not {GamesSeen}");
        if (CreatedUtc.Kind != DateTimeKind.Utc) throw new ArgumentException($"creation time {CreatedUtc:O} is not UTC");
        if (ParentSha256.Length != 0 && (ParentSha256.Length != 64 || !ParentSha256.All(char.IsAsciiHexDigitLower)))
            throw new ArgumentException($"parent SHA-256 '{ParentSha256}' is not 64 lower-case hex digits");
        return this;
    }
}
