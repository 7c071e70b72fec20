namespace GoZero.Gtp.Tests;

/// <summary>A game against GNU Go, each engine told the other's moves as a GTP match tool (gogui-twogtp) tells
/// them: every move GoZero generates must be one GNU Go accepts, and the game must end.</summary>
public sealed class GnuGoGameTests
{
    private const string GnuGo = "/usr/games/gnugo";

    [Fact]
    [Trait("Category", "External")]
    public void AGameAgainstGnuGoEndsWithEveryMoveAccepted()
    {
        Assert.True(File.Exists(GnuGo), $"{GnuGo} is not installed (Debian package gnugo)");
        using var gozero = new GtpProcess("--playouts", "800", "--threads", "2");
        using var gnugo = GtpProcess.OtherEngine(GnuGo, "--mode", "gtp", "--level", "1");
        foreach (var engine in new[] { gozero, gnugo })
        {
            engine.Ok("boardsize 9");
            engine.Ok("clear_board");
            engine.Ok("komi 7.5");
        }
        var (black, white) = (gozero, gnugo);
        var moves = new List<string>();
        int passes = 0;
        for (int ply = 0; ply < 200 && passes < 2; ply++)
        {
            var (mover, other, color) = ply % 2 == 0 ? (black, white, "b") : (white, black, "w");
            string move = mover.Ok($"genmove {color}").ToLowerInvariant();
            moves.Add($"{color} {move}");
            if (move == "resign") break;
            passes = move == "pass" ? passes + 1 : 0;
            other.Ok($"play {color} {move}");
        }
        Assert.True(passes == 2 || moves[^1].EndsWith("resign", StringComparison.Ordinal) , string.Join(", ", moves));
        string ours = gozero.Ok("final_score"), theirs = gnugo.Ok("final_score");
        Assert.Matches(@"^([BW]\+\d+(\.\d+)?|0)$", ours);
        Assert.Matches(@"^([BW]\+\d+(\.\d+)?|0)$", theirs);
    }
}
