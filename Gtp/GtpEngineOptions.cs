using GoZero.Engine;

namespace GoZero.Gtp;

/// <summary>
/// How <c>gozero gtp</c> plays, validated once where the options come in (<see cref="Validated"/>).
/// </summary>
public sealed record GtpEngineOptions
{
    /// <summary>Playouts per move with a network, when neither <see cref="Playouts"/> nor <see cref="Visits"/> is
    /// given: AlphaGo Zero's 1600.</summary>
    public const int NetworkPlayouts = 1600;

    /// <summary>
    /// Playouts per move with the rollout fallback (<see cref="RolloutsPerLeaf"/> random games per leaf), when neither
    /// <see cref="Playouts"/> nor <see cref="Visits"/> is given: about one to two seconds a move with one search
    /// thread on the project's shared 2-core machine (the first three moves, load average 4–8: 9×9 8000 playouts in
    /// 0.5–1.1 s, 13×13 5000 in 1.1–1.4 s, 19×19 3000 in 1.5–1.9 s), so that a game against it moves at a comfortable
    /// pace on a laptop. Random games are cheap on small boards, so small boards get more of them.
    /// </summary>
    public static int RolloutPlayouts(int size) => size <= 9 ? 8000 : size <= 13 ? 5000 : 3000;

    /// <summary>Random games the rollout fallback plays from each leaf to value it.</summary>
    public const int RolloutsPerLeaf = 8;

    /// <summary>The folder next to the gozero binary where default networks are looked for.</summary>
    public static string DefaultNetworkDirectory => Path.Combine(AppContext.BaseDirectory, "networks");

    /// <summary>The network file to play with (--weights); null: the default network for the board size, else the
    /// rollout fallback.</summary>
    public string? WeightsPath { get; init; }

    /// <summary>Where the default networks are: files named <c>default-NxN.gzn</c> (see <see cref="NetworkLibrary"/>).</summary>
    public string NetworkDirectory { get; init; } = DefaultNetworkDirectory;

    /// <summary>Playouts per search (--playouts); null: <see cref="NetworkPlayouts"/> or <see cref="RolloutPlayouts"/>.</summary>
    public int? Playouts { get; init; }

    /// <summary>Root visits per search, those kept from the previous move included (--visits); instead of playouts.</summary>
    public int? Visits { get; init; }

    public int Threads { get; init; } = 1;

    /// <summary>--backend and --device: what runs the networks and where.</summary>
    public Network.ModelPlacement Placement { get; init; } = Network.ModelPlacement.Default;

    public int BatchSize { get; init; } = 8;

    /// <summary>Resign when the win rate of the move it would play is below this (<see cref="Mcts.MovePolicy"/>); 0 never
    /// resigns. Default <see cref="Mcts.MovePolicyOptions.DefaultResignThreshold"/>.</summary>
    public double ResignThreshold { get; init; } = Mcts.MovePolicyOptions.DefaultResignThreshold;

    /// <summary>Play the move of highest lower confidence bound among the well-visited ones, not the most visited
    /// (<see cref="Mcts.MovePolicyOptions.LcbSelection"/>). Default true.</summary>
    public bool LcbSelection { get; init; } = true;

    /// <summary>Ko and suicide rules and the starting komi (GTP komi changes it).</summary>
    public RulesOptions Rules { get; init; } = RulesOptions.Default;

    /// <summary>Search during the opponent's turn, until their move arrives.</summary>
    public bool Ponder { get; init; }

    public ulong Seed { get; init; } = 1;

    /// <summary>λ of AlphaGo's mixed leaf value (--lambda): a network's value becomes (1 − λ)·v + λ·z with z the
    /// result of <see cref="RolloutsPerLeaf"/> random games (<see cref="Mcts.MixedValueEvaluator"/>). 0, the default,
    /// is the network alone; the rollout evaluator has no network value to mix and ignores it.</summary>
    public double Lambda { get; init; }

    /// <summary>Judge dead stones (final_score, final_status_list, the pass rule) by the network's ownership after a
    /// short search (<see cref="Mcts.DeadStoneJudge"/>) rather than by random playouts (--ownership-judge). Off by
    /// default: on the 52 played-out games of the default 9×9 network's 100-game match against GNU Go level 1, its
    /// ownership found the dead stones GNU Go finds in 27 games, the playouts in 47 (docs/rules.md, "Dead
    /// stones").</summary>
    public bool OwnershipJudge { get; init; }

    /// <summary>Nodes the search tree may hold: 10 million, at most about 400 MB. The search's own default, 1 million,
    /// fills after some 2,700 visits on 19×19 (each expansion adds 362 children), too few for analysis or for a tree
    /// kept from move to move.</summary>
    public int NodeBudget { get; init; } = 10_000_000;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public GtpEngineOptions Validated()
    {
        static void Check(bool ok, string what) { if (!ok) throw new ArgumentException(what); }
        Check(Playouts is null || Visits is null, "give --playouts or --visits, not both");
        Check(Playouts is null or >= 1, $"--playouts {Playouts} must be at least 1");
        Check(Visits is null or >= 1, $"--visits {Visits} must be at least 1");
        Check(Threads is >= 1 and <= 1024, $"--threads {Threads} must be 1 to 1024");
        Check(BatchSize is >= 1 and <= 4096, $"--batch {BatchSize} must be 1 to 4096");
        Check(ResignThreshold is >= 0 and <= 1, $"--resign-threshold {ResignThreshold} must be a win rate in [0, 1]");
        Check(Mcts.MixedValueEvaluator.IsValidLambda(Lambda), $"--lambda {Lambda} must be in [0, 1]");
        Check(NodeBudget >= 1, $"node budget {NodeBudget} must be at least 1");
        Check(!string.IsNullOrWhiteSpace(NetworkDirectory), "the network folder must be named");
        Rules.Validated();
        return this;
    }
}
