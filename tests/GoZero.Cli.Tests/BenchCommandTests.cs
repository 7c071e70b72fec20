using System.Text.Json;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public class BenchCommandTests
{
    [Fact]
    public void BenchRulesJsonGivesPlayoutAndMoveRatesPerBoardSize()
    {
        var run = CommandRun.Of("bench", "rules", "--json", "--sizes", "5,9", "--seconds", "0.05", "--runs", "3");

        var results = Results(run, "rules");
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

    [Fact]
    public void BenchNetJsonGivesEvaluationRatesPerNetworkThreadsAndBatch()
    {
        var run = CommandRun.Of("bench", "net", "--json", "--configs", "5:1:8,9:0:16", "--threads", "1,2", "--batches", "1,3",
            "--seconds", "0.02", "--runs", "2");

        var results = Results(run, "net");
        Assert.Equal(8, results.Count);
        Assert.Equal([5, 5, 5, 5, 9, 9, 9, 9], results.Select(r => r.GetProperty("board").GetInt32()));
        Assert.Equal([1, 3, 1, 3, 1, 3, 1, 3], results.Select(r => r.GetProperty("batch").GetInt32()));
        foreach (var result in results)
        {
            Assert.True(result.GetProperty("evaluations_per_second").GetDouble() > 0);
            Assert.True(result.GetProperty("gflops").GetDouble() > 0);
            Assert.Equal(2, result.GetProperty("runs_evaluations_per_second").GetArrayLength());
        }
    }

    [Fact]
    public void BenchTrainJsonGivesSampleRatesPerNetworkThreadsAndBatch()
    {
        var run = CommandRun.Of("bench", "train", "--json", "--configs", "5:1:8", "--threads", "1,2", "--train-batches", "2,5",
            "--seconds", "0.02", "--runs", "2");

        var results = Results(run, "train");
        Assert.Equal([1, 1, 2, 2], results.Select(r => r.GetProperty("threads").GetInt32()));
        Assert.Equal([2, 5, 2, 5], results.Select(r => r.GetProperty("batch").GetInt32()));
        foreach (var result in results)
        {
            Assert.True(result.GetProperty("samples_per_second").GetDouble() > 0);
            Assert.Equal(2, result.GetProperty("runs_samples_per_second").GetArrayLength());
        }
    }

    [Theory]
    [InlineData("net", "--batches", "2", "evals/s")]
    [InlineData("train", "--train-batches", "3", "samples/s")]
    public void BenchNetworkSuiteTextNamesEachNetwork(string suite, string batchesOption, string batches, string rateColumn)
    {
        var run = CommandRun.Of("bench", suite, "--configs", "7:1:8", "--threads", "1", batchesOption, batches, "--seconds", "0.02", "--runs", "1");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("7x7 1x8", run.Output);
        Assert.Contains(rateColumn, run.Output);
        Assert.Contains("load average", run.Output);
    }

    [Theory]
    [InlineData("bench", "openings")]
    [InlineData("bench", "train", "--configs", "19:6")]
    [InlineData("bench", "train", "--train-batches", "0")]
    [InlineData("bench", "net", "--configs", "19:6")]
    [InlineData("bench", "net", "--configs", "30:1:8")]
    [InlineData("bench", "net", "--threads", "0")]
    [InlineData("bench", "net", "--batches", "0")]
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

    [Theory]
    [InlineData("net", "--batches")]
    [InlineData("train", "--train-batches")]
    public void BenchMeasuresBothBackendsSideBySide(string suite, string batches)
    {
        var run = CommandRun.Of("bench", suite, "--configs", "5:1:8", "--threads", "1", batches, "2", "--seconds", "0.05", "--runs", "1",
            "--backend", "managed,torch", "--json");
        var rows = Results(run, suite);
        Assert.Equal(["managed", "torch"], rows.Select(r => r.GetProperty("backend").GetString()));
        Assert.All(rows, r => Assert.Equal("cpu", r.GetProperty("device").GetString()));
    }

    /// <summary>The rows of a suite's --json output, once it is known to have succeeded and to name the suite.</summary>
    private static List<JsonElement> Results(CommandRun run, string benchmark)
    {
        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        Assert.Equal(benchmark, json.RootElement.GetProperty("benchmark").GetString());
        return json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.Clone()).ToList();
    }
}
