using System.Globalization;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// GoZero's search as a match player: one tree per game, kept from move to move (tree reuse), over an evaluator the
/// caller owns. Each game gets its own seed so that a match of seeded searches does not repeat one game. Its moves go
/// through <see cref="PassRule"/>, judged by <paramref name="passMargin"/> (default: the dead-stone judgement the
/// match scores with).
/// </summary>
public sealed class SearchPlayer(string name, IEvaluator evaluator, SearchOptions options, PassRule.Margin? passMargin = null) : IMatchPlayer
{
    private readonly PassRule.Margin passMargin = passMargin ?? PassRule.JudgedMargin;
    private readonly SearchOptions options = options.Validated();
    private Search? search;
    private int games;

    public string Name { get; } = name;

    public string? LastMoveComment { get; private set; }

    public void NewGame(Game start)
    {
        games++;
        search = new Search(start, evaluator, options with { Seed = options.Seed + (ulong)games * 0x9E37_79B9UL });
        LastMoveComment = null;
    }

    public void Play(Color player, Move move)
    {
        var current = Current();
        if (current.ToMove != player)
            throw new InvalidOperationException($"{player} played but {current.ToMove} is to move");
        current.Play(move);
    }

    public Move GenerateMove(Color player)
    {
        var current = Current();
        if (current.ToMove != player)
            throw new InvalidOperationException($"asked a move for {player} but {current.ToMove} is to move");
        var result = current.Run();
        Move move = PassRule.Choose(current.Game, current, passMargin);
        var stats = result.Moves.FirstOrDefault(m => m.Move == move);
        LastMoveComment = move.IsResign || stats.Visits == 0
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{Name}: win rate {100 * (1 + stats.Q) / 2:0.0}%, {stats.Visits} of {result.RootVisits} visits");
        if (!move.IsResign) current.Play(move);
        return move;
    }

    public void Dispose() => search = null;

    private Search Current() => search ?? throw new InvalidOperationException("no game was started (NewGame)");
}
