using System.Text.Json;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class ScoreCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-score-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A finished 9×9 game (set up as stones): White's lone C5 sits in Black's area, Black's H4 in White's.
    /// With both taken off, Black has 39 points of area and White 42, plus komi 7.5: W+10.5.</summary>
    private const string FinishedGame =
        "(;FF[4]GM[1]SZ[9]KM[7.5]RU[Chinese]" +
        "AB[ba][da][ab][cb][db][bc][dc][ad][bd][cd][dd][ed][ee][df][ef][hf][ag][bg][cg][dg][dh][di]" +
        "AW[ea][ga][eb][gb][ec][fc][hc][fd][gd][hd][id][ce][fe][ff][eg][fg][eh][gh][hh][ei]" +
        ";B[];W[])";

    /// <summary>The end of a game against GNU Go level 1 (issue 20's match, game 25): Black's first-line chain is in a
    /// race the playouts cannot call (the Engine's EndPositions.Game25).</summary>
    private const string OpenRace =
        "(;FF[4]GM[1]SZ[9]KM[7.5]RU[Chinese]" +
        "AB[da][fa][ab][cb][db][hb][ac][bc][dc][fc][hc][bd][cd][dd][fd][gd][hd][id][de][ee][fe][ie][ef][ff][gf][bg][fg][eh][bi][ci][di][ei][fi][gi][hi]" +
        "AW[eb][fb][gb][ec][gc][ad][ae][be][ce][ge][he][af][bf][df][hf][if][cg][dg][eg][gg][ig][ah][bh][ch][dh][fh][gh][hh][ih]" +
        ";B[];W[])";

    private string Write(string name, string text)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ScoreTakesDeadStonesOffAndPrintsTheResult()
    {
        string path = Write("finished.sgf", FinishedGame);

        var run = CommandRun.Of("score", path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("H4 C5", json.RootElement.GetProperty("dead").GetString());
        Assert.Equal(2, json.RootElement.GetProperty("moves").GetInt32());
        Assert.Equal(-10.5, json.RootElement.GetProperty("black_minus_white").GetDouble());
        Assert.Equal("W+10.5", json.RootElement.GetProperty("result").GetString());
        Assert.Equal("", json.RootElement.GetProperty("unsettled").GetString());
        Assert.Equal("", json.RootElement.GetProperty("open").GetString());
    }

    [Fact]
    public void ScoreNamesTheStonesOfAFightLeftOpen()
    {
        string path = Write("open.sgf", OpenRace);

        var json = CommandRun.Of("score", path, "--json");
        var text = CommandRun.Of("score", path);

        Assert.Equal("B1 C1 D1 E1 F1 G1 H1 E2", JsonDocument.Parse(json.Output).RootElement.GetProperty("unsettled").GetString());
        Assert.Contains("unsettled: B1 C1 D1 E1 F1 G1 H1 E2", text.Output);
    }

    [Fact]
    public void WithWeightsOfAnOwnershipNetworkTheOwnershipJudges()
    {
        string path = Write("finished.sgf", FinishedGame);
        string heads = Path.Combine(folder, "heads.gzn");
        Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "9", "--ownership-and-score", "--out", heads).ExitCode);

        var run = CommandRun.Of("score", path, "--weights", heads, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("ownership", json.RootElement.GetProperty("judged_by").GetString());
        Assert.Equal("playouts", JsonDocument.Parse(CommandRun.Of("score", path, "--json").Output).RootElement.GetProperty("judged_by").GetString());
    }

    [Theory]
    [InlineData("9", false, "has no ownership head")]
    [InlineData("7", true, "is a 7×7 network, the game is 9×9")]
    public void WeightsThatCannotJudgeAreRefused(string board, bool heads, string message)
    {
        string path = Write("finished.sgf", FinishedGame);
        string net = Path.Combine(folder, "net.gzn");
        Assert.Equal(0, CommandRun.Of(["net", "init", "--blocks", "1", "--filters", "8", "--board", board, .. heads ? new[] { "--ownership-and-score" } : [], "--out", net]).ExitCode);

        var run = CommandRun.Of("score", path, "--weights", net);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void ScoreDrawsTheBoardWithDeadStonesInLowerCase()
    {
        string path = Write("finished.sgf", FinishedGame);

        var run = CommandRun.Of("score", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  5 . . o . X O . . . 5", run.Output);
        Assert.Contains("  4 . . . X X O . x . 4", run.Output);
        Assert.Contains("dead: H4 C5", run.Output);
        Assert.Contains("score: W+10.5", run.Output);
    }

    [Fact]
    public void AMissingFileIsNamedInTheError()
    {
        string path = Path.Combine(folder, "absent.sgf");

        var run = CommandRun.Of("score", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(path, run.Error);
    }

    [Fact]
    public void AMalformedFileGivesTheOffset()
    {
        string path = Write("bad.sgf", "(;SZ[9];B[zz])");

        var run = CommandRun.Of("score", path);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("offset 9", run.Error);
    }

    [Fact]
    public void AMoveNumberOutsideTheGameIsRefused()
    {
        string path = Write("finished.sgf", FinishedGame);

        var run = CommandRun.Of("score", path, "--move", "7");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--move 7", run.Error);
    }
}
