using GoZero.Engine;

namespace GoZero.Network.Training;

/// <summary>
/// What the end of a game teaches besides z: KataGo's auxiliary targets (Wu 2019, "Accelerating Self-Play Learning in
/// Go", section 4.1), the final owner of every point and the final score, both from Black's view. A game's samples
/// share one instance (<see cref="TrainingSample.SetFinalTargets"/>), so a 19×19 game's ownership takes 361 bytes
/// however many samples it gives. Either target may be missing: a game gives only what it knows exactly
/// (docs/network-and-training.md, "What each game teaches"), and never neither. Immutable.
/// </summary>
public sealed class FinalTargets
{
    private readonly sbyte[]? blackOwnership;

    /// <summary>Targets from their parts; <see cref="Problem"/> says what is wrong with parts that are refused. The
    /// ownership array is kept, not copied: the caller gives it up.</summary>
    public FinalTargets(int boardSize, sbyte[]? blackOwnership, float? blackScore)
    {
        if (Problem(boardSize, blackOwnership, blackScore) is string problem) throw new ArgumentException(problem);
        BoardSize = boardSize;
        this.blackOwnership = blackOwnership;
        BlackScore = blackScore;
    }

    public int BoardSize { get; }

    public bool HasOwnership => blackOwnership is not null;

    /// <summary>N² owners by dense index (y·N + x): +1 Black, −1 White, 0 neither (dame, a seki's shared liberty);
    /// empty when the game gives no ownership.</summary>
    public ReadOnlySpan<sbyte> BlackOwnership => blackOwnership;

    /// <summary>Black's area minus White's, komi included; null when the game gives no score.</summary>
    public float? BlackScore { get; }

    /// <summary>
    /// The targets of the game's position now, as it is scored at its end: area ownership and score (komi included)
    /// once the stones <see cref="DeadStones.Judge(Game)"/> finds dead are taken off (their points then count for
    /// whoever surrounds them, a seki's shared liberties for nobody) — the judgement GTP's final_score and the match
    /// referee use, so that a game has one ending whoever reads it.
    /// </summary>
    public static FinalTargets Judged(Game game)
    {
        var judged = DeadStones.Judge(game);
        var geometry = game.Geometry;
        Span<sbyte> padded = stackalloc sbyte[geometry.PaddedArea];
        judged.FillOwnership(padded);
        var ownership = new sbyte[geometry.Area];
        for (int index = 0; index < ownership.Length; index++) ownership[index] = padded[geometry.PointOfDenseIndex(index)];
        return new FinalTargets(game.Size, ownership, (float)judged.BlackMinusWhite(game.Rules.Komi));
    }

    /// <summary>
    /// What is wrong with these parts, or null if they make targets: a board size outside 2..25, neither an ownership
    /// nor a score, an ownership that is not N² values of −1, 0 or +1, a score that is not finite or is larger than
    /// any board of this size can give (N² points plus the largest komi, <see cref="RulesOptions.MaxKomi"/>).
    /// </summary>
    public static string? Problem(int boardSize, sbyte[]? blackOwnership, float? blackScore)
    {
        if (boardSize < BoardGeometry.MinSize || boardSize > BoardGeometry.MaxSize)
            return $"board size {boardSize} is outside {BoardGeometry.MinSize}..{BoardGeometry.MaxSize}";
        if (blackOwnership is null && blackScore is null) return "final targets with neither an ownership nor a score";
        int area = boardSize * boardSize;
        if (blackOwnership is not null)
        {
            if (blackOwnership.Length != area)
                return $"the final ownership of a {boardSize}×{boardSize} game has {area} points, not {blackOwnership.Length}";
            for (int index = 0; index < area; index++)
                if (blackOwnership[index] is < -1 or > 1) return $"the final owner of point {index} is {blackOwnership[index]}, not -1, 0 or 1";
        }
        if (blackScore is float score && !(Math.Abs(score) <= area + RulesOptions.MaxKomi))
            return $"the final score {score} is not a score of a {boardSize}×{boardSize} game";
        return null;
    }
}
