using GoZero.Engine;
using GoZero.Gtp;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>A player that plays the moves it is given (GTP vertices, "pass", "resign"), then passes; it can throw
/// <see cref="GtpEngineException"/> at a chosen move, as a crashed engine would. In a cleanup it plays
/// <see cref="CleanupMoves"/>, then passes; <see cref="Count"/> is its final_score.</summary>
public sealed class ScriptedPlayer(string name, params string[] moves) : IMatchPlayer
{
    private readonly Queue<string> script = new(moves);
    private Game game = new(9);

    public string Name { get; } = name;

    public int FailAtMove { get; init; } = -1;

    public int GamesStarted { get; private set; }

    /// <summary>The moves it plays when asked for cleanup moves, then passes.</summary>
    public Queue<string> CleanupMoves { get; init; } = new();

    /// <summary>How many cleanup moves it was asked for.</summary>
    public int CleanupAsked { get; private set; }

    /// <summary>Its own count of a finished game (final_score); null: it keeps none.</summary>
    public string? Count { get; init; }

    public string? FinalScore() => Count;

    public Move GenerateCleanupMove(Color player)
    {
        CleanupAsked++;
        return Next(player, CleanupMoves);
    }

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
        return Next(player, script);
    }

    private Move Next(Color player, Queue<string> moves)
    {
        string text = moves.Count > 0 ? moves.Dequeue() : "pass";
        var move = text == "resign" ? Move.Resign : Vertex.ParseGtp(text, game.Geometry);
        if (!move.IsResign && game.IsLegal(player, move)) game.Play(player, move);
        return move;
    }

    public void Dispose() { }
}
