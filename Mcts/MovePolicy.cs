using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// What a player plays from a finished search: the one place that decides it, for self-play, matches and GTP. In
/// order:
/// <list type="number">
/// <item>Resignation: when the move it would play — the search's choice at τ → 0, or what the pass rules put in its
/// place — has a win rate below <see cref="MovePolicyOptions.ResignThreshold"/> after at least
/// <see cref="MovePolicyOptions.ResignMinVisits"/> root visits. The most visited move alone misleads at the end of a
/// game: a pass that would lose has a win rate near 0, and it can be the most visited (after the opponent passed,
/// passing ends the game, an exact result the search returns to), while the move played instead is fine. Judging it
/// made the 9×9 run's played-out self-play games report a third of their resignations as false. A replacement the
/// search never visited is no evidence of a lost game: no resignation. In the share
/// <see cref="MovePolicyOptions.NoResignShare"/> of games resignation is off, and the policy remembers who would have
/// resigned (<see cref="WouldHaveResigned"/>), so that self-play can measure false resignations (AlphaGo Zero,
/// Methods, "Self-play").</item>
/// <item>Cleanup, when the caller asks for it (GTP's <c>kgs-genmove_cleanup</c>): no pass while the opponent has dead
/// stones left that can be attacked; it plays on their liberties, captures first, until they are gone.</item>
/// <item>The search's choice: the Gumbel root search's move when the search has one (<see cref="SearchResult.GumbelMove"/>:
/// its Gumbel noise explores, so no temperature); else during the first <see cref="MovePolicyOptions.TemperatureMoves"/>
/// moves of the game a move drawn with probability ∝ its visits (τ = 1) unless the caller asks for no exploration (the
/// fast moves of playout cap randomisation, Wu 2019 section 3.1), then the best (τ → 0); pass when nothing was visited. The best is
/// the most visited, or with <see cref="MovePolicyOptions.LcbSelection"/> the move of highest lower confidence bound
/// of its win rate among those of more than <see cref="LcbMinVisitRatio"/> of the most visited move's visits and more
/// than 2 (Leela Zero's NodeComp and get_best_root_child, cfg_lcb_min_visit_ratio = 0.10): ties go to more visits,
/// then the higher mean value; when no move qualifies, the most visited.</item>
/// <item>The pass rules, which keep a player from throwing away a game at its end (Leela Zero
/// UCTSearch::get_best_move, unless "dumbpass"; KataGo does the same): a pass is replaced by the best move (in the
/// order above, as Leela Zero's get_nopass_child walks its sorted children) that is not a pass (and does not fill the
/// player's own eye) when ending the game now would lose it; and when the opponent has just passed and passing now
/// wins, the player passes and the game ends won — unless the search chose a play and the game is not finished
/// (<see cref="DeadStones.IsFinished"/>): a capturing race both sides left on the board is settled by playing it, not
/// by the judgement's guess (which in GoZero's 9×9 matches against GNU Go gave wins that GNU Go's own count gave to
/// GNU Go), and open borders and dame are filled rather than left, as a player expects of an engine at the end of a
/// game (issue 20). "Ending now" is scored as the game will be
/// (<see cref="MovePolicyOptions.PassScoring"/>): Tromp-Taylor in self-play, the dead-stone judgement in matches and
/// GTP — by the policy's <see cref="DeadStoneJudge"/>, so that a player with an ownership network passes on the same
/// judgement that <c>final_score</c> and a match referee with that network give, not on the random playouts'.</item>
/// </list>
/// A policy holds a game's random draws and who would have resigned in it: one per game where those matter.
/// </summary>
public sealed class MovePolicy
{
    /// <summary>A move competes by its lower confidence bound only with more than this share of the most visited
    /// move's visits: Leela Zero's cfg_lcb_min_visit_ratio.</summary>
    public const double LcbMinVisitRatio = 0.10;

    private readonly Random random;
    private readonly DeadStoneJudge judge;
    // The last judged position, its score and whether it is finished: the pass rules ask twice for one position
    // (resignation, then the move), and a judgement by ownership costs a short search.
    private (ulong Hash, double Komi, double BlackMinusWhite, bool Finished)? lastJudged;

    /// <param name="seed">Seeds whether this game may resign (drawn first) and then the temperature's draws.</param>
    /// <param name="judge">Judges dead stones for the pass rules and cleanup (default: the random playouts).</param>
    public MovePolicy(MovePolicyOptions options, ulong seed, DeadStoneJudge? judge = null)
    {
        this.judge = judge ?? DeadStoneJudge.Playouts;
        Options = options.Validated();
        random = new Random((int)(seed ^ (seed >> 32)));
        ResignationEnabled = random.NextDouble() >= Options.NoResignShare;
    }

    public MovePolicyOptions Options { get; }

    /// <summary>False in the share <see cref="MovePolicyOptions.NoResignShare"/> of games, played out to the end.</summary>
    public bool ResignationEnabled { get; }

    /// <summary>In a game without resignation, the first player who would have resigned; Empty while none would have.</summary>
    public Color WouldHaveResigned { get; private set; } = Color.Empty;

    /// <summary>The move for the player to move in <paramref name="game"/>, from <paramref name="result"/>, the search
    /// of that position just finished; <paramref name="cleanup"/> attacks the opponent's dead stones before passing;
    /// without <paramref name="explore"/> no move is drawn by temperature.</summary>
    public Move Choose(Game game, SearchResult result, bool cleanup = false, bool explore = true)
    {
        var moves = result.Moves;
        var ranked = Options.LcbSelection ? RankedByLcb(moves) : moves;
        if (Resigns(game, ranked, result.RootVisits))
        {
            if (ResignationEnabled) return Move.Resign;
            if (WouldHaveResigned == Color.Empty) WouldHaveResigned = game.ToMove;
        }
        if (cleanup && CleanupMove(game, moves) is { } attack) return attack;
        Move chosen = result.GumbelMove
            ?? (explore && game.MoveCount < Options.TemperatureMoves ? DrawnByVisits(moves) : Best(ranked));
        return ApplyPassRules(game, chosen, ranked);
    }

    /// <summary>
    /// The root moves in the order the search's choice at τ → 0 prefers them, as Leela Zero's NodeComp sorts a root's
    /// children: first those with more than <see cref="LcbMinVisitRatio"/> of the most visited move's visits and more
    /// than 2, by lower confidence bound, ties by visits and then mean value; then the rest in the search's order (most
    /// visited first, ties by prior). <paramref name="moves"/> is sorted most visited first.
    /// </summary>
    public static IReadOnlyList<RootMoveStats> RankedByLcb(IReadOnlyList<RootMoveStats> moves)
    {
        if (moves.Count == 0) return moves;
        double threshold = Math.Max(2, LcbMinVisitRatio * moves[0].Visits);
        var eligible = moves.Where(m => m.Visits > threshold)
                            .OrderByDescending(m => m.Lcb).ThenByDescending(m => m.Visits).ThenByDescending(m => m.Q);
        return eligible.Concat(moves.Where(m => m.Visits <= threshold)).ToList();
    }

    /// <summary>The player to move's lead if the game ended now, komi included, scored as <paramref name="scoring"/>
    /// says, dead stones judged by <paramref name="judge"/> (default: the random playouts): positive wins.</summary>
    public static double Margin(Game game, Color player, PassScoring scoring, DeadStoneJudge? judge = null)
    {
        double blackMinusWhite = scoring == PassScoring.TrompTaylor
            ? AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi)
            : (judge ?? DeadStoneJudge.Playouts).Judge(game).BlackMinusWhite(game.Rules.Komi);
        return player == Color.Black ? blackMinusWhite : -blackMinusWhite;
    }

    private double Margin(Game game, Color player)
    {
        if (Options.PassScoring == PassScoring.TrompTaylor) return Margin(game, player, PassScoring.TrompTaylor);
        double blackMinusWhite = Judged(game).BlackMinusWhite;
        return player == Color.Black ? blackMinusWhite : -blackMinusWhite;
    }

    /// <summary>Whether the judgement leaves a fight or a point open (<see cref="DeadStones.IsFinished"/>); never
    /// under Tromp-Taylor, whose self-play games end when they end.</summary>
    private bool IsUnfinished(Game game) => Options.PassScoring != PassScoring.TrompTaylor && !Judged(game).Finished;

    private (ulong Hash, double Komi, double BlackMinusWhite, bool Finished) Judged(Game game)
    {
        ulong hash = game.Current.StoneHash;
        if (lastJudged is { } last && last.Hash == hash && last.Komi == game.Rules.Komi) return last;
        var judgement = judge.Judge(game);
        var judged = (hash, game.Rules.Komi, judgement.BlackMinusWhite(game.Rules.Komi), judgement.IsFinished());
        lastJudged = judged;
        return judged;
    }

    /// <summary>Whether the move played at τ → 0 loses; <paramref name="ranked"/> is in the order of that choice.</summary>
    private bool Resigns(Game game, IReadOnlyList<RootMoveStats> ranked, int rootVisits)
    {
        if (Options.ResignThreshold <= 0 || rootVisits < Math.Max(1, Options.ResignMinVisits)) return false;
        if (ranked.Count == 0 || ranked[0].Visits == 0) return false;
        Move played = ApplyPassRules(game, ranked[0].Move, ranked);
        foreach (var stats in ranked)
            if (stats.Move == played) return stats.Visits > 0 && (1 + stats.Q) / 2 < Options.ResignThreshold;
        return false;
    }

    /// <summary>The first of <paramref name="ranked"/> (τ → 0); pass when nothing was visited.</summary>
    private static Move Best(IReadOnlyList<RootMoveStats> ranked) =>
        ranked.Count == 0 || ranked[0].Visits == 0 ? Move.Pass : ranked[0].Move;

    /// <summary>A move drawn with probability ∝ its visits (τ = 1), from <paramref name="moves"/> in the search's order
    /// (most visited first), so that a seed draws the same move whatever the τ → 0 rule; pass when nothing was visited.</summary>
    private Move DrawnByVisits(IReadOnlyList<RootMoveStats> moves)
    {
        if (moves.Count == 0 || moves[0].Visits == 0) return Move.Pass;
        long total = 0;
        foreach (var m in moves) total += m.Visits;
        long pick = random.NextInt64(total);
        foreach (var m in moves)
        {
            pick -= m.Visits;
            if (pick < 0) return m.Move;
        }
        return moves[0].Move;
    }

    /// <summary><paramref name="chosen"/>, or the move that the pass rules put in its place: the first sensible play of
    /// <paramref name="ranked"/>.</summary>
    private Move ApplyPassRules(Game game, Move chosen, IReadOnlyList<RootMoveStats> ranked)
    {
        Color player = game.ToMove;
        if (chosen.IsPass)
            return Margin(game, player) >= 0 ? Move.Pass : BestPlay(game, ranked) ?? Move.Pass;
        bool opponentPassed = game.MoveCount > 0 && game.Moves[^1].IsPass && game.Players[^1] == player.Opponent();
        if (opponentPassed && Margin(game, player) > 0 && !IsUnfinished(game)) return Move.Pass;
        return chosen;
    }

    /// <summary>The first legal move of <paramref name="ranked"/> that is not a pass and does not fill the player's own
    /// eye; else any such legal move; null when there is none.</summary>
    private static Move? BestPlay(Game game, IReadOnlyList<RootMoveStats> ranked)
    {
        Color player = game.ToMove;
        foreach (var stats in ranked)
            if (IsSensiblePlay(game, stats.Move, player)) return stats.Move;
        foreach (var move in game.LegalMoves())
            if (IsSensiblePlay(game, move, player)) return move;
        return null;
    }

    /// <summary>A legal move on the board that does not fill one of the player's own eyes.</summary>
    private static bool IsSensiblePlay(Game game, Move move, Color player) =>
        move.IsPlay && !game.Current.IsEyeOf(move.Point, player) && game.IsLegal(player, move);

    /// <summary>
    /// A move against the opponent's dead stones: a capture if one is legal, else a liberty of a dead chain — the one
    /// of the chain with the fewest liberties, ties to the move the search visited most. Null when the opponent has
    /// no dead stones, or none that can be attacked.
    /// </summary>
    private Move? CleanupMove(Game game, IReadOnlyList<RootMoveStats> moves)
    {
        Color player = game.ToMove, opponent = player.Opponent();
        var position = game.Current;
        var geometry = game.Geometry;
        var judgement = judge.Judge(game);
        var visits = moves.ToDictionary(s => s.Move, s => s.Visits);
        Move? best = null;
        (int Liberties, int Visits) bestKey = (int.MaxValue, -1);
        foreach (int stone in judgement.DeadPoints)
        {
            if (position[stone] != opponent) continue;
            int liberties = position.LibertiesOf(stone);
            foreach (int offset in geometry.NeighbourOffsets)
            {
                var move = new Move(stone + offset);
                if (!geometry.IsOnBoard(move.Point) || position[move.Point] != Color.Empty) continue;
                if (!IsSensiblePlay(game, move, player)) continue;
                (int Liberties, int Visits) key = (liberties, visits.GetValueOrDefault(move));
                if (key.Liberties < bestKey.Liberties || (key.Liberties == bestKey.Liberties && key.Visits > bestKey.Visits))
                {
                    best = move;
                    bestKey = key;
                }
            }
        }
        return best;
    }
}
