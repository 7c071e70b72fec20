using GoZero.Engine;
using GoZero.Gtp;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>A player that plays the moves it is given (GTP vertices, "pass", "resign"), then passes; it can throw
/// <see cref="GtpEngineException"/> at a chosen move, as a crashed engine would.</summary>
public sealed class ScriptedPlayer(string name, params string[] moves) : IMatchPlayer
{
    private readonly Queue<string> script = new(moves);
    private Game game = new(9);

    public string Name { get; } = name;

    public int FailAtMove { get; init; } = -1;

    public int GamesStarted { get; private set; }

    public List<(Color Player, Move Move)> Told { get; } = [];

    public string? LastMoveComment => $"{Name} chose";

    public void NewGame(Game start)
    {
        GamesStarted++;
        game = start.Clone();
    }

    public void Play(Color player, Move move)
    {
        Told.Add((player, move));
        game.Play(player, move);
    }

    public Move GenerateMove(Color player)
    {
        if (game.MoveCount == FailAtMove) throw new GtpEngineException($"{Name} crashed");
        string text = script.Count > 0 ? script.Dequeue() : "pass";
        var move = text == "resign" ? Move.Resign : Vertex.ParseGtp(text, game.Geometry);
        if (!move.IsResign && game.IsLegal(player, move)) game.Play(player, move);
        return move;
    }

    public void Dispose() { }
}
