using System.Collections.Concurrent;
using GoZero.Network;
using GoZero.SelfPlay;
using GoZero.SelfPlay.Distributed;
using GoZero.SelfPlay.Tests;
using GoZero.SelfPlay.Tests.Distributed;

namespace GoZero.Cli.Tests;

/// <summary>gozero worker and gozero train --server: bad options and absent servers in words, and a worker and a
/// trainer against a real nats-server.</summary>
[Collection(nameof(ConsoleCollection))]
public sealed class WorkerCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-worker-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string PathIn(string name) => Path.Combine(folder, name);

    private static readonly TrainingRunConfig Toy = ToyRun.Config;

    [Theory]
    [InlineData("http://127.0.0.1:4222", "toy", "not a NATS server URL")]
    [InlineData("nats://127.0.0.1:4222", "my.run", "is not a run name on the server")]
    [InlineData("nats://127.0.0.1:4222", "toy", "--workers must be at least 1", "--workers", "0")]
    [InlineData("nats://127.0.0.1:4222", "toy", "a user needs a password", "--user", "alice")]
    [InlineData("nats://127.0.0.1:4222", "toy", "the creds file", "--creds", "/nonexistent/x.creds")]
    public void BadOptionsAreRefusedInWords(string url, string run, string message, params string[] more)
    {
        var worker = CommandRun.Of(["worker", "--server", url, "--run", run, "--cache", PathIn("cache"), .. more]);
        Assert.Equal(ExitCode.BadArguments, worker.ExitCode);
        Assert.Contains(message, worker.Error);
    }

    [Fact]
    public void AServerThatIsNotThereIsAnErrorNotAStackTrace()
    {
        var worker = CommandRun.Of("worker", "--server", "nats://127.0.0.1:1", "--run", "toy", "--cache", PathIn("cache"));
        Assert.Equal(ExitCode.BadInput, worker.ExitCode);
        Assert.StartsWith("error: the NATS server nats://127.0.0.1:1 cannot be reached", worker.Error);
        Assert.DoesNotContain("   at ", worker.Error);

        var train = CommandRun.Of("train", "--run", PathIn("run"), "--server", "nats://127.0.0.1:1");
        Assert.Equal(ExitCode.BadInput, train.ExitCode);
        Assert.StartsWith("error: the NATS server nats://127.0.0.1:1 cannot be reached", train.Error);
    }

    [Fact]
    public void TrainRefusesServerOptionsWithoutAServer()
    {
        var train = CommandRun.Of("train", "--run", PathIn("run"), "--local-selfplay", "off");
        Assert.Equal(ExitCode.BadArguments, train.ExitCode);
        Assert.Contains("need --server", train.Error);
        Assert.False(Directory.Exists(PathIn("run")));
    }

    [Fact]
    public async Task AWorkerPlaysTheRunsNetworkAndStopsAfterTheGamesAsked()
    {
        using var nats = NatsTestServer.Start();
        await using var trainer = await RunServer.OpenAsync(new NatsConnectionOptions(nats.Url), "toy", "test trainer", CancellationToken.None);
        var run = new TrainingRun(PathIn("run"), Toy);
        await trainer.PublishBestAsync(new BestNetworkEntry(0, "generation-0000.gzn", NetworkFile.Load(run.BestNetworkPath).Sha256, Toy, 0),
                                       run.BestNetworkPath, CancellationToken.None);

        var worker = CommandRun.Of("worker", "--server", nats.Url, "--run", "toy", "--cache", PathIn("cache"), "--games-at-once", "2", "--games", "4");

        Assert.Equal(ExitCode.Success, worker.ExitCode);
        Assert.Contains("playing generation 0 (generation-0000.gzn), 5×5", worker.Output);
        Assert.Matches(@"stopped: \d+ games in \d+ chunks acknowledged", worker.Output);
        Assert.Single(Directory.GetFiles(PathIn("cache"), "*.gzn"));
    }

    [Fact]
    public async Task TrainWithAServerAndNoSelfPlayOfItsOwnTrainsOnAWorkersGames()
    {
        using var nats = NatsTestServer.Start();
        string config = PathIn("toy.json");
        await File.WriteAllTextAsync(config, Toy.ToJson());
        await using var workerSide = await RunServer.OpenAsync(new NatsConnectionOptions(nats.Url), "toy-run", "test worker", CancellationToken.None);
        var log = new ConcurrentQueue<string>();
        var worker = new SelfPlayWorker(workerSide, PathIn("cache"), 1, 2, 1, ModelPlacement.Default, log.Enqueue);
        using var stop = new CancellationTokenSource();
        var working = worker.RunAsync(stop.Token);

        var train = await Task.Run(() => CommandRun.Of("train", "--run", PathIn("toy-run"), "--config", config, "--generations", "1",
                                                       "--server", nats.Url, "--local-selfplay", "off"));
        await stop.CancelAsync();
        await working.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(train.ExitCode == ExitCode.Success, train.Error);
        Assert.Contains($"workers join with: gozero worker --server {nats.Url} --run toy-run (this process plays no self-play games itself)", train.Output);
        var layout = new RunLayout(PathIn("toy-run"));
        Assert.Single(TrainingRun.ReadLedger(layout));
        Assert.True(layout.CountGames() >= Toy.MinimumGames);
        Assert.True(worker.Games > 0);
    }

    [Fact]
    public async Task SigtermStopsAWorkerCleanlyWithItsSummary()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM is a POSIX signal");
        using var nats = NatsTestServer.Start();
        // A worker as a service runs: its own process, stopped with kill. With no trainer it waits for the network.
        var start = new System.Diagnostics.ProcessStartInfo(FakeEngine.DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string word in new[] { Path.Combine(AppContext.BaseDirectory, "gozero.dll"), "worker", "--server", nats.Url, "--run", "toy", "--cache", PathIn("cache") })
            start.ArgumentList.Add(word);
        using var worker = System.Diagnostics.Process.Start(start)!;
        var stderr = worker.StandardError.ReadToEndAsync();
        string? first = await worker.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.StartsWith("worker ", first);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", worker.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        string rest = await worker.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await worker.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ExitCode.Success, worker.ExitCode);
        Assert.Contains("stopped: 0 games in 0 chunks acknowledged", rest);
        Assert.Contains("stopping: the chunk in progress is dropped", await stderr);
    }
}
