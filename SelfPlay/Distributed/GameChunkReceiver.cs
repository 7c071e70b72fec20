using NATS.Client.JetStream;

namespace GoZero.SelfPlay.Distributed;

/// <summary>
/// The trainer's side of the games stream: takes each chunk message from the run's durable consumer, stores it in the
/// run folder through the run's <see cref="SelfPlayWriter"/> (chunk, then SGFs, then counts, each atomically) and only
/// then acknowledges it. A trainer stopped before the acknowledgement gets the message again from the server, and the
/// writer stores each message id once. A message that is not a chunk of this run — corrupt, another board size — is
/// told, counted and terminated, so the server does not send it for ever.
/// </summary>
public sealed class GameChunkReceiver(RunServer server, SelfPlayWriter writer, Action<string> log)
{
    private long stored;
    private long duplicates;
    private long rejected;

    /// <summary>Chunks stored.</summary>
    public long Stored => Interlocked.Read(ref stored);

    /// <summary>Messages whose chunk was stored already (sent again, or not acknowledged before a stop).</summary>
    public long Duplicates => Interlocked.Read(ref duplicates);

    /// <summary>Messages refused: corrupt, or not of this run's board size.</summary>
    public long Rejected => Interlocked.Read(ref rejected);

    /// <summary>Awaited after each chunk stored, before its acknowledgement.</summary>
    public Func<Task>? OnStored { get; init; }

    /// <summary>How long a message may wait for its acknowledgement before the server sends it again.</summary>
    public TimeSpan AckWait { get; init; } = RunServer.DefaultAckWait;

    /// <summary>Receives until <paramref name="cancellation"/> fires, through any time the server is away. A failure
    /// to write the run folder (a full disk) ends it with that exception, the message unacknowledged.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            try
            {
                var consumer = await server.TrainerConsumerAsync(AckWait, cancellation);
                // Few messages pulled at a time: the wait for an acknowledgement runs from delivery, so a long queue
                // of chunks waiting to be stored would be delivered again before their turn.
                await foreach (var message in consumer.ConsumeAsync<byte[]>(opts: new NatsJSConsumeOpts { MaxMsgs = 16 }, cancellationToken: cancellation))
                    await HandleAsync(message, cancellation);
            }
            catch (Exception e) when (!cancellation.IsCancellationRequested && e is NATS.Client.Core.NatsException or TimeoutException)
            {
                log($"receiving games: {e.Message}; trying again in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), cancellation);
            }
            catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
            {
            }
        }
    }

    private async Task HandleAsync(INatsJSMsg<byte[]> message, CancellationToken cancellation)
    {
        GameChunkMessage chunk;
        try
        {
            chunk = GameChunkMessage.Decode(message.Data ?? []);
            bool isNew = writer.Store(chunk);
            Interlocked.Increment(ref isNew ? ref stored : ref duplicates);
            if (isNew && OnStored is { } onStored) await onStored();
        }
        catch (InvalidDataException e)
        {
            Interlocked.Increment(ref rejected);
            log($"rejected a message of {message.Data?.Length ?? 0} bytes from the games stream: {e.Message}");
            await message.AckTerminateAsync(cancellationToken: cancellation);
            return;
        }
        await message.AckAsync(cancellationToken: cancellation);
    }
}
