using System.Collections.Concurrent;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;
using GoZero.Network.Training;
using GoZero.SelfPlay.Distributed;
using NATS.Client.JetStream;

namespace GoZero.SelfPlay.Tests.Distributed;

/// <summary>
/// Workers and a trainer against a real nats-server on a loopback port (<see cref="NatsTestServer"/>), with the toy run
/// (<see cref="ToyRun"/>): the faults of issue 21 — a worker killed mid-chunk, the trainer killed with chunks in
/// flight, the server killed and restarted — and a run made by two workers that is the run one process makes.
/// </summary>
public sealed class DistributedSelfPlayTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "gozero-distributed-" + Guid.NewGuid().ToString("N"));
    private readonly NatsTestServer nats = NatsTestServer.Start();
    private readonly ConcurrentQueue<string> log = new();

    public void Dispose()
    {
        nats.Dispose();
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private string RunFolder => Path.Combine(folder, "run");

    private RunLayout Layout => new(RunFolder);

    private Task<RunServer> OpenAsync(string client = "test") =>
        RunServer.OpenAsync(new NatsConnectionOptions(nats.Url), "toy", client, CancellationToken.None);

    /// <summary>Starts the toy run's folder and publishes its generation 0 as a trainer does.</summary>
    private async Task<BestNetworkEntry> PublishFirstNetworkAsync(RunServer server)
    {
        var run = new TrainingRun(RunFolder, ToyRun.Config);
        var entry = new BestNetworkEntry(0, "generation-0000.gzn", NetworkFile.Load(run.BestNetworkPath).Sha256, ToyRun.Config, 0);
        await server.PublishBestAsync(entry, run.BestNetworkPath, CancellationToken.None);
        return entry;
    }

    private SelfPlayWorker Worker(RunServer server, string name = "worker") =>
        new(server, Path.Combine(folder, name + "-cache"), workers: 1, gamesAtOnce: 2, threads: 1, ModelPlacement.Default, log.Enqueue);

    private GameChunkReceiver Receiver(RunServer server, SelfPlayWriter writer) =>
        new(server, writer, log.Enqueue) { AckWait = TimeSpan.FromSeconds(1) };

    private async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"waited {Patience.TotalSeconds:0} s for {what}; log:\n{string.Join("\n", log)}");
            await Task.Delay(50);
        }
    }

    private GameChunkMessage Message(long sequence, int size = 5) =>
        GameChunkMessage.Of(GameChunkMessage.IdOf("0123456789ab", sequence), size, new string('a', 64),
            [.. Enumerable.Range(0, 2).Select(i => SelfPlayGame.Play(i, new RolloutEvaluator(1, seed: 2),
                new SelfPlayOptions(size, RulesOptions.Default with { Komi = 0.5 }, Playouts: 8, ResignThreshold: 0), seed: (ulong)(sequence * 10 + i)))],
            Path.Combine(folder, "scratch"));

    [Fact]
    public async Task AWorkerKilledMidChunkLosesOnlyThatChunk()
    {
        await using var trainerSide = await OpenAsync("trainer");
        await PublishFirstNetworkAsync(trainerSide);
        using var writer = new SelfPlayWriter(Layout, 5, ToyRun.Config.GamesPerChunk);
        var receiver = Receiver(trainerSide, writer);
        using var stopReceiver = new CancellationTokenSource();
        var receiving = receiver.RunAsync(stopReceiver.Token);

        await using var workerSide = await OpenAsync("worker");
        var worker = Worker(workerSide);
        using var kill = new CancellationTokenSource();
        var working = worker.RunAsync(kill.Token);
        await Until(() => worker.Chunks >= 2, "two chunks acknowledged");
        // Cancelled in the middle of its next chunk's games: they are lost, nothing the server acknowledged.
        await kill.CancelAsync();
        await working.WaitAsync(Patience);
        await Until(() => receiver.Stored >= worker.Chunks, "every acknowledged chunk stored");
        await Task.Delay(300);
        await stopReceiver.CancelAsync();
        await receiving.WaitAsync(Patience);

        AcknowledgedChunksAreStoredOnce(worker, receiver);
        Assert.Equal(worker.Chunks * ToyRun.Config.GamesPerChunk, worker.Games);
    }

    [Fact]
    public async Task ATrainerKilledWithChunksInFlightGetsThemAgainAndStoresEachOnce()
    {
        await using (var workerSide = await OpenAsync("worker"))
            for (int i = 1; i <= 3; i++) Assert.True(await workerSide.PublishGamesAsync(Message(i).MessageId, Message(i).Encode(), CancellationToken.None));

        // The first trainer takes all three, stores two and is killed before it acknowledges any.
        await using (var first = await OpenAsync("trainer"))
        {
            var consumer = await first.TrainerConsumerAsync(TimeSpan.FromSeconds(1), CancellationToken.None);
            using var writer = new SelfPlayWriter(Layout, 5);
            int taken = 0;
            await foreach (var message in consumer.FetchAsync<byte[]>(new NatsJSFetchOpts { MaxMsgs = 3, Expires = TimeSpan.FromSeconds(5) }))
                if (++taken <= 2) Assert.True(writer.Store(GameChunkMessage.Decode(message.Data)));
            Assert.Equal(3, taken);
        }

        await using var second = await OpenAsync("trainer");
        using (var writer = new SelfPlayWriter(Layout, 5))
        {
            var receiver = Receiver(second, writer);
            using var stop = new CancellationTokenSource();
            var receiving = receiver.RunAsync(stop.Token);
            await Until(() => receiver.Stored + receiver.Duplicates == 3, "the three chunks delivered again");
            await stop.CancelAsync();
            await receiving.WaitAsync(Patience);
            Assert.Equal((1, 2), (receiver.Stored, receiver.Duplicates));
        }
        Assert.Equal(3, TrainingDataSet.ChunkPaths(Layout.DataFolder).Length);
        Assert.Equal(6, Layout.CountGames());
        Assert.Equal(6, SelfPlayWriter.ReadStatistics(Layout).Games);
    }

    [Fact]
    public async Task AServerKilledAndRestartedLosesNothingAcknowledged()
    {
        await using var trainerSide = await OpenAsync("trainer");
        await PublishFirstNetworkAsync(trainerSide);
        using var writer = new SelfPlayWriter(Layout, 5);
        var receiver = Receiver(trainerSide, writer);
        using var stopReceiver = new CancellationTokenSource();
        var receiving = receiver.RunAsync(stopReceiver.Token);
        await using var workerSide = await OpenAsync("worker");
        var worker = Worker(workerSide);
        using var stopWorker = new CancellationTokenSource();
        var working = worker.RunAsync(stopWorker.Token);
        await Until(() => worker.Chunks >= 2, "two chunks acknowledged");

        // Worker and trainer both go on through the kill: each reconnects, the worker sends its chunk again.
        nats.Kill();
        long beforeRestart = worker.Chunks;
        await Task.Delay(500);
        nats.Restart();
        await Until(() => worker.Chunks >= beforeRestart + 2, "chunks acknowledged after the restart");
        await stopWorker.CancelAsync();
        await working.WaitAsync(Patience);

        // Everything acknowledged, before the kill and after, reaches the trainer.
        await Until(() => receiver.Stored >= worker.Chunks, "every acknowledged chunk stored");
        await Task.Delay(300);
        await stopReceiver.CancelAsync();
        await receiving.WaitAsync(Patience);
        AcknowledgedChunksAreStoredOnce(worker, receiver);
    }

    /// <summary>Every chunk the server acknowledged to the worker is stored, each once. The one chunk whose
    /// acknowledgement the worker was stopped waiting for may be stored too: the server had taken it.</summary>
    private void AcknowledgedChunksAreStoredOnce(SelfPlayWorker worker, GameChunkReceiver receiver)
    {
        Assert.InRange(receiver.Stored, worker.Chunks, worker.Chunks + 1);
        Assert.Equal(0, receiver.Rejected);
        Assert.Equal(receiver.Stored, TrainingDataSet.ChunkPaths(Layout.DataFolder).Length);
        Assert.Equal(receiver.Stored * ToyRun.Config.GamesPerChunk, Layout.CountGames());
        Assert.Empty(Directory.GetFiles(Layout.DataFolder, "*.part"));
    }

    [Fact]
    public async Task TwoWorkersAndATrainerMakeTheRunOneProcessMakes()
    {
        await using var trainerSide = await OpenAsync("trainer");
        var run = new TrainingRun(RunFolder, ToyRun.Config) { Server = trainerSide, LocalSelfPlay = false, Log = log.Enqueue };
        await using var workerSide = await OpenAsync("workers");
        SelfPlayWorker[] workers = [Worker(workerSide, "a"), Worker(workerSide, "b")];
        using var stopWorkers = new CancellationTokenSource();
        var working = workers.Select(w => w.RunAsync(stopWorkers.Token)).ToArray();
        await run.RunAsync(null, maxGenerations: 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));
        await stopWorkers.CancelAsync();
        await Task.WhenAll(working).WaitAsync(Patience);
        Assert.All(workers, w => Assert.True(w.Chunks > 0, $"worker {w.Id} published nothing"));

        string single = Path.Combine(folder, "single");
        await new TrainingRun(single, ToyRun.Config).RunAsync(null, maxGenerations: 1, null, CancellationToken.None).WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(Shape(single), Shape(RunFolder));
        foreach (string made in new[] { single, RunFolder })
        {
            var layout = new RunLayout(made);
            var statistics = SelfPlayWriter.ReadStatistics(layout);
            long samples = TrainingDataSet.ChunkPaths(layout.DataFolder).Sum(path => { using var chunk = TrainingChunkReader.Open(path, 5); return chunk.Count; });
            Assert.Equal(statistics.Samples, samples);
            Assert.Equal(statistics.Games, layout.CountGames());
            Assert.True(Assert.Single(TrainingRun.ReadLedger(layout)).SelfPlayGames >= ToyRun.Config.MinimumGames);
        }
    }

    /// <summary>A run folder's files with the names of chunks and games, which differ from run to run, left out.</summary>
    private static string[] Shape(string run) =>
        [.. Directory.GetFiles(run, "*", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(run, path))
            .Select(path => path.StartsWith("data", StringComparison.Ordinal) ? "data/*.chunk" : path.StartsWith("games", StringComparison.Ordinal) ? "games/*.sgf" : path)
            .Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public async Task AWorkerNeverPlaysANetworkWhoseHashIsNotTheEntrys()
    {
        await using var trainerSide = await OpenAsync("trainer");
        var entry = await PublishFirstNetworkAsync(trainerSide);
        await trainerSide.UpdateBestAsync(entry with { Sha256 = new string('0', 64) }, CancellationToken.None);
        await using var workerSide = await OpenAsync("worker");
        var worker = Worker(workerSide);
        using var stop = new CancellationTokenSource();
        var working = worker.RunAsync(stop.Token);
        await Until(() => log.Any(line => line.Contains("refusing generation-0000.gzn", StringComparison.Ordinal)), "the worker to refuse the network");
        Assert.Null(worker.Playing);
        Assert.False(Directory.Exists(Path.Combine(folder, "worker-cache")) && Directory.GetFiles(Path.Combine(folder, "worker-cache"), "*.gzn").Length > 0);

        // The trainer's entry put right, the worker plays on its next try.
        await trainerSide.UpdateBestAsync(entry, CancellationToken.None);
        await Until(() => worker.Playing is not null, "the worker to play the right network");
        await stop.CancelAsync();
        await working.WaitAsync(Patience);
        Assert.Equal(entry.Sha256, worker.Playing!.Sha256);
    }

    [Fact]
    public async Task CorruptAndForeignMessagesAreRejectedCountedAndNotDeliveredAgain()
    {
        await using var server = await OpenAsync();
        await server.PublishGamesAsync("garbage-1", "not a chunk"u8.ToArray(), CancellationToken.None);
        await server.PublishGamesAsync(Message(1, size: 7).MessageId, Message(1, size: 7).Encode(), CancellationToken.None);
        var good = Message(2);
        await server.PublishGamesAsync(good.MessageId, good.Encode(), CancellationToken.None);

        using var writer = new SelfPlayWriter(Layout, 5);
        var receiver = Receiver(server, writer);
        using var stop = new CancellationTokenSource();
        var receiving = receiver.RunAsync(stop.Token);
        await Until(() => receiver.Stored == 1 && receiver.Rejected == 2, "one chunk stored and two rejected");
        // Past the acknowledgement wait: a rejected message not terminated would be counted again.
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stop.CancelAsync();
        await receiving.WaitAsync(Patience);
        Assert.Equal((1, 2, 0), (receiver.Stored, receiver.Rejected, receiver.Duplicates));
        Assert.Contains(log, line => line.Contains("7×7", StringComparison.Ordinal));
        Assert.Equal(2, Layout.CountGames());
    }

    [Fact]
    public async Task AChunkSentTwiceIsTakenAndStoredOnce()
    {
        await using var server = await OpenAsync();
        var message = Message(1);
        Assert.True(await server.PublishGamesAsync(message.MessageId, message.Encode(), CancellationToken.None));
        Assert.False(await server.PublishGamesAsync(message.MessageId, message.Encode(), CancellationToken.None));

        using var writer = new SelfPlayWriter(Layout, 5);
        var receiver = Receiver(server, writer);
        using var stop = new CancellationTokenSource();
        var receiving = receiver.RunAsync(stop.Token);
        await Until(() => receiver.Stored == 1, "the chunk stored");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        await stop.CancelAsync();
        await receiving.WaitAsync(Patience);
        Assert.Equal((1, 0), (receiver.Stored, receiver.Duplicates));
        Assert.Single(TrainingDataSet.ChunkPaths(Layout.DataFolder));
    }

    [Fact]
    public async Task AChunkOverTheServersMaxPayloadIsSentAsAMessagePerGame()
    {
        // A toy 5×5 game's record and samples take 2–5 KB: one game always fits under 6,000 bytes, two short games
        // may fit too, but most pairs do not and are split into a message per game.
        using var small = NatsTestServer.Start(maxPayload: 6000);
        await using var trainerSide = await RunServer.OpenAsync(new NatsConnectionOptions(small.Url), "toy", "trainer", CancellationToken.None);
        Assert.Equal(6000, trainerSide.MaxPayload);
        await PublishFirstNetworkAsync(trainerSide);
        using var writer = new SelfPlayWriter(Layout, 5);
        var receiver = Receiver(trainerSide, writer);
        using var stop = new CancellationTokenSource();
        var receiving = receiver.RunAsync(stop.Token);
        var worker = Worker(trainerSide);
        var working = worker.RunAsync(stop.Token);
        await Until(() => worker.Games >= 6 && receiver.Stored >= worker.Chunks, "six games acknowledged and stored");
        await stop.CancelAsync();
        await Task.WhenAll(working, receiving).WaitAsync(Patience);

        Assert.True(worker.Chunks > worker.Games / ToyRun.Config.GamesPerChunk,
                    $"{worker.Games} games in {worker.Chunks} messages: no chunk was split");
        // Messages in flight at the stop may be stored but not yet acknowledged, or acknowledged but not yet stored.
        Assert.Equal(receiver.Stored, TrainingDataSet.ChunkPaths(Layout.DataFolder).Length);
        Assert.True(Layout.CountGames() >= 6, $"{Layout.CountGames()} games stored");
        Assert.Equal(0, worker.Dropped);
    }

    [Fact]
    public async Task AWorkerSwitchesToANewBestNetworkAsSoonAsItIsPublished()
    {
        await using var trainerSide = await OpenAsync("trainer");
        var first = await PublishFirstNetworkAsync(trainerSide);
        await using var workerSide = await OpenAsync("worker");
        var worker = Worker(workerSide);
        using var stop = new CancellationTokenSource();
        var working = worker.RunAsync(stop.Token);
        await Until(() => worker.Playing is not null, "the worker to play generation 0");

        string promoted = Layout.NetworkPath(1);
        new Checkpoint(NetworkWeights.Random(ToyRun.Config.Shape, seed: 77), CheckpointMetadata.New("a promoted candidate")).Save(promoted);
        var entry = first with { Generation = 1, Network = "candidate-0001.gzn", Sha256 = NetworkFile.Load(promoted).Sha256, ResignThreshold = 0.07 };
        await trainerSide.PublishBestAsync(entry, promoted, CancellationToken.None);
        await Until(() => worker.Playing?.Generation == 1, "the worker to play generation 1");
        await stop.CancelAsync();
        await working.WaitAsync(Patience);
        Assert.Equal(entry, worker.Playing);
        Assert.Contains(log, line => line.EndsWith("now playing generation 1 (candidate-0001.gzn)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CredentialsArePassedToTheServerAndWrongOnesRefusedInWords()
    {
        using var guarded = NatsTestServer.Start(login: ("trainer", "s3cret"));
        var refused = await Assert.ThrowsAsync<RunServerException>(() =>
            RunServer.OpenAsync(new NatsConnectionOptions(guarded.Url, "trainer", "wrong"), "toy", "test", CancellationToken.None));
        Assert.Contains("refused us", refused.Message);
        await using var server = await RunServer.OpenAsync(new NatsConnectionOptions(guarded.Url, "trainer", "s3cret"), "toy", "test", CancellationToken.None);
        Assert.True(server.Connected);
    }

    [Fact]
    public async Task AServerThatIsNotThereIsAClearError()
    {
        nats.Kill();
        var error = await Assert.ThrowsAsync<RunServerException>(() => OpenAsync());
        Assert.Contains(nats.Url, error.Message);
        Assert.Contains("cannot be reached", error.Message);
    }
}
