using GoZero.Engine;
using GoZero.Gtp;

namespace GoZero.SelfPlay;

/// <summary>
/// An external GTP engine as a match player (GNU Go, Leela Zero, another GoZero). Each game starts with
/// <c>boardsize</c>, <c>clear_board</c>, <c>komi</c>, the handicap stones (<c>set_free_handicap</c>) and the opening
/// moves; <c>genmove</c> must answer within <see cref="MoveTimeout"/>. After any failure the process is ended and a
/// fresh one is started for the next game, so that a late answer to an old command can never be read as the answer
/// to a new one.
/// </summary>
public sealed class GtpEnginePlayer : IMatchPlayer
{
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(30);

    private readonly string program;
    private readonly IReadOnlyList<string> arguments;
    private GtpClient? client;
    private BoardGeometry geometry = BoardGeometry.Of(19);
    private bool broken;
    // Whether the running engine knows kgs-genmove_cleanup: asked once per process, not before every cleanup move.
    private bool? knowsCleanup;

    public GtpEnginePlayer(string name, string program, IReadOnlyList<string> arguments, TimeSpan moveTimeout)
    {
        if (moveTimeout <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(moveTimeout), moveTimeout, "a move timeout must be positive");
        Name = name;
        this.program = program;
        this.arguments = arguments;
        MoveTimeout = moveTimeout;
    }

    public string Name { get; }

    /// <summary>A command line's words without their folders, as a short name for records: "gnugo --mode gtp --level 10".</summary>
    public static string ShortName(IEnumerable<string> words) => string.Join(' ', words.Select(Path.GetFileName));

    /// <summary>Longest wait for a <c>genmove</c> answer before the engine loses the game.</summary>
    public TimeSpan MoveTimeout { get; }

    public string? LastMoveComment => null;

    public void NewGame(Game start)
    {
        if (broken || client is null || client.HasExited)
        {
            client?.Dispose();
            client = null;
            knowsCleanup = null;
            broken = false;
        }
        client ??= GtpClient.Start(program, arguments, skipBlankLines: true);
        geometry = start.Geometry;
        Send($"boardsize {start.Size}", SetupTimeout);
        Send("clear_board", SetupTimeout);
        Send(FormattableString.Invariant($"komi {start.Rules.Komi}"), SetupTimeout);
        if (start.HandicapStones > 0)
        {
            var stones = start.Geometry.Points.Where(p => start.InitialPosition[p] == Color.Black)
                .Select(p => Vertex.ToGtp(new Move(p), geometry));
            Send("set_free_handicap " + string.Join(' ', stones), SetupTimeout);
        }
        for (int i = 0; i < start.MoveCount; i++) Play(start.Players[i], start.Moves[i]);
    }

    public void Play(Color player, Move move) => Send($"play {player.ToLetter()} {Vertex.ToGtp(move, geometry)}", SetupTimeout);

    public Move GenerateMove(Color player) => Generate("genmove", player);

    /// <summary><c>kgs-genmove_cleanup</c> where the engine knows it (GNU Go, Leela Zero, KataGo, GoZero), else
    /// <c>genmove</c>.</summary>
    public Move GenerateCleanupMove(Color player) => Generate(KnowsCleanup() ? "kgs-genmove_cleanup" : "genmove", player);

    /// <summary>Whether <c>known_command kgs-genmove_cleanup</c> answers true; an engine that refuses
    /// <c>known_command</c> knows nothing of it.</summary>
    private bool KnowsCleanup()
    {
        if (knowsCleanup is { } known) return known;
        var engine = client ?? throw new InvalidOperationException("no game was started (NewGame)");
        try
        {
            engine.Write("known_command kgs-genmove_cleanup\n");
            var response = engine.ReadResponse(SetupTimeout);
            knowsCleanup = response.Success && response.Body.Trim() == "true";
            return knowsCleanup.Value;
        }
        catch (GtpEngineException)
        {
            broken = true;
            throw;
        }
    }

    private Move Generate(string command, Color player)
    {
        string answer = Send($"{command} {player.ToLetter()}", MoveTimeout).Trim();
        if (answer.Equals("resign", StringComparison.OrdinalIgnoreCase)) return Move.Resign;
        if (!Vertex.TryParseGtp(answer, geometry, out Move move, out string reason))
        {
            broken = true;
            throw new GtpEngineException($"GTP engine '{Name}' answered {command} with '{answer}', which is not a move: {reason}");
        }
        return move;
    }

    /// <summary>Asks the engine's <c>final_score</c>. An engine without the command, or one that answers something
    /// other than a result, has no count (null); one that crashes or hangs here is left to the next game's restart,
    /// since the game it would forfeit is already over.</summary>
    public string? FinalScore()
    {
        if (client is null || broken) return null;
        try
        {
            client.Write("final_score\n");
            var response = client.ReadResponse(MoveTimeout);
            return response.Success && GameResult.Parse(response.Body.Trim()) is { } result ? result.ToString() : null;
        }
        catch (GtpEngineException)
        {
            broken = true;
            return null;
        }
    }

    public void Dispose()
    {
        client?.Dispose();
        client = null;
        knowsCleanup = null;
    }

    private string Send(string command, TimeSpan timeout)
    {
        var engine = client ?? throw new InvalidOperationException("no game was started (NewGame)");
        try
        {
            return engine.Send(command, timeout);
        }
        catch (GtpEngineException)
        {
            broken = true;
            throw;
        }
    }
}
