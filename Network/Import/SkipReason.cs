namespace GoZero.Network.Import;

/// <summary>Why an expert game gives no training samples. Each skipped game is counted under the first reason that
/// applies, in this order.</summary>
public enum SkipReason
{
    /// <summary>A line or file that is not a game record: no ID, bad SGF, a property value that makes no sense.</summary>
    Malformed,

    /// <summary>A move the rules refuse (an occupied point, a ko retaken at once, suicide) or a player moving out of
    /// turn: the record was damaged or its moves belong to another game.</summary>
    IllegalMove,

    /// <summary>A board of another size than the import's.</summary>
    OtherBoardSize,

    /// <summary>Handicap or set-up stones, or White moving first: the positions are not those of an even game.</summary>
    Handicap,

    /// <summary>No result, an unknown one, or a game lost on time or by forfeit (Tygem's "Offline" is a disconnection):
    /// such results say little about the position (datasets README).</summary>
    NoUsableResult,

    /// <summary>Fewer moves than the import's minimum: an aborted game or one decided by something off the board.</summary>
    TooShort,
}

public static class SkipReasonExtensions
{
    /// <summary>The reason as the summary names it, and as its JSON key.</summary>
    public static string Name(this SkipReason reason) => reason switch
    {
        SkipReason.Malformed => "malformed",
        SkipReason.IllegalMove => "illegal_move",
        SkipReason.OtherBoardSize => "other_board_size",
        SkipReason.Handicap => "handicap",
        SkipReason.NoUsableResult => "no_usable_result",
        SkipReason.TooShort => "too_short",
        _ => reason.ToString(),
    };

    public static string Describe(this SkipReason reason) => reason switch
    {
        SkipReason.Malformed => "malformed",
        SkipReason.IllegalMove => "illegal move in the record",
        SkipReason.OtherBoardSize => "other board size",
        SkipReason.Handicap => "handicap or set-up stones",
        SkipReason.NoUsableResult => "no usable result",
        SkipReason.TooShort => "too short",
        _ => reason.ToString(),
    };
}
