namespace GoZero.Mcts;

/// <summary>The clock systems a GTP or KGS controller can set (KGS's kgs-time_settings names them).</summary>
public enum TimeControlKind
{
    /// <summary>No time limit: the search's playout or visit limit decides how long a move takes.</summary>
    Unlimited,

    /// <summary>Sudden death: the main time is all there is.</summary>
    Absolute,

    /// <summary>Japanese byo-yomi: after the main time, a number of periods; a move finished inside a period resets it,
    /// a move that overruns it uses it up.</summary>
    ByoYomi,

    /// <summary>Canadian byo-yomi: after the main time, a period in which a number of stones must be played; when they
    /// are, a fresh period starts.</summary>
    Canadian,
}
