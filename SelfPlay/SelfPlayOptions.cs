using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// How self-play games are played (AlphaGo Zero, Methods, "Self-play"). Validated once, where self-play starts.
/// </summary>
/// <param name="BoardSize">The board, 2 to 25.</param>
/// <param name="Rules">Ko, suicide and komi; games end after two passes and are scored by Tromp-Taylor area, every
/// stone on the board counting as alive, so that the network learns to capture dead stones itself.</param>
/// <param name="Playouts">Search playouts per move. Default 400 (AlphaGo Zero: 1,600 on 19×19).</param>
/// <param name="BatchSize">Leaves one game's search gathers per evaluation; many games' leaves are merged into one
/// network batch. Default 4: a small per-game batch keeps virtual loss from distorting a short search.</param>
/// <param name="TemperatureMoves">Moves played in proportion to their visit counts (τ = 1) before the most visited
/// move is played (τ → 0); null: N²/12 rounded, AlphaGo Zero's 30 on 19×19.</param>
/// <param name="DirichletAlpha">α of the root noise; null: 0.03·361/N².</param>
/// <param name="DirichletEpsilon">The noise's share of the root priors. Default 0.25.</param>
/// <param name="ResignThreshold">A side resigns when its search's win rate falls below this. Default
/// <see cref="MovePolicyOptions.DefaultResignThreshold"/>; 0 never.</param>
/// <param name="NoResignShare">Share of games in which nobody resigns, whose outcomes measure how often a resignation
/// would have been wrong. Default 0.1 (AlphaGo Zero's 10%).</param>
/// <param name="MaxMoves">A game still going after this many moves is scored as it stands; null: 2·N² (AlphaGo Zero's
/// 722 on 19×19).</param>
/// <param name="FullSearchShare">p of playout cap randomisation (<see cref="PlayoutCapRandomisation"/>): the share of
/// moves searched with <paramref name="Playouts"/> and recorded as policy targets; the others get
/// <paramref name="FastPlayouts"/>, no root noise, forced playouts or temperature, and samples marked as no policy
/// target. Default 1: every move in full (KataGo: 0.25).</param>
/// <param name="FastPlayouts">Playouts of a fast move; null: a fifth of <paramref name="Playouts"/> (KataGo's 600/100
/// is a sixth).</param>
/// <param name="ForcedPlayoutsK">k of KataGo's forced playouts and policy target pruning (<see cref="ForcedPlayouts"/>).
/// Default 0: off (KataGo: 2).</param>
/// <param name="GumbelRoot">Search the root as Gumbel AlphaZero (<see cref="Mcts.GumbelRoot"/>): no Dirichlet noise,
/// no temperature, the policy target from completed Q-values. Default off.</param>
/// <param name="GumbelConsideredMoves">m, the moves the Gumbel root samples. Default 16.</param>
public sealed record SelfPlayOptions(
    int BoardSize,
    RulesOptions Rules,
    int Playouts = 400,
    int BatchSize = 4,
    int? TemperatureMoves = null,
    double? DirichletAlpha = null,
    double DirichletEpsilon = 0.25,
    double ResignThreshold = MovePolicyOptions.DefaultResignThreshold,
    double NoResignShare = 0.1,
    int? MaxMoves = null,
    double FullSearchShare = 1,
    int? FastPlayouts = null,
    double ForcedPlayoutsK = 0,
    bool GumbelRoot = false,
    int GumbelConsideredMoves = 16)
{
    public int TemperatureMovesFor => TemperatureMoves ?? (int)Math.Round(BoardSize * BoardSize / 12.0);

    public int MaxMovesFor => MaxMoves ?? 2 * BoardSize * BoardSize;

    public int FastPlayoutsFor => FastPlayouts ?? Math.Max(1, Playouts / 5);

    /// <summary>The search of a fast move under playout cap randomisation: its small budget and no exploration.</summary>
    public SearchLimits FastMoveLimits => new() { MaxPlayouts = FastPlayoutsFor, RootExploration = false };

    /// <summary>The search's options for one game, seeded for it.</summary>
    public SearchOptions SearchOptionsFor(ulong seed) => new SearchOptions
    {
        MaxPlayouts = Playouts,
        BatchSize = BatchSize,
        Threads = 1,
        DirichletNoise = !GumbelRoot,
        DirichletAlpha = DirichletAlpha,
        DirichletEpsilon = DirichletEpsilon,
        ForcedPlayoutsK = ForcedPlayoutsK,
        GumbelRoot = GumbelRoot,
        GumbelConsideredMoves = GumbelConsideredMoves,
        Seed = seed,
    }.Validated();

    /// <summary>How each game's moves are chosen (<see cref="SelfPlayGame"/>): scored by Tromp-Taylor, as the games are.
    /// A search of fewer playouts than the policy's usual minimum visits (a Gumbel root of 16 simulations has 17) may
    /// still resign after all of them: the calibrated threshold is measured on the same searches.</summary>
    public MovePolicyOptions MovePolicy => new()
    {
        ResignThreshold = ResignThreshold,
        ResignMinVisits = Math.Min(MovePolicyOptions.Default.ResignMinVisits, Playouts),
        NoResignShare = NoResignShare,
        TemperatureMoves = TemperatureMovesFor,
        PassScoring = PassScoring.TrompTaylor,
        LcbSelection = false,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public SelfPlayOptions Validated()
    {
        if (BoardSize < BoardGeometry.MinSize || BoardSize > BoardGeometry.MaxSize)
            throw new ArgumentException($"board size {BoardSize} is outside {BoardGeometry.MinSize}..{BoardGeometry.MaxSize}");
        Rules.Validated();
        if (Playouts < 1) throw new ArgumentException($"playouts must be at least 1, not {Playouts}");
        if (TemperatureMoves is < 0) throw new ArgumentException($"temperature moves must not be negative, not {TemperatureMoves}");
        if (NoResignShare is < 0 or > 1 || double.IsNaN(NoResignShare))
            throw new ArgumentException($"the share of no-resign games must be 0 to 1, not {NoResignShare}");
        if (MaxMoves is < 1) throw new ArgumentException($"the move limit must be at least 1, not {MaxMoves}");
        if (!(FullSearchShare is > 0 and <= 1))
            throw new ArgumentException($"the share of full searches must be above 0 and at most 1, not {FullSearchShare}");
        if (FastPlayouts is { } fast && (fast < 1 || fast > Playouts))
            throw new ArgumentException($"fast playouts must be 1 to the full search's {Playouts}, not {fast}");
        SearchOptionsFor(1);
        MovePolicy.Validated();
        return this;
    }
}
