namespace GoZero.SelfPlay;

/// <summary>
/// KataGo's playout cap randomisation (Wu 2019, "Accelerating Self-Play Learning in Go", section 3.1): each move of a
/// game is, with probability p, a full search whose π is a policy target, and otherwise a fast one that only moves
/// the game on — so a game costs far fewer playouts and the value head gets many more games per hour. KataGo: p = 0.25
/// with 600 and 100 visits. One per game, seeded for it.
/// </summary>
public sealed class PlayoutCapRandomisation(double fullSearchShare, ulong seed)
{
    // A stream of its own, so that turning the caps on does not change the game's other draws.
    private readonly Random random = new((int)((seed * 0x9E3779B97F4A7C15UL) >> 33));

    /// <summary>p, the share of moves searched in full; 1: every move (no caps).</summary>
    public double FullSearchShare { get; } = fullSearchShare;

    /// <summary>Draws whether the next move gets the full search.</summary>
    public bool NextMoveIsFull() => FullSearchShare >= 1 || random.NextDouble() < FullSearchShare;
}
