namespace GoZero.Mcts;

/// <summary>How <see cref="MovePolicy"/> scores the game as if it ended now, for its pass rules.</summary>
public enum PassScoring
{
    /// <summary>Area score with the stones <see cref="Engine.DeadStones"/> judges dead taken off: how matches and GTP
    /// games are scored.</summary>
    JudgedDeadStones,

    /// <summary>Tromp-Taylor area score, every stone on the board alive: how self-play games are scored, so that the
    /// network learns to remove dead stones itself.</summary>
    TrompTaylor,
}
