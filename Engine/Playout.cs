namespace GoZero.Engine;

/// <summary>
/// Light Monte-Carlo playouts: from a position, both players play uniformly random legal moves until two passes,
/// never filling their own single-point eye (see <see cref="Position.IsEyeOf"/>), suicide forbidden, simple ko only
/// (superko cycles are vanishingly rare in random play and the move cap ends them). A player with no such move passes.
/// Used for the rules benchmark and for the dead-stone judgement; not thread-safe — one instance per thread.
/// </summary>
public sealed class Playout
{
    /// <summary>How many random picks to try before shuffling the empty points (late in a playout most are eyes).</summary>
    private const int RandomPicks = 8;

    private readonly Position board;
    private readonly int[] shuffled;
    private ulong rngState;

    public BoardGeometry Geometry { get; }

    /// <summary>The playout ends after this many moves even without two passes: three moves per point.</summary>
    public int MaxMoves { get; }

    /// <summary>
    /// When set, no move that puts a chain of two or more of the mover's own stones into atari is played (see
    /// <see cref="SelfAtari"/>). Off by default, which keeps the playouts uniform for the rules benchmark; the
    /// dead-stone judgement turns it on so that both sides of a seki survive the playouts.
    /// </summary>
    public bool AvoidsMultiStoneSelfAtari { get; init; }

    /// <summary>
    /// When set, a stone or chain the opponent has just played into atari is captured at once, before any random
    /// move. MoGo's playouts (Gelly et al. 2006, "Modification of UCT with Patterns in Monte-Carlo Go") and Pachi's
    /// moggy policy answer ataris first: without it a capturing race at the end of a game is a coin toss in random
    /// play, and the dead-stone judgement leaves the losing side's stones on the board. Only the capture: saving one's
    /// own chain from atari as well (MoGo's second rule) let dead stones run out of the opponent's area, and matched
    /// GNU Go's judgement less often (141 games of 159 against 144; see docs/rules.md). Off by default (uniform
    /// playouts for the rules benchmark).
    /// </summary>
    public bool CapturesLastMoveInAtari { get; init; }

    /// <summary>The position where the last <see cref="Run"/> ended.</summary>
    public Position FinalPosition => board;

    public Playout(BoardGeometry geometry, ulong seed)
    {
        Geometry = geometry;
        board = new Position(geometry);
        shuffled = new int[geometry.Area];
        rngState = seed == 0 ? 0x9E3779B97F4A7C15UL : seed;
        MaxMoves = 3 * geometry.Area;
    }

    /// <summary>Plays the position out to the end; returns the number of moves played (passes included).
    /// The end position is <see cref="FinalPosition"/>.</summary>
    public int Run(Position start)
    {
        board.CopyFrom(start);
        int played = 0;
        while (board.ConsecutivePasses < 2 && played < MaxMoves)
        {
            board.Play(RandomMove(board));
            played++;
        }
        return played;
    }

    /// <summary>A uniformly random move among the legal moves of the player to move that fill no own eye, or a pass
    /// when there is none. Rejection sampling keeps it uniform: random picks first, then a shuffle without
    /// replacement once picks keep failing.</summary>
    public Move RandomMove(Position position)
    {
        var empty = position.EmptyPoints;
        int count = empty.Length;
        if (count == 0) return Move.Pass;
        Color player = position.ToMove;
        if (CapturesLastMoveInAtari && CaptureOfLastMove(position, player) is var capture and >= 0) return new Move(capture);
        for (int pick = 0; pick < RandomPicks; pick++)
        {
            int point = empty[NextBelow(count)];
            if (IsPlayoutMove(position, point, player)) return new Move(point);
        }
        var candidates = shuffled.AsSpan(0, count);
        empty.CopyTo(candidates);
        for (int left = count; left > 0; left--)
        {
            int index = NextBelow(left);
            int point = candidates[index];
            if (IsPlayoutMove(position, point, player)) return new Move(point);
            candidates[index] = candidates[left - 1];
        }
        return Move.Pass;
    }

    /// <summary>The capture <see cref="CapturesLastMoveInAtari"/> plays after the opponent's last move, or -1.</summary>
    private int CaptureOfLastMove(Position position, Color player)
    {
        if (position.LastMove.IsPass || position.ConsecutivePasses > 0) return -1;
        int last = position.LastMove.Point;
        if (position[last] != player.Opponent()) return -1;
        int capture = position.AtariLibertyOf(last);
        if (capture >= 0 && position.IsPlayoutMove(capture, player)) return capture;
        return -1;
    }

    private bool IsPlayoutMove(Position position, int point, Color player) =>
        position.IsPlayoutMove(point, player) &&
        !(AvoidsMultiStoneSelfAtari && SelfAtari.IsMultiStoneSelfAtari(position, point, player));

    /// <summary>xorshift64* — fast, and good enough for playouts.</summary>
    private ulong NextRandom()
    {
        ulong x = rngState;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        rngState = x;
        return x * 0x2545F4914F6CDD1DUL;
    }

    /// <summary>A random integer in [0, bound) by Lemire's multiply-shift (the bias is below 2^-32 for boards ≤ 25×25).</summary>
    private int NextBelow(int bound) => (int)(((NextRandom() >> 32) * (ulong)bound) >> 32);
}
