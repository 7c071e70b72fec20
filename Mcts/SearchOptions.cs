namespace GoZero.Mcts;

/// <summary>
/// Every constant of the search, with its default. Values are on the [−1, 1] scale (Leela Zero's are on [0, 1], so
/// its c_puct 0.5 and FPU reduction 0.25 are 1.0 and 0.5 here). Validated once, where the search is made.
/// </summary>
public sealed record SearchOptions
{
    public static readonly SearchOptions Default = new();

    /// <summary>c_puct of U(s,a) = c_puct·P(s,a)·√N(s)/(1+N(s,a)) (AlphaGo Zero, Methods). Default 1.0.</summary>
    public double CPuct { get; init; } = 1.0;

    /// <summary>First-play urgency: an unvisited child is valued at the parent's Q minus this × √(sum of the priors of
    /// the visited children) (Leela Zero UCTNode::uct_select_child). Default 0.5; 0 values unvisited children as their parent.</summary>
    public double FpuReduction { get; init; } = 0.5;

    /// <summary>Losses a search thread adds to each node of its path until its leaf is backed up, so that threads
    /// spread out (Leela Zero VIRTUAL_LOSS_COUNT). Default 3.</summary>
    public int VirtualLoss { get; init; } = 3;

    /// <summary>Search threads sharing the tree. Default 1.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Leaves a thread gathers before it calls the evaluator. Default 8.</summary>
    public int BatchSize { get; init; } = 8;

    /// <summary>Mix Dirichlet noise into the root's priors (self-play). Default off.</summary>
    public bool DirichletNoise { get; init; }

    /// <summary>α of the root noise; null: 0.03·361/N², AlphaGo Zero's 0.03 scaled to the number of points.</summary>
    public double? DirichletAlpha { get; init; }

    /// <summary>ε: the noise's share of the root priors. Default 0.25 (AlphaGo Zero).</summary>
    public double DirichletEpsilon { get; init; } = 0.25;

    /// <summary>Playouts (leaf evaluations or terminal scorings backed up) per search. Default 1600 (AlphaGo Zero self-play).</summary>
    public int MaxPlayouts { get; init; } = 1600;

    /// <summary>The search stops once the root has this many visits, those kept from the last search included.</summary>
    public int MaxVisits { get; init; } = int.MaxValue;

    /// <summary>Nodes the tree may hold; at the limit the search stops and says so. Default 1,000,000 (about 40 MB).</summary>
    public int NodeBudget { get; init; } = 1_000_000;

    /// <summary>Stop as soon as the most visited root move can no longer be overtaken by the second within the
    /// playouts left (Leela Zero's pruning of the search once the best move is decided). Default off, so that
    /// self-play's visit counts are those of the full search; engines playing on a clock turn it on.</summary>
    public bool EarlyStop { get; init; }

    /// <summary>k of KataGo's forced playouts at the root, n_forced = √(k·P(c)·ΣN), and with it the pruning of the
    /// visits they forced out of the policy target (<see cref="ForcedPlayouts"/>; Wu 2019, section 3.2: k = 2).
    /// Default 0: off. Applies to searches that explore (<see cref="SearchLimits.RootExploration"/>).</summary>
    public double ForcedPlayoutsK { get; init; }

    /// <summary>Search the root as Gumbel AlphaZero does (<see cref="GumbelRoot"/>; Danihelka et al., ICLR 2022):
    /// Gumbel-top-k sampling and Sequential Halving instead of PUCT and Dirichlet noise at the root, the move and the
    /// policy target from completed Q-values. No tree is kept from move to move. Default off.</summary>
    public bool GumbelRoot { get; init; }

    /// <summary>m, the moves Gumbel-top-k samples at the root (the paper's Go runs: 16). Default 16.</summary>
    public int GumbelConsideredMoves { get; init; } = 16;

    /// <summary>c_visit of σ(q̂) = (c_visit + max_b N(b))·c_scale·q̂ (the paper: 50). Default 50.</summary>
    public double GumbelCVisit { get; init; } = 50;

    /// <summary>c_scale of σ (the paper: 1.0). Default 1.0.</summary>
    public double GumbelCScale { get; init; } = 1.0;

    /// <summary>Seeds the root noise.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>The Dirichlet α for an N×N board.</summary>
    public double AlphaFor(int size) => DirichletAlpha ?? 0.03 * 361 / (size * size);

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public SearchOptions Validated()
    {
        static void Check(bool ok, string what) { if (!ok) throw new ArgumentException($"search option {what}"); }
        Check(double.IsFinite(CPuct) && CPuct > 0, $"c_puct {CPuct} must be a positive number");
        Check(double.IsFinite(FpuReduction) && FpuReduction >= 0, $"FPU reduction {FpuReduction} must be 0 or more");
        Check(VirtualLoss >= 0, $"virtual loss {VirtualLoss} must be 0 or more");
        Check(Threads is >= 1 and <= 1024, $"threads {Threads} must be 1 to 1024");
        Check(BatchSize is >= 1 and <= 4096, $"batch size {BatchSize} must be 1 to 4096");
        Check(DirichletAlpha is null || (double.IsFinite(DirichletAlpha.Value) && DirichletAlpha > 0), $"Dirichlet alpha {DirichletAlpha} must be positive");
        Check(DirichletEpsilon is >= 0 and <= 1, $"Dirichlet epsilon {DirichletEpsilon} must be in [0, 1]");
        Check(MaxPlayouts >= 0, $"playouts {MaxPlayouts} must be 0 or more");
        Check(MaxVisits >= 0, $"visits {MaxVisits} must be 0 or more");
        Check(double.IsFinite(ForcedPlayoutsK) && ForcedPlayoutsK >= 0, $"forced playouts k {ForcedPlayoutsK} must be 0 (off) or more");
        Check(GumbelConsideredMoves >= 1, $"Gumbel considered moves {GumbelConsideredMoves} must be at least 1");
        Check(double.IsFinite(GumbelCVisit) && GumbelCVisit >= 0, $"Gumbel c_visit {GumbelCVisit} must be 0 or more");
        Check(double.IsFinite(GumbelCScale) && GumbelCScale >= 0, $"Gumbel c_scale {GumbelCScale} must be 0 or more");
        // The Gumbel root replaces PUCT there, and with it the root's noise and forced playouts.
        Check(!GumbelRoot || (!DirichletNoise && ForcedPlayoutsK == 0), "Gumbel root search takes neither Dirichlet noise nor forced playouts: Gumbel noise explores instead");
        Check(NodeBudget >= 1, $"node budget {NodeBudget} must be at least 1 (the root)");
        return this;
    }
}
