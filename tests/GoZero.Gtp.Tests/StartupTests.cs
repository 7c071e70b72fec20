namespace GoZero.Gtp.Tests;

/// <summary>What the engine plays with and how it starts: --weights, the default networks, bad options.</summary>
public sealed class StartupTests
{
    /// <summary>A seeded random 1-block network for <paramref name="size"/>, written by <c>gozero net init</c>.</summary>
    private static void MakeNetwork(string path, int size)
    {
        var (exitCode, error) = GtpProcess.RunToEnd(Path.GetDirectoryName(path)!, "net", "init", "--board", $"{size}", "--blocks", "1",
            "--filters", "8", "--out", path);
        Assert.True(exitCode == 0, error);
    }

    [Fact]
    public void AMissingOrBrokenWeightsFileIsAClearErrorWithExitCodeOne()
    {
        var folder = Directory.CreateTempSubdirectory("gozero-gtp-weights-");
        try
        {
            var (exitCode, error) = GtpProcess.RunToEnd(folder.FullName, "gtp", "--weights", "no-such-network.gzn");
            Assert.Equal(1, exitCode);
            Assert.Contains("no-such-network.gzn", error);
            Assert.Contains("no such file", error);
            string junk = Path.Combine(folder.FullName, "junk.txt");
            File.WriteAllText(junk, "this is not a network\n");
            (exitCode, error) = GtpProcess.RunToEnd(folder.FullName, "gtp", "--weights", junk);
            Assert.Equal(1, exitCode);
            Assert.StartsWith("error: ", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData("--playouts", "0")]
    [InlineData("--threads", "0")]
    [InlineData("--resign-threshold", "2")]
    [InlineData("--rules", "japanese")]
    [InlineData("--komi", "1e9")]
    public void BadOptionsAreRefusedWithExitCodeTwo(string option, string value)
    {
        var (exitCode, error) = GtpProcess.RunToEnd(Path.GetTempPath(), "gtp", option, value);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: ", error);
    }

    [Fact]
    public void PlayoutsAndVisitsTogetherAreRefused()
    {
        var (exitCode, error) = GtpProcess.RunToEnd(Path.GetTempPath(), "gtp", "--playouts", "10", "--visits", "10");
        Assert.Equal(2, exitCode);
        Assert.Contains("not both", error);
    }

    [Fact]
    public void WithoutWeightsTheDefaultNetworkForTheBoardSizePlaysElseTheRolloutFallback()
    {
        var folder = Directory.CreateTempSubdirectory("gozero-gtp-networks-");
        try
        {
            MakeNetwork(Path.Combine(folder.FullName, "default-5x5.gzn"), 5);
            using var gtp = new GtpProcess("--networks-dir", folder.FullName, "--playouts", "20");
            Assert.Equal("0.1 (no network: rollout fallback)", gtp.Ok("version"));
            gtp.Ok("boardsize 5");
            Assert.Equal("0.1 (network: default-5x5.gzn, 5x5 1x8)", gtp.Ok("version"));
            Assert.Equal("GoZero", gtp.Ok("name"));
            string move = gtp.Ok("genmove b");
            Assert.Matches("^([A-E][1-5]|pass|resign)$", move);
            gtp.Ok("boardsize 7");
            Assert.Equal("0.1 (no network: rollout fallback)", gtp.Ok("version"));
            gtp.AssertErrorContains("playing with network: default-5x5.gzn");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void On9x9WithoutWeightsTheCommittedDefaultNetworkPlays()
    {
        // networks/default-9x9.gzn, the best network of the documented 9×9 run, copied next to the binary by the build.
        using var gtp = new GtpProcess("--playouts", "50");
        gtp.Ok("boardsize 9");
        Assert.Equal("0.1 (network: default-9x9.gzn, 9x9 4x32 +ownership+score)", gtp.Ok("version"));
        gtp.Ok("clear_board");
        Assert.Matches("^[A-HJ][1-9]$", gtp.Ok("genmove b"));
        gtp.AssertErrorContains("playing with network: default-9x9.gzn");
    }

    [Fact]
    public void WeightsRolloutPlaysWithTheRolloutEvaluatorEvenWhereADefaultNetworkExists()
    {
        using var gtp = new GtpProcess("--weights", "rollout", "--playouts", "50");
        gtp.Ok("boardsize 9");
        Assert.Equal("0.1 (no network: rollout evaluator, as --weights rollout asks)", gtp.Ok("version"));
        gtp.Ok("boardsize 13");
        Assert.Equal("0.1 (no network: rollout evaluator, as --weights rollout asks)", gtp.Ok("version"));
        Assert.Matches("^([A-HJ-N]([1-9]|1[0-3])|pass)$", gtp.Ok("genmove w"));
    }

    [Fact]
    public void WithWeightsItStartsOnTheNetworksSizeAndRefusesOtherSizes()
    {
        var folder = Directory.CreateTempSubdirectory("gozero-gtp-weights-");
        try
        {
            string path = Path.Combine(folder.FullName, "mine.gzn");
            MakeNetwork(path, 7);
            using var gtp = new GtpProcess("--weights", path, "--playouts", "30", "--threads", "2");
            Assert.Equal("0.1 (network: mine.gzn, 7x7 1x8)", gtp.Ok("version"));
            Assert.Matches("^([A-G][1-7]|pass|resign)$", gtp.Ok("genmove b"));
            Assert.StartsWith("unacceptable size", gtp.Fails("boardsize 9"));
            Assert.StartsWith("unacceptable size", gtp.Fails("boardsize 19"));
            gtp.Ok("boardsize 7");
            gtp.Send("lz-analyze b 10");
            Assert.Equal("=", gtp.ReadLine());
            string info = gtp.ReadLine();
            AnalysedMove.CheckLine(AnalysedMove.ParseLine(info));
            gtp.Send("name");
            while (gtp.ReadLine().Length > 0) { }
            Assert.Equal("GoZero", gtp.ReadResponse().Body);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
