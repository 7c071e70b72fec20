using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Mcts;

/// <summary>
/// Who judges the dead stones of a finished game — GTP's final_score and final_status_list, <c>gozero score</c> and
/// the match referee all ask this one type. With a network that has KataGo's ownership head (<see cref="For"/>), a
/// short search of <see cref="SearchPlayouts"/> playouts from the position, every leaf evaluated under all 8
/// symmetries, and the ownership averaged over its leaves (as KataGo's analysis averages ownership over the search
/// rather than trusting the root's alone) judges the chains Benson's algorithm leaves open
/// (<see cref="DeadStones.JudgeByOwnership"/>). Without one, the Engine's random playouts judge them
/// (<see cref="DeadStones.Judge(Game)"/>). Either way a position always gets the same judgement: one search thread, the
/// symmetries averaged rather than drawn, and seeded playouts.
/// </summary>
public sealed class DeadStoneJudge
{
    /// <summary>Playouts of the search whose leaves' ownership judges the stones. 50 leaves, each the mean of 8
    /// symmetries, smooth out one evaluation's errors while costing a 19×19 end position well under a second on a
    /// CPU; KataGo's GTP final_status_list likewise runs a short search before reading the ownership.</summary>
    public const int SearchPlayouts = 50;

    /// <summary>The random playouts' judgement: for a game without a network with an ownership head.</summary>
    public static readonly DeadStoneJudge Playouts = new(null);

    private readonly IInferenceModel? model;

    private DeadStoneJudge(IInferenceModel? model) => this.model = model;

    /// <summary>By <paramref name="model"/>'s ownership when it has the ownership head, else by the playouts. The
    /// model stays the caller's to dispose.</summary>
    public static DeadStoneJudge For(IInferenceModel? model) =>
        model is not null && model.Description.Has(HeadKind.Ownership) ? new DeadStoneJudge(model) : Playouts;

    /// <summary>Whether the network's ownership judges (rather than the random playouts).</summary>
    public bool UsesOwnership => model is not null;

    /// <summary>How a log or a ledger names the judgement.</summary>
    public string Description => model is null
        ? "random playouts"
        : $"the ownership of a {SearchPlayouts}-playout search with the {model.Description.Shape} network";

    /// <summary>The dead stones of the game's position now, with the playouts and thresholds of
    /// <paramref name="options"/> (default: <see cref="DeadStoneOptions.Default"/> under the game's suicide rule).</summary>
    /// <exception cref="ArgumentException">The network is for another board size, or the options are invalid.</exception>
    public DeadStones Judge(Game game, DeadStoneOptions? options = null)
    {
        options ??= DeadStoneOptions.Default with { Suicide = game.Rules.Suicide };
        if (model is null) return DeadStones.Judge(game.Current, options);
        if (model.Description.BoardSize != game.Size)
            throw new ArgumentException($"a network for {model.Description.BoardSize}×{model.Description.BoardSize} cannot judge a {game.Size}×{game.Size} game");
        var evaluator = new NetworkPolicyEvaluator(model, averageSymmetries: true, ownershipAndScore: true);
        var search = new Search(game, evaluator, new SearchOptions
        {
            MaxPlayouts = SearchPlayouts,
            NodeBudget = 1 + SearchPlayouts * (game.Geometry.Area + 1),
        });
        search.Run();
        var blackOwnership = new float[game.Geometry.Area];
        // The root is always a leaf of a search of one playout or more, so its ownership is there.
        if (!search.FillBlackOwnership(blackOwnership)) throw new InvalidOperationException("the search evaluated no leaf");
        return DeadStones.JudgeByOwnership(game.Current, blackOwnership, options);
    }
}
