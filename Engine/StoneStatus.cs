namespace GoZero.Engine;

/// <summary>What becomes of a stone when a finished game is scored: the categories of GTP's final_status_list.</summary>
public enum StoneStatus
{
    /// <summary>Stays on the board and counts for its owner.</summary>
    Alive,

    /// <summary>Is taken off before scoring; its point counts for the opponent when the opponent surrounds it.</summary>
    Dead,

    /// <summary>Alive, but only in seki: it shares liberties with opponent stones that neither side can fill.</summary>
    Seki,
}
