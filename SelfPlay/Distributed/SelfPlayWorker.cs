using System.Security.Cryptography;
using System.Threading.Channels;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// Self-play for a run on another machine, as Leela Zero's autogtp played for its server: fetches the run's best network
/// from the server and plays only a network whose SHA-256 is the entry's; plays games with the run's settings
/// (<see cref="BestNetworkEntry.Config"/>) and the trainer's resignation threshold; publishes every
/// <see cref="TrainingRunConfig.GamesPerChunk"/> games as one message (<see cref="GameChunkMessage"/>) and sends it
/// again, with the same id, until the server acknowledges it; switches to a new best network as soon as the entry
/// changes. A worker stopped or killed loses the games of the chunk it had not published, nothing else.
/// </summary>
public sealed class SelfPlayWorker
{
    /// <summary>What a message may take of the server's max_payload: the rest is for NATS's headers.</summary>
    private const int PayloadMargin = 1024;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(2);

    private readonly RunServer server;
    private readonly string cacheFolder;
    private readonly int workers;
    private readonly int? gamesAtOnce;
    private readonly int threads;
    private readonly ModelPlacement placement;
    private readonly Action<string> log;
    private BestNetworkEntry? playing;
    private long sequence;
    private long games;
    private long chunks;
    private long dropped;

    /// <param name="workers">Self-play workers, each with its own network batches (as the run's selfPlayWorkers).</param>
    /// <param name="gamesAtOnce">Games each worker plays at once; null: the run's gamesAtOnce.</param>
    /// <param name="threads">Threads of each network evaluation.</param>
    /// <param name="cacheFolder">Where fetched networks are kept, named by their SHA-256.</param>
    /// <param name="log">Where each event is told, in a line.</param>
    public SelfPlayWorker(RunServer server, string cacheFolder, int workers, int? gamesAtOnce, int threads, ModelPlacement placement, Action<string> log)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (gamesAtOnce is < 1) throw new ArgumentOutOfRangeException(nameof(gamesAtOnce), "games at once must be at least 1");
        this.server = server;
        this.cacheFolder = cacheFolder;
        this.workers = workers;
        this.gamesAtOnce = gamesAtOnce;
        this.threads = threads;
        this.placement = placement;
        this.log = log;
        Id = NewWorkerId();
    }

    /// <summary>This worker's id, new at every start: the first part of its message ids.</summary>
    public string Id { get; }

    /// <summary>Games the server acknowledged.</summary>
    public long Games => Interlocked.Read(ref games);

    /// <summary>Chunks the server acknowledged.</summary>
    public long Chunks => Interlocked.Read(ref chunks);

    /// <summary>Games dropped because a single game's message exceeded the server's max_payload.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    /// <summary>The network played now (null before the first is fetched).</summary>
    public BestNetworkEntry? Playing => Volatile.Read(ref playing);

    /// <summary>12 random lower-case hex digits.</summary>
    public static string NewWorkerId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>Plays and publishes until <paramref name="cancellation"/> fires. Waits for the trainer's first network,
    /// and through any time the server is away.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        BestNetworkEntry entry;
        NetworkWeights weights;
        try
        {
            (entry, weights) = await FetchBestAsync(null, cancellation);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return;
        }
        var config = entry.Config;
        Volatile.Write(ref playing, entry);
        // Each worker its own seed: workers seeded alike would play the same games.
        ulong seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        using var network = new ReplaceableNetworkEvaluator(weights, threads, seed, placement);
        var runner = new SelfPlayRunner(config.SelfPlay, workers, gamesAtOnce ?? config.GamesAtOnce, _ => network, () => Playing!.ResignThreshold);
        log($"worker {Id}: playing generation {entry.Generation} ({entry.Network}), {config.BoardSize}×{config.BoardSize}, {config.SelfPlayPlayouts} playouts, " +
            $"{workers} worker(s) × {gamesAtOnce ?? config.GamesAtOnce} games at once");

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var finished = Channel.CreateUnbounded<SelfPlayRecord>(new UnboundedChannelOptions { SingleReader = true });
        long nextGame = 0;
        var play = Task.Run(() => runner.RunAsync(() => Interlocked.Increment(ref nextGame) - 1, seed, finished.Writer, stop.Token), CancellationToken.None);
        var watch = Task.Run(() => FollowBestAsync(config, network, stop.Token), CancellationToken.None);
        try
        {
            await PublishAsync(finished.Reader, config, stop.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
        }
        finally
        {
            await stop.CancelAsync();
            try { await Task.WhenAll(play, watch); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>Reads finished games into chunks of the run's size and publishes each until acknowledged; the games of
    /// a chunk not yet complete are lost when the worker stops.</summary>
    private async Task PublishAsync(ChannelReader<SelfPlayRecord> finished, TrainingRunConfig config, CancellationToken cancellation)
    {
        var pending = new List<SelfPlayRecord>();
        await foreach (var record in finished.ReadAllAsync(cancellation))
        {
            pending.Add(record);
            if (pending.Count < config.GamesPerChunk) continue;
            var message = NewMessage(config, pending);
            byte[] body = message.Encode();
            if (body.Length <= server.MaxPayload - PayloadMargin)
            {
                await PublishUntilAcknowledgedAsync(message, body, cancellation);
            }
            else
            {
                // Over the server's max_payload (19×19 chunks of long games): a message per game instead.
                foreach (var game in pending)
                {
                    var single = NewMessage(config, [game]);
                    byte[] singleBody = single.Encode();
                    if (singleBody.Length <= server.MaxPayload - PayloadMargin)
                    {
                        await PublishUntilAcknowledgedAsync(single, singleBody, cancellation);
                        continue;
                    }
                    Interlocked.Increment(ref dropped);
                    log($"worker {Id}: game {game.Id} alone exceeds the server's max_payload ({server.MaxPayload} bytes) and is dropped; raise max_payload in the server's config");
                }
            }
            pending.Clear();
        }
    }

    private GameChunkMessage NewMessage(TrainingRunConfig config, IReadOnlyList<SelfPlayRecord> records) =>
        GameChunkMessage.Of(GameChunkMessage.IdOf(Id, Interlocked.Increment(ref sequence)), config.BoardSize, Playing!.Sha256, records,
                            Path.Combine(cacheFolder, "outgoing"));

    private async Task PublishUntilAcknowledgedAsync(GameChunkMessage message, byte[] body, CancellationToken cancellation)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                bool taken = await server.PublishGamesAsync(message.MessageId, body, cancellation);
                Interlocked.Add(ref games, message.Games.Count);
                Interlocked.Increment(ref chunks);
                log($"worker {Id}: chunk {message.MessageId} ({message.Games.Count} games) acknowledged{(taken ? "" : " (the server had it already)")}; {Games} games so far");
                return;
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && e is not OutOfMemoryException)
            {
                if (attempt == 1 || attempt % 15 == 0)
                    log($"worker {Id}: chunk {message.MessageId} not acknowledged ({e.Message}); sending it again every {RetryDelay.TotalSeconds:0} s");
                await Task.Delay(RetryDelay, cancellation);
            }
        }
    }

    /// <summary>Switches to each new best network the trainer promotes, and follows its resignation threshold.</summary>
    private async Task FollowBestAsync(TrainingRunConfig config, ReplaceableNetworkEvaluator network, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                await foreach (var entry in server.WatchBestAsync(cancellation))
                {
                    if (entry.Config.BoardSize != config.BoardSize || entry.Config.Shape != config.Shape)
                    {
                        log($"worker {Id}: the run's entry now names a {entry.Config.Shape} network; this worker plays {config.Shape} ones — restart it");
                        continue;
                    }
                    if (entry.Sha256 == Playing!.Sha256)
                    {
                        Volatile.Write(ref playing, entry);
                        continue;
                    }
                    var (fetched, weights) = await FetchBestAsync(entry, cancellation);
                    network.Replace(weights);
                    Volatile.Write(ref playing, fetched);
                    log($"worker {Id}: now playing generation {fetched.Generation} ({fetched.Network})");
                }
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && e is not OutOfMemoryException)
            {
                log($"worker {Id}: lost the watch on the best network ({e.Message}); watching again in {RetryDelay.TotalSeconds:0} s");
                await Task.Delay(RetryDelay, cancellation);
            }
        }
    }

    /// <summary>The best network, verified: from the cache when a file of its SHA-256 is there, else fetched from the
    /// object store. A network whose bytes do not hash to the entry's SHA-256 is never played: the worker says so and
    /// tries again later (the trainer may be half-way through publishing; the store may be corrupt).</summary>
    private async Task<(BestNetworkEntry Entry, NetworkWeights Weights)> FetchBestAsync(BestNetworkEntry? known, CancellationToken cancellation)
    {
        bool waitingLogged = false;
        while (true)
        {
            try
            {
                var entry = known ?? await server.ReadBestAsync(cancellation);
                if (entry is null)
                {
                    if (!waitingLogged) log($"worker {Id}: waiting for the trainer to publish the run's network ({server.Names.Bucket}/{RunServerNames.BestKey})");
                    waitingLogged = true;
                }
                else if (await VerifiedNetworkAsync(entry, cancellation) is { } weights)
                {
                    return (entry, weights);
                }
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && e is not OutOfMemoryException)
            {
                log($"worker {Id}: cannot fetch the run's network yet ({e.Message})");
            }
            known = null;
            await Task.Delay(RetryDelay, cancellation);
        }
    }

    private async Task<NetworkWeights?> VerifiedNetworkAsync(BestNetworkEntry entry, CancellationToken cancellation)
    {
        Directory.CreateDirectory(cacheFolder);
        string cached = Path.Combine(cacheFolder, entry.Sha256 + ".gzn");
        if (!File.Exists(cached))
        {
            byte[] bytes = await server.DownloadNetworkAsync(entry.Network, cancellation);
            string sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (sha != entry.Sha256)
            {
                log($"worker {Id}: refusing {entry.Network} of generation {entry.Generation}: its SHA-256 is {sha}, the run's entry says {entry.Sha256}; trying again later");
                return null;
            }
            AtomicFile.Write(cached, stream => stream.Write(bytes));
        }
        var network = NetworkFile.Load(cached, entry.Config.Shape);
        if (network.Sha256 == entry.Sha256) return network.Weights;
        log($"worker {Id}: the cached {cached} does not hash to its name; fetching it again");
        File.Delete(cached);
        return null;
    }
}
