using System.Text.Json;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public class BenchMctsTests
{
    [Fact]
    public void BenchMctsJsonGivesVisitRatesAndOutsideNetworkSharePerThreadsAndPosition()
    {
        var run = CommandRun.Of("bench", "mcts", "--json", "--board", "9", "--blocks", "1", "--filters", "8", "--threads", "1,2",
            "--batch", "4", "--playouts", "24", "--runs", "2", "--midgame-moves", "20", "--warmup", "0");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal("mcts", root.GetProperty("benchmark").GetString());
        Assert.False(root.GetProperty("evaluation_cache").GetBoolean());
        Assert.Equal(20, root.GetProperty("midgame_moves").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("load_average_before").GetString()));
        var results = root.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["empty", "midgame", "empty", "midgame"], results.Select(r => r.GetProperty("position").GetString()));
        Assert.Equal([1, 1, 2, 2], results.Select(r => r.GetProperty("threads").GetInt32()));
        foreach (var result in results)
        {
            Assert.Equal(4, result.GetProperty("batch").GetInt32());
            Assert.Equal(24, result.GetProperty("playouts").GetInt32());
            Assert.True(result.GetProperty("visits_per_second").GetDouble() > 0);
            Assert.InRange(result.GetProperty("evaluations_per_second").GetDouble(), 0.0, result.GetProperty("visits_per_second").GetDouble() * 1.01);
            Assert.InRange(result.GetProperty("outside_network_share").GetDouble(), 0.0, 1.0);
            Assert.InRange(result.GetProperty("mean_batch").GetDouble(), 1.0, 4.0);
            Assert.Equal(2, result.GetProperty("runs_visits_per_second").GetArrayLength());
            Assert.False(result.TryGetProperty("ratio", out _));
        }
    }

    [Fact]
    public void BenchMctsTextPrintsATableAndTheLoadAverage()
    {
        var run = CommandRun.Of("bench", "mcts", "--board", "9", "--blocks", "1", "--filters", "8", "--threads", "1",
            "--playouts", "8", "--runs", "1", "--warmup", "0");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("visits/s", run.Output);
        Assert.Contains("outside net", run.Output);
        Assert.Contains("midgame", run.Output);
        Assert.Contains("load average", run.Output);
    }

    [Fact]
    public void BenchMctsRejectsAMissingLeelaZero()
    {
        var run = CommandRun.Of("bench", "mcts", "--board", "9", "--blocks", "1", "--filters", "8", "--leelaz", "/nonexistent/leelaz");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no such file", run.Error);
    }

    [Fact]
    [Trait("Category", "External")]
    public void BenchMctsAgainstLeelaZeroGivesARatioPerThreadsAndPosition()
    {
        const string leelaz = "/usr/games/leelaz";
        Assert.True(File.Exists(leelaz), $"{leelaz} is not installed (Debian package leela-zero)");

        var run = CommandRun.Of("bench", "mcts", "--json", "--blocks", "1", "--filters", "16", "--threads", "1,2",
            "--playouts", "32", "--runs", "1", "--warmup", "0", "--leelaz", leelaz);

        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(4, results.Count);
        foreach (var result in results)
        {
            Assert.True(result.GetProperty("leelaz_playouts_per_second").GetDouble() > 0);
            Assert.True(result.GetProperty("ratio").GetDouble() > 0);
        }
    }
}
