using System.Diagnostics;
using System.Text.Json;

namespace GoZero.Cli.Tests;

/// <summary>--backend and --device: the torch backend gives the managed backend's answers, bench measures both side by
/// side, a bad choice is refused, libtorch that cannot serve is one error line, and the managed backend never loads a
/// native library.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class BackendOptionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-backend-").FullName;
    private readonly string network, game;

    public BackendOptionTests()
    {
        network = Path.Combine(folder, "net9.gznet");
        Assert.Equal(0, CommandRun.Of("net", "init", "--board", "9", "--blocks", "1", "--filters", "8", "--out", network).ExitCode);
        game = Path.Combine(folder, "game.sgf");
        File.WriteAllText(game, "(;FF[4]GM[1]SZ[9]KM[7.5];B[ee];W[cc];B[gc];W[cg])");
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void NetEvalOnTorchGivesTheManagedBackendsValueAndPolicy()
    {
        var managed = Eval("--backend", "managed");
        var torch = Eval("--backend", "torch", "--device", "cpu");

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

    [Theory]
    [InlineData("net", "--batches")]
    [InlineData("train", "--train-batches")]
    public void BenchMeasuresBothBackendsSideBySide(string suite, string batches)
    {
        var run = CommandRun.Of("bench", suite, "--configs", "5:1:8", "--threads", "1", batches, "2", "--seconds", "0.05", "--runs", "1",
            "--backend", "managed,torch", "--json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(["managed", "torch"], rows.Select(r => r.GetProperty("backend").GetString()));
        Assert.All(rows, r => Assert.Equal("cpu", r.GetProperty("device").GetString()));
    }

    [Fact]
    public void OnlyTheTorchBackendLoadsLibtorch()
    {
        // A fresh process each, with the dynamic loader listing every library it maps (glibc's LD_DEBUG=files).
        Assert.DoesNotContain("libtorch", LoadedLibraries("managed"));
        Assert.Contains("libtorch_cpu.so", LoadedLibraries("torch"));
    }

    private JsonElement Eval(params string[] placement)
    {
        var run = CommandRun.Of(["net", "eval", network, "--sgf", game, "--json", .. placement]);
        Assert.True(run.ExitCode == 0, run.Error);
        return JsonDocument.Parse(run.Output).RootElement.Clone();
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
