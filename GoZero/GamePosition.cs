using GoZero.Engine;

namespace GoZero.Cli;

/// <summary>The position a verb looks at: an SGF game (<c>--sgf</c> or a path) at move K (<c>--move</c>; the end of
/// the game when none), or why it cannot be read — the message and the exit code.</summary>
public static class GamePosition
{
    public static (Game? Game, string? Problem, int ExitCode) Load(string sgf, int? move)
    {
        Game game;
        try
        {
            game = SgfReader.Load(sgf).ToGame();
        }
        catch (Exception e) when (e is SgfFormatException or IOException or UnauthorizedAccessException)
        {
            return (null, e.Message, ExitCode.BadInput);
        }
        if (move is int k)
        {
            if (k < 0 || k > game.MoveCount)
                return (null, $"--move {k} is outside the game's 0..{game.MoveCount} moves", ExitCode.BadArguments);
            while (game.MoveCount > k) game.Undo();
        }
        return (game, null, ExitCode.Success);
    }
}
