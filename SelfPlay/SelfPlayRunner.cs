using System.Threading.Channels;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// Self-play workers: <see cref="Workers"/> of them, each playing <see cref="GamesPerWorker"/> games at once, one
/// thread per game, whose searches' leaves a <see cref="BatchingEvaluator"/> per worker merges into full network
/// batches — many games at once, not more threads, is what keeps the network busy. Finished games go to a channel;
/// whoever reads it writes them out.
/// </summary>
public sealed class SelfPlayRunner
{
    private readonly SelfPlayOptions options;
    private readonly BatchingEvaluator[] evaluators;
    private readonly Func<double>? resignThreshold;

    /// <param name="evaluatorForWorker">The network evaluator of worker i (they may share one thread-safe network).</param>
    /// <param name="resignThreshold">The threshold each new game resigns at (see
    /// <see cref="SelfPlayStatistics.ResignThreshold"/>); null: the options' fixed one.</param>
    public SelfPlayRunner(SelfPlayOptions options, int workers, int gamesPerWorker, Func<int, IEvaluator> evaluatorForWorker, Func<double>? resignThreshold = null)
    {
        this.resignThreshold = resignThreshold;
        this.options = options.Validated();
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(gamesPerWorker, 1);
        Workers = workers;
        GamesPerWorker = gamesPerWorker;
        evaluators = Enumerable.Range(0, workers)
            .Select(i => new BatchingEvaluator(evaluatorForWorker(i), maxBatch: gamesPerWorker * options.BatchSize))
            .ToArray();
    }

    public int Workers { get; }

    public int GamesPerWorker { get; }

    /// <summary>Mean share of the network batch filled, over every worker's evaluations so far.</summary>
    public double BatchFill
    {
        get
        {
            long batches = evaluators.Sum(e => e.Batches);
            return batches == 0 ? 0 : evaluators.Sum(e => e.Fill * e.Batches) / batches;
        }
    }

    /// <summary>The share of <paramref name="elapsed"/> wall time the workers' networks were busy, the mean over the
    /// workers: what is left is search, rules and waiting for batches to fill.</summary>
    public double NetworkShare(TimeSpan elapsed) =>
        elapsed <= TimeSpan.Zero ? 0 : evaluators.Sum(e => e.InnerTime.TotalSeconds) / (Workers * elapsed.TotalSeconds);

    /// <summary>Network evaluations so far.</summary>
    public long Evaluations => evaluators.Sum(e => e.Positions);

    /// <summary>
    /// Plays games with ids <paramref name="firstId"/>, <paramref name="firstId"/> + 1, … until
    /// <paramref name="games"/> are finished (or forever when null) or <paramref name="cancellation"/> fires, writing
    /// each to <paramref name="finished"/>. Game i is seeded with <paramref name="seed"/> + i. A game in progress when
    /// cancelled is dropped. The channel is not completed: the caller owns it.
    /// </summary>
    public Task RunAsync(long firstId, long? games, ulong seed, ChannelWriter<SelfPlayRecord> finished, CancellationToken cancellation = default)
    {
        long next = firstId;
        long end = games is long count ? firstId + count : long.MaxValue;
        return RunAsync(() => Interlocked.Increment(ref next) - 1 is var id && id < end ? id : null, seed, finished, cancellation);
    }

    /// <summary>Plays games until <paramref name="cancellation"/> fires or <paramref name="nextId"/> returns null,
    /// each game with the id it returns (shared with other producers of the same folder, say), as above.</summary>
    public Task RunAsync(Func<long?> nextId, ulong seed, ChannelWriter<SelfPlayRecord> finished, CancellationToken cancellation = default)
    {
        var threads = new List<Task>();
        for (int w = 0; w < Workers; w++)
        {
            var evaluator = evaluators[w];
            for (int g = 0; g < GamesPerWorker; g++)
                threads.Add(Task.Factory.StartNew(() =>
                {
                    using var member = evaluator.Join();
                    while (!cancellation.IsCancellationRequested)
                    {
                        if (nextId() is not long id) return;
                        SelfPlayRecord record;
                        try
                        {
                            var gameOptions = resignThreshold is null ? options : options with { ResignThreshold = resignThreshold() };
                            record = SelfPlayGame.Play(id, evaluator, gameOptions, seed + (ulong)id, cancellation);
                        }
                        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                        {
                            return;
                        }
                        finished.WriteAsync(record, CancellationToken.None).AsTask().GetAwaiter().GetResult();
                    }
                }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default));
        }
        return Task.WhenAll(threads);
    }
}
