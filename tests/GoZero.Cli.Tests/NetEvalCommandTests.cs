using System.Diagnostics;
using System.Text.Json;

namespace GoZero.Cli.Tests;

[Collection(nameof(ConsoleCollection))]
public sealed class NetEvalCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-eval-").FullName;
    private readonly string network;
    private readonly string game;

    public NetEvalCommandTests()
    {
        network = Path.Combine(folder, "net9.gznet");
        Assert.Equal(0, CommandRun.Of("net", "init", "--board", "9", "--blocks", "1", "--filters", "8", "--out", network).ExitCode);
        game = Path.Combine(folder, "game.sgf");
        File.WriteAllText(game, "(;FF[4]GM[1]SZ[9]KM[7.5];B[ee];W[cc];B[gc];W[cg])");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static JsonElement Json(params string[] args)
    {
        var run = CommandRun.Of(args);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement;
    }

    [Fact]
    public void EvalGivesTheValueAndTheBestLegalMovesInOrder()
    {
        var json = Json("net", "eval", network, "--sgf", game, "--json");

        Assert.Equal(4, json.GetProperty("moves").GetInt32());
        Assert.Equal("B", json.GetProperty("to_move").GetString());
        double value = json.GetProperty("value").GetDouble();
        Assert.InRange(value, -1, 1);
        Assert.Equal((1 + value) / 2, json.GetProperty("winrate").GetDouble(), 5);
        var policy = json.GetProperty("policy").EnumerateArray().ToList();
        Assert.Equal(10, policy.Count);
        var priors = policy.Select(p => p.GetProperty("prior").GetDouble()).ToList();
        Assert.Equal(priors.OrderByDescending(p => p), priors);
        var occupied = new[] { "E5", "C7", "G7", "C3" };
        Assert.All(policy, p => Assert.DoesNotContain(p.GetProperty("move").GetString(), occupied));
    }

    [Fact]
    public void EvalOfANetworkWithTheAuxiliaryHeadsShowsTheScoreAndTheOwnershipMap()
    {
        string heads = Path.Combine(folder, "heads.gznet");
        Assert.Equal(0, CommandRun.Of("net", "init", "--board", "9", "--blocks", "1", "--filters", "8", "--ownership-and-score", "--out", heads).ExitCode);

        var json = Json("net", "eval", heads, "--sgf", game, "--json", "--average");
        var text = CommandRun.Of("net", "eval", heads, "--sgf", game);

        var ownership = json.GetProperty("ownership").EnumerateArray().Select(o => o.GetDouble()).ToList();
        Assert.Equal(81, ownership.Count);
        Assert.All(ownership, o => Assert.InRange(o, -1, 1));
        Assert.True(json.GetProperty("score").GetDouble() is var score && double.IsFinite(score));
        Assert.Matches(@"score: [BW]\+\d+\.\d \([+-]\d+\.\d for Black\)", text.Output);
        Assert.Contains("  9 ", text.Output);
        Assert.Contains("     A B C D E F G H J", text.Output);
        Assert.False(Json("net", "eval", network, "--sgf", game, "--json").TryGetProperty("ownership", out _));
    }

    [Fact]
    public void EvalOfAnEarlierMoveAndOfTheSymmetryAverage()
    {
        var early = Json("net", "eval", network, "--sgf", game, "--move", "1", "--json");
        var average = Json("net", "eval", network, "--sgf", game, "--average", "--json");

        Assert.Equal("W", early.GetProperty("to_move").GetString());
        Assert.Equal("average", average.GetProperty("symmetry").GetString());
        Assert.NotEqual(Json("net", "eval", network, "--sgf", game, "--json").GetProperty("value").GetDouble(),
            average.GetProperty("value").GetDouble());
    }

    [Fact]
    public void EvalPrintsAReadableSummary()
    {
        var run = CommandRun.Of("net", "eval", network, "--sgf", game);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("9x9 1x8 network", run.Output);
        Assert.Contains("Black to move", run.Output);
        Assert.Contains("win rate", run.Output);
    }

    [Fact]
    public void EvalRefusesMissingArgumentsAndMismatchedFiles()
    {
        Assert.Equal(2, CommandRun.Of("net", "eval", network).ExitCode);
        Assert.Equal(2, CommandRun.Of("net", "eval", network, "--sgf", game, "--move", "9").ExitCode);
        var missing = CommandRun.Of("net", "eval", Path.Combine(folder, "none.gznet"), "--sgf", game);
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("none.gznet", missing.Error);
        string big = Path.Combine(folder, "game19.sgf");
        File.WriteAllText(big, "(;FF[4]GM[1]SZ[19];B[pd])");
        var mismatch = CommandRun.Of("net", "eval", network, "--sgf", big);
        Assert.Equal(1, mismatch.ExitCode);
        Assert.Contains("9×9 network", mismatch.Error);
        var badSgf = CommandRun.Of("net", "eval", network, "--sgf", Path.Combine(folder, "none.sgf"));
        Assert.Equal(1, badSgf.ExitCode);
    }

    [Fact]
    public void NetEvalOnTorchGivesTheManagedBackendsValueAndPolicy()
    {
        var managed = Json("net", "eval", network, "--sgf", game, "--json", "--backend", "managed");
        var torch = Json("net", "eval", network, "--sgf", game, "--json", "--backend", "torch", "--device", "cpu");

        Assert.Equal(managed.GetProperty("value").GetDouble(), torch.GetProperty("value").GetDouble(), 1e-4);
        var expected = managed.GetProperty("policy").EnumerateArray().Select(m => m.GetProperty("prior").GetDouble()).ToList();
        var actual = torch.GetProperty("policy").EnumerateArray().Select(m => m.GetProperty("prior").GetDouble()).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (int i = 0; i < expected.Count; i++) Assert.Equal(expected[i], actual[i], 1e-4);
    }

    [Theory]
    [InlineData("--backend", "tensorflow", "not a backend")]
    [InlineData("--device", "gpu", "not a device")]
    [InlineData("--device", "cuda", "CPU only")]
    public void AnUnknownBackendOrDeviceIsRefusedWithExitCode2(string option, string value, string message)
    {
        var run = CommandRun.Of("net", "eval", network, "--sgf", game, option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void ACudaDeviceThisBuildLacksIsOneErrorLineNamingTheFix()
    {
        var run = CommandRun.Of("net", "eval", network, "--sgf", game, "--backend", "torch", "--device", "cuda:0");
        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("-p:TorchCuda=true", run.Error);
    }

    [Fact]
    public void OnlyTheTorchBackendLoadsLibtorch()
    {
        // A fresh process each, with the dynamic loader listing every library it maps (glibc's LD_DEBUG=files).
        Assert.DoesNotContain("libtorch", LoadedLibraries("managed"));
        Assert.Contains("libtorch_cpu.so", LoadedLibraries("torch"));
    }

    private string LoadedLibraries(string backend)
    {
        string log = Path.Combine(folder, "ld-" + backend);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "gozero.dll"), "net", "eval", network, "--sgf", game, "--backend", backend })
            start.ArgumentList.Add(argument);
        start.Environment["LD_DEBUG"] = "files";
        start.Environment["LD_DEBUG_OUTPUT"] = log;
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "gozero net eval did not finish");
        Assert.True(process.ExitCode == 0, output);
        string libraries = string.Join("\n", Directory.GetFiles(folder, "ld-" + backend + ".*").Select(File.ReadAllText));
        Assert.Contains("libcoreclr.so", libraries);
        return libraries;
    }
}
