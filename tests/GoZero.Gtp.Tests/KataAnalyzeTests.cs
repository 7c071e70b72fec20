using System.Globalization;
using System.Text.RegularExpressions;

namespace GoZero.Gtp.Tests;

/// <summary>kata-analyze and kata-genmove_analyze over the real engine, with and without the ownership and score heads.</summary>
public sealed partial class KataAnalyzeTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("gozero-gtp-kata-");

    public void Dispose() => folder.Delete(recursive: true);

    // KataGo's field order; the score fields are there exactly when the network has a score head.
    [GeneratedRegex(@"^info move (?<move>[A-HJ-Z]\d+|pass) visits \d+ utility -?[\d.]+ winrate (?<winrate>[\d.]+)" +
                    @"(?<score> scoreMean (?<mean>-?[\d.]+) scoreLead (?<lead>-?[\d.]+))? prior [\d.]+ lcb [\d.]+ order \d+ pv( (?:[A-HJ-Z]\d+|pass))+$")]
    private static partial Regex InfoEntry();

    private string HeadsNetwork(int size)
    {
        string path = Path.Combine(folder.FullName, "heads.gzn");
        var (exitCode, error) = GtpProcess.RunToEnd(folder.FullName, "net", "init", "--board", $"{size}", "--blocks", "1",
            "--filters", "8", "--ownership-and-score", "--out", path);
        Assert.True(exitCode == 0, error);
        return path;
    }

    /// <summary>Reads info lines until one arrives, then sends name and reads to the end of the response.</summary>
    private static string FirstLineThenStop(GtpProcess gtp)
    {
        string line = gtp.ReadLine();
        gtp.Send("name");
        while (gtp.ReadLine().Length > 0) { }
        Assert.Equal("GoZero", gtp.ReadResponse().Body);
        return line;
    }

    /// <summary>The info entries of a line, and the ownership values after them (null when there is none).</summary>
    private static (List<Match> Entries, double[]? Ownership) Parse(string line)
    {
        string[] parts = line.Split(" ownership ");
        Assert.True(parts.Length <= 2, line);
        var entries = parts[0].Split("info ", StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => InfoEntry().Match("info " + entry.TrimEnd())).ToList();
        Assert.All(entries, entry => Assert.True(entry.Success, line));
        var ownership = parts.Length == 2 ? parts[1].Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray() : null;
        return (entries, ownership);
    }

    [Fact]
    public void WithTheHeadsItPrintsScoreAndTheOwnershipOfEveryPoint()
    {
        using var gtp = new GtpProcess("--weights", HeadsNetwork(7), "--playouts", "200");
        gtp.Ok("play b d4");
        gtp.Send("kata-analyze w 10 ownership true");
        Assert.Equal("=", gtp.ReadLine());
        var (entries, ownership) = Parse(FirstLineThenStop(gtp));

        Assert.NotEmpty(entries);
        Assert.All(entries, entry =>
        {
            Assert.True(entry.Groups["score"].Success);
            Assert.Equal(entry.Groups["mean"].Value, entry.Groups["lead"].Value);
            Assert.InRange(double.Parse(entry.Groups["winrate"].Value, CultureInfo.InvariantCulture), 0, 1);
        });
        Assert.DoesNotContain(entries, entry => entry.Groups["move"].Value == "D4");
        Assert.NotNull(ownership);
        Assert.Equal(49, ownership.Length);
        Assert.All(ownership, value => Assert.InRange(value, -1, 1));
    }

    [Fact]
    public void WithoutTheHeadsItLeavesScoreAndOwnershipOut()
    {
        using var gtp = GtpProcess.OnBoard(7, "--playouts", "50");
        gtp.Send("kata-analyze b 10 ownership true");
        Assert.Equal("=", gtp.ReadLine());
        var (entries, ownership) = Parse(FirstLineThenStop(gtp));
        Assert.NotEmpty(entries);
        Assert.All(entries, entry => Assert.False(entry.Groups["score"].Success));
        Assert.Null(ownership);
    }

    [Fact]
    public void KataGenmoveAnalyzePrintsKataGosLinesThenPlaysItsMove()
    {
        using var gtp = new GtpProcess("--weights", HeadsNetwork(7), "--playouts", "300");
        gtp.Send("kata-genmove_analyze b 5");
        Assert.Equal("=", gtp.ReadLine());
        var lines = new List<string>();
        string line;
        while ((line = gtp.ReadLine()).Length > 0) lines.Add(line);
        Assert.StartsWith("play ", lines[^1]);
        Assert.True(lines.Count >= 2, string.Join('\n', lines));
        foreach (string info in lines[..^1]) Assert.All(Parse(info).Entries, entry => Assert.True(entry.Groups["score"].Success));
        Assert.Equal(lines[^1]["play ".Length..], Parse(lines[^2]).Entries[0].Groups["move"].Value);
    }

    [Fact]
    public void WithTheHeadsTheRandomPlayoutsStillJudgeDeadStonesUnlessTheOwnershipIsAskedFor()
    {
        // Today's networks judge worse than the playouts (docs/rules.md, "Dead stones"): the ownership judges only
        // with --ownership-judge. A4, alone in Black's area, is dead for the playouts.
        using (var byPlayouts = new GtpProcess("--weights", HeadsNetwork(7), "--playouts", "20"))
        {
            byPlayouts.AssertErrorContains("dead stones judged by random playouts");
            foreach (string move in new[] { "b c1", "w d1", "b c2", "w d2", "b c3", "w d3", "b c4", "w d4", "b c5", "w d5",
                                            "b c6", "w d6", "b c7", "w d7", "w a4", "b pass", "w pass" })
                byPlayouts.Ok("play " + move);
            Assert.Equal("A4", byPlayouts.Ok("final_status_list dead"));
        }
        using var byOwnership = new GtpProcess("--weights", HeadsNetwork(7), "--playouts", "20", "--ownership-judge");
        byOwnership.AssertErrorContains("dead stones judged by the ownership of a 50-playout search");
    }

    [Fact]
    public void WithTheOwnershipJudgeFinalScoreAndStatusListAnswerFromTheOwnership()
    {
        using var gtp = new GtpProcess("--weights", HeadsNetwork(7), "--playouts", "20", "--ownership-judge");
        foreach (string move in new[] { "b c1", "w d1", "b c2", "w d2", "b c3", "w d3", "b c4", "w d4", "b c5", "w d5",
                                        "b c6", "w d6", "b c7", "w d7", "w a4", "b pass", "w pass" })
            gtp.Ok("play " + move);
        Assert.Matches(@"^(B\+|W\+)\d+(\.5)?$|^0$", gtp.Ok("final_score"));
        var dead = gtp.Ok("final_status_list dead");
        var alive = gtp.Ok("final_status_list alive");
        // Every stone is listed once, dead or alive (no seki on this board).
        int listed = (dead + "\n" + alive).Split(['\n', ' '], StringSplitOptions.RemoveEmptyEntries).Length;
        Assert.Equal(15, listed);
    }
}
