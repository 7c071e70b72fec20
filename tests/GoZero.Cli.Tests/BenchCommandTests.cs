using System.Text.Json;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public class BenchCommandTests
{
    [Fact]
    public void BenchRulesJsonGivesPlayoutAndMoveRatesPerBoardSize()
    {
        var run = CommandRun.Of("bench", "rules", "--json", "--sizes", "5,9", "--seconds", "0.05", "--runs", "3");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal("rules", json.RootElement.GetProperty("benchmark").GetString());
        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal([5, 9], results.Select(r => r.GetProperty("size").GetInt32()));
        foreach (var result in results)
        {
            double playouts = result.GetProperty("playouts_per_second").GetDouble();
            double moves = result.GetProperty("moves_per_second").GetDouble();
            Assert.True(playouts > 0);
            Assert.InRange(moves / playouts, 5, 3 * 81);
            Assert.Equal(3, result.GetProperty("runs_playouts_per_second").GetArrayLength());
        }
    }

    [Fact]
    public void BenchRulesTextNamesEachBoardSize()
    {
        var run = CommandRun.Of("bench", "rules", "--sizes", "9", "--seconds", "0.05", "--runs", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("9x9:", run.Output);
        Assert.Contains("playouts/s", run.Output);
        Assert.Contains("load average", run.Output);
    }

    [Theory]
    [InlineData("bench", "openings")]
    [InlineData("bench", "rules", "--sizes", "30")]
    [InlineData("bench", "rules", "--seconds", "0")]
    [InlineData("bench", "rules", "--runs", "0")]
    public void BadBenchArgumentsAreRefusedWithAMessage(params string[] args)
    {
        var run = CommandRun.Of(args);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error:", run.Error);
    }

    [Fact]
    public void UnknownVerbsPrintHelpAndFail()
    {
        var run = CommandRun.Of("fly");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("bench", run.Error);
        Assert.Contains("score", run.Error);
    }
}
