using GoZero.SelfPlay;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class SelfPlayCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-selfplay-cli-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private string Network()
    {
        string net = PathIn("n5.gznet");
        if (!File.Exists(net)) Assert.Equal(0, CommandRun.Of("net", "init", "--blocks", "1", "--filters", "8", "--board", "5", "--out", net).ExitCode);
        return net;
    }

    /// <summary>Runs selfplay with small settings, <paramref name="changes"/> (option, value pairs) replacing them.</summary>
    private CommandRun SelfPlay(string output, params string[] changes)
    {
        var options = new Dictionary<string, string> { ["--games"] = "1", ["--playouts"] = "2", ["--games-at-once"] = "1", ["--threads"] = "1" };
        for (int i = 0; i < changes.Length; i += 2) options[changes[i]] = changes[i + 1];
        return CommandRun.Of(["selfplay", "--net", Network(), "--out", output, .. options.SelectMany(o => new[] { o.Key, o.Value })]);
    }

    [Theory]
    [InlineData("--games-per-chunk", "0", "--games-per-chunk must be at least 1")]
    [InlineData("--games", "0", "--games must be at least 1")]
    [InlineData("--workers", "0", "--workers must be at least 1")]
    [InlineData("--threads", "0", "--threads must be at least 1")]
    [InlineData("--playouts", "0", "--playouts must be at least 1")]
    [InlineData("--batch", "0", "--batch must be at least 1")]
    [InlineData("--resign-threshold", "-0.5", "--resign-threshold")]
    [InlineData("--no-resign-share", "2", "no-resign games")]
    [InlineData("--temperature-moves", "-1", "temperature moves")]
    [InlineData("--komi", "Infinity", "komi")]
    [InlineData("--full-search-share", "0", "share of full searches")]
    [InlineData("--fast-playouts", "5", "fast playouts must be 1 to the full search's 2")]
    [InlineData("--forced-playouts", "-1", "forced playouts k")]
    [InlineData("--gumbel-moves", "0", "Gumbel considered moves")]
    public void BadOptionsAreExplainedWithExitCode2(string option, string value, string expected)
    {
        var run = SelfPlay(PathIn("s"), option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error);
        Assert.DoesNotContain("Parameter", run.Error);
        Assert.False(Directory.Exists(PathIn("s"))); // refused before anything was written
    }

    [Theory]
    [InlineData("--full-search-share", "0.25", "25% of moves in full and the rest with 2")]
    [InlineData("--forced-playouts", "2", "forced playouts k = 2")]
    [InlineData("--gumbel-moves", "4", "")]
    public void EachSelfPlayModeWritesItsGamesAndReportsTheNetworksShare(string option, string value, string mode)
    {
        string output = PathIn("m");
        var run = option == "--gumbel-moves"
            ? CommandRun.Of("selfplay", "--net", Network(), "--out", output, "--games", "1", "--playouts", "8", "--games-at-once", "1",
                "--threads", "1", "--gumbel", option, value)
            : SelfPlay(output, "--playouts", "10", "--fast-playouts", "2", option, value);
        Assert.Equal(0, run.ExitCode);
        Assert.Contains(option == "--gumbel-moves" ? "Gumbel root search of 4 moves" : mode, run.Output);
        Assert.Contains("network busy", run.Output);
        Assert.Single(Directory.GetFiles(Path.Combine(output, "games")));
    }

    [Fact]
    public void EmptyNetworkIsABadArgument()
    {
        var run = CommandRun.Of("selfplay", "--net", "", "--games", "1", "--out", PathIn("e"));
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--net is empty", run.Error);
    }

    [Fact]
    public void FolderOrMissingFileGivenAsTheNetworkIsNamed()
    {
        string notANetwork = PathIn("nets");
        Directory.CreateDirectory(notANetwork);
        var folderRun = CommandRun.Of("selfplay", "--net", notANetwork, "--games", "1", "--out", PathIn("d"));
        Assert.Equal(1, folderRun.ExitCode);
        Assert.Contains($"{notANetwork}: a folder, not a file", folderRun.Error);

        var missingRun = CommandRun.Of("selfplay", "--net", PathIn("missing.gznet"), "--games", "1", "--out", PathIn("d"));
        Assert.Equal(1, missingRun.ExitCode);
        Assert.Contains("missing.gznet", missingRun.Error);
    }

    [Fact]
    public void SecondRunOnAFolderInUseIsRefusedAndWritesNothing()
    {
        string output = PathIn("busy");
        using (FolderLock.Acquire(output, "gozero selfplay"))
        {
            var run = SelfPlay(output, "--games", "2");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains($"{output} is in use by another gozero process", run.Error);
        }
        Assert.Equal([Path.Combine(output, FolderLock.FileName)], Directory.GetFiles(output, "*", SearchOption.AllDirectories));
        Assert.Equal(0, SelfPlay(output, "--games", "1").ExitCode); // free again once the holder is gone
    }

    [Fact]
    public void ResumedRunCountsTheGamesInTheFolderNotTheNextId()
    {
        string output = PathIn("resume");
        Assert.Equal(0, SelfPlay(output, "--games", "2", "--games-per-chunk", "1").ExitCode);
        // As after a stopped run that played games at once: two games on disk, but the highest id is 12.
        File.Move(Path.Combine(output, "games", "00000001.sgf"), Path.Combine(output, "games", "00000012.sgf"));
        var run = SelfPlay(output, "--games", "1", "--games-per-chunk", "1");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("continuing after the 2 games already there", run.Output);
        Assert.Contains("game 13:", run.Output);
    }

    [Fact]
    public void ResumedRunRemovesTemporariesOfAKilledOne()
    {
        string output = PathIn("killed");
        Assert.Equal(0, SelfPlay(output, "--games", "1", "--games-per-chunk", "1").ExitCode);
        string[] stale = [Path.Combine(output, ".selfplay.json.k1ll3d.tmp"), Path.Combine(output, "games", ".00000001.sgf.0123abcd.tmp")];
        foreach (string path in stale) File.WriteAllText(path, "");
        Assert.Equal(0, SelfPlay(output, "--games", "1", "--games-per-chunk", "1").ExitCode);
        Assert.All(stale, path => Assert.False(File.Exists(path)));
    }
}
