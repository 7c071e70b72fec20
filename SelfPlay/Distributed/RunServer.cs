using System.Runtime.CompilerServices;
using NATS.Client.Core;
using NATS.Client.JetStream;
using NATS.Client.JetStream.Models;
using NATS.Client.KeyValueStore;
using NATS.Client.ObjectStore;
using NATS.Client.ObjectStore.Models;

namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// A run's place on a NATS server with JetStream (<see cref="RunServerNames"/>): the stream workers publish game chunks
/// to and the trainer consumes, the key-value entry of the best network, the object store of the networks. Opening it
/// creates any of the three that is missing, with file storage, so acknowledged data survive a server restart.
/// </summary>
public sealed class RunServer : IAsyncDisposable, IDisposable
{
    /// <summary>How long the stream remembers a message id: a chunk sent again within it (a worker that got no
    /// acknowledgement, across a server restart) is dropped by the server. The trainer also stores a chunk once per
    /// id whenever it comes (<see cref="SelfPlayWriter.Store"/>); the window only saves the traffic.</summary>
    public static readonly TimeSpan DuplicateWindow = TimeSpan.FromHours(1);

    /// <summary>How long the trainer may hold a message before the server sends it again: longer than storing the
    /// largest chunk takes.</summary>
    public static readonly TimeSpan DefaultAckWait = TimeSpan.FromSeconds(30);

    private readonly NatsConnection connection;
    private readonly NatsJSContext jetStream;
    private readonly INatsKVStore bestStore;
    private readonly INatsObjStore networkStore;

    private RunServer(RunServerNames names, NatsConnection connection, NatsJSContext jetStream, INatsKVStore bestStore, INatsObjStore networkStore)
    {
        Names = names;
        this.connection = connection;
        this.jetStream = jetStream;
        this.bestStore = bestStore;
        this.networkStore = networkStore;
    }

    public RunServerNames Names { get; }

    /// <summary>The largest message the server takes (its max_payload; 1 MiB by default).</summary>
    public int MaxPayload => connection.ServerInfo?.MaxPayload is int max and > 0 ? max : 1 << 20;

    /// <summary>Whether the connection is up now (it reconnects by itself when it is not).</summary>
    public bool Connected => connection.ConnectionState == NatsConnectionState.Open;

    /// <summary>
    /// Connects and opens run <paramref name="run"/>'s stream, bucket and object store, creating those missing. A
    /// server that cannot be reached or refuses us is a <see cref="RunServerException"/> that says which and why; so is
    /// a server without JetStream.
    /// </summary>
    public static async Task<RunServer> OpenAsync(NatsConnectionOptions options, string run, string clientName, CancellationToken cancellation)
    {
        var names = new RunServerNames(run);
        var connection = new NatsConnection(options.Validated().ToNatsOpts(clientName));
        try
        {
            await connection.ConnectAsync();
            var jetStream = new NatsJSContext(connection);
            await jetStream.CreateOrUpdateStreamAsync(new StreamConfig(names.Stream, [names.GamesSubject])
            {
                Storage = StreamConfigStorage.File,
                // A work queue: a chunk the trainer acknowledged is deleted, so the stream holds only what is in flight.
                Retention = StreamConfigRetention.Workqueue,
                DuplicateWindow = DuplicateWindow,
            }, cancellation);
            var kv = new NatsKVContext(jetStream);
            var bestStore = await kv.CreateOrUpdateStoreAsync(new NatsKVConfig(names.Bucket) { Storage = NatsKVStorageType.File, History = 1 }, cancellation);
            var objects = new NatsObjContext(jetStream);
            var networkStore = await objects.CreateObjectStoreAsync(new NatsObjConfig(names.NetworkStore) { Storage = NatsObjStorageType.File }, cancellation);
            return new RunServer(names, connection, jetStream, bestStore, networkStore);
        }
        catch (Exception e) when (e is NatsException or TimeoutException or System.Net.Sockets.SocketException or IOException)
        {
            await connection.DisposeAsync();
            throw new RunServerException($"the NATS server {options.Url} {Why(e)}", e);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string Why(Exception e) => e switch
    {
        NatsJSApiException api when api.Error.Code == 503 => "has no JetStream: start nats-server with -js (or jetstream {} in its config)",
        NatsJSApiException api => $"refused the run's stream, bucket or object store: {api.Error.Description}",
        NatsException { InnerException: { } inner } => $"cannot be reached or refused us: {inner.Message}",
        _ => $"cannot be reached or refused us: {e.Message}",
    };

    /// <summary>Publishes a chunk's message under its id and waits for the server's acknowledgement: once this
    /// returns, the chunk is on the server's disk. True when the server took it, false when it already had a message
    /// of that id (a resend). Fails (<see cref="NatsException"/>, <see cref="TimeoutException"/>) when the server
    /// does not acknowledge; the caller sends it again with the same id.</summary>
    public async Task<bool> PublishGamesAsync(string messageId, byte[] body, CancellationToken cancellation)
    {
        var ack = await jetStream.PublishAsync(Names.GamesSubject, body, opts: new NatsJSPubOpts { MsgId = messageId }, cancellationToken: cancellation);
        if (ack.Duplicate) return false;
        ack.EnsureSuccess();
        return true;
    }

    /// <summary>The trainer's durable consumer of the games, with explicit acknowledgement: a message not
    /// acknowledged within <paramref name="ackWait"/> (the trainer stopped) is delivered again.</summary>
    public async Task<INatsJSConsumer> TrainerConsumerAsync(TimeSpan ackWait, CancellationToken cancellation) =>
        await jetStream.CreateOrUpdateConsumerAsync(Names.Stream, new ConsumerConfig(RunServerNames.TrainerConsumer)
        {
            AckPolicy = ConsumerConfigAckPolicy.Explicit,
            AckWait = ackWait,
            MaxAckPending = 256,
        }, cancellation);

    /// <summary>The best network's entry; null before the trainer published one.</summary>
    public async Task<BestNetworkEntry?> ReadBestAsync(CancellationToken cancellation)
    {
        var result = await bestStore.TryGetEntryAsync<byte[]>(RunServerNames.BestKey, cancellationToken: cancellation);
        return result.Success && result.Value.Value is { Length: > 0 } json ? BestNetworkEntry.Parse(json) : null;
    }

    /// <summary>Each new version of the best network's entry, the current one first.</summary>
    public async IAsyncEnumerable<BestNetworkEntry> WatchBestAsync([EnumeratorCancellation] CancellationToken cancellation)
    {
        await foreach (var entry in bestStore.WatchAsync<byte[]>(RunServerNames.BestKey, cancellationToken: cancellation))
            if (entry.Operation == NatsKVOperation.Put && entry.Value is { Length: > 0 } json)
                yield return BestNetworkEntry.Parse(json);
    }

    /// <summary>Makes <paramref name="entry"/> the best network: the network file first, into the object store
    /// (unless a network of that name is there already), then the entry, so that every entry a worker sees names a
    /// network it can fetch.</summary>
    public async Task PublishBestAsync(BestNetworkEntry entry, string networkPath, CancellationToken cancellation)
    {
        bool present;
        try
        {
            var info = await networkStore.GetInfoAsync(entry.Network, cancellationToken: cancellation);
            present = !info.Deleted;
        }
        catch (NatsObjNotFoundException)
        {
            present = false;
        }
        if (!present)
        {
            await using var file = File.OpenRead(networkPath);
            // The store sends a network in chunks of 128 KiB by default; a server whose max_payload is smaller needs
            // smaller ones.
            var metadata = new ObjectMetadata { Name = entry.Network, Options = new MetaDataOptions { MaxChunkSize = Math.Min(128 << 10, MaxPayload - 1024) } };
            await networkStore.PutAsync(metadata, file, cancellationToken: cancellation);
        }
        await bestStore.PutAsync(RunServerNames.BestKey, entry.ToJson(), cancellationToken: cancellation);
    }

    /// <summary>Rewrites the entry only (a new resignation threshold): its network is in the store already.</summary>
    public async Task UpdateBestAsync(BestNetworkEntry entry, CancellationToken cancellation) =>
        await bestStore.PutAsync(RunServerNames.BestKey, entry.ToJson(), cancellationToken: cancellation);

    /// <summary>The bytes of network <paramref name="name"/> from the object store (its SHA-256 is for the caller to
    /// check against the entry's).</summary>
    public async Task<byte[]> DownloadNetworkAsync(string name, CancellationToken cancellation) =>
        await networkStore.GetBytesAsync(name, cancellation);

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();

    /// <summary>For a synchronous caller (a verb's Main): closes the connection, waiting for it.</summary>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
