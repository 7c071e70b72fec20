using System.Globalization;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// GoZero's search as a match player: one tree per game, kept from move to move (tree reuse), over an evaluator the
/// caller owns. Each game gets its own seed so that a match of seeded searches does not repeat one game. Its moves are
/// chosen by a <see cref="MovePolicy"/> of the game, made with <paramref name="movePolicy"/>; its pass rules judge dead
/// stones with <paramref name="judge"/> (a network with an ownership head; default: the random playouts).
/// </summary>
public sealed class SearchPlayer(string name, IEvaluator evaluator, SearchOptions options, MovePolicyOptions movePolicy, DeadStoneJudge? judge = null) : IMatchPlayer
{
    private readonly SearchOptions options = options.Validated();
    private readonly MovePolicyOptions movePolicy = movePolicy.Validated();
    private (Search Search, MovePolicy Policy)? game;
    private int games;

    public string Name { get; } = name;

    public string? LastMoveComment { get; private set; }

    public void NewGame(Game start)
    {
        games++;
        ulong seed = options.Seed + (ulong)games * 0x9E37_79B9UL;
        game = (new Search(start, evaluator, options with { Seed = seed }), new MovePolicy(movePolicy, seed, judge));
        LastMoveComment = null;
    }

    public void Play(Color player, Move move)
    {
        var search = Current().Search;
        if (search.ToMove != player)
            throw new InvalidOperationException($"{player} played but {search.ToMove} is to move");
        search.Play(move);
    }

    public Move GenerateMove(Color player) => Generate(player, cleanup: false);

    public Move GenerateCleanupMove(Color player) => Generate(player, cleanup: true);

    private Move Generate(Color player, bool cleanup)
    {
        var (search, policy) = Current();
        if (search.ToMove != player)
            throw new InvalidOperationException($"asked a move for {player} but {search.ToMove} is to move");
        var result = search.Run();
        Move move = policy.Choose(search.Game, result, cleanup);
        var stats = result.Moves.FirstOrDefault(m => m.Move == move);
        LastMoveComment = move.IsResign || stats.Visits == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{Name}: win rate {100 * (1 + stats.Q) / 2:0.0}%, {stats.Visits} of {result.RootVisits} visits");
        if (!move.IsResign) search.Play(move);
        return move;
    }

    public void Dispose() => game = null;

    private (Search Search, MovePolicy Policy) Current() => game ?? throw new InvalidOperationException("no game was started (NewGame)");
}
