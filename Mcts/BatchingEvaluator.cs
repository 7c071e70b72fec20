using System.Diagnostics;

namespace GoZero.Mcts;

/// <summary>
/// Merges the batches of many searches running at once (self-play's concurrent games, each on its own thread) into
/// fewer, fuller calls of an inner evaluator, since a network evaluates 64 positions in one pass far faster than 8
/// passes of 8 (KataGo's NNEvaluator does the same). A caller's <see cref="Evaluate"/> queues its requests and waits;
/// the calling thread that completes a merged batch runs it for everybody. A merged batch runs as soon as it holds
/// <see cref="MaxBatch"/> positions, or every registered search is waiting (nobody else can add to it), or the oldest
/// waiter has waited <see cref="MaxWait"/> (a search between moves, not yet waiting, cannot stall the others).
/// Searches register with <see cref="Join"/> and leave by disposing what it returns.
/// </summary>
public sealed class BatchingEvaluator : IEvaluator
{
    private readonly IEvaluator inner;
    private readonly object gate = new();
    private readonly List<Pending> pending = [];
    private EvaluationRequest[] merged;
    private int searches;
    private int waiting;
    private bool running;
    private long batches;
    private long positions;
    private long innerTicks;

    public BatchingEvaluator(IEvaluator inner, int maxBatch, TimeSpan? maxWait = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        this.inner = inner;
        MaxBatch = maxBatch;
        MaxWait = maxWait ?? TimeSpan.FromMilliseconds(5);
        if (MaxWait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(maxWait), MaxWait, "must be positive");
        merged = new EvaluationRequest[maxBatch];
    }

    /// <summary>Positions a merged batch aims for.</summary>
    public int MaxBatch { get; }

    /// <summary>Longest a queued request waits for others to join it.</summary>
    public TimeSpan MaxWait { get; }

    /// <summary>Inner evaluator calls so far.</summary>
    public long Batches => Interlocked.Read(ref batches);

    /// <summary>Positions evaluated so far; <see cref="Positions"/> / <see cref="Batches"/> is the mean batch.</summary>
    public long Positions => Interlocked.Read(ref positions);

    /// <summary>Time spent in the inner evaluator (the network), summed over its calls: over the wall time, the share of
    /// time the network is busy, since merged batches run one at a time.</summary>
    public TimeSpan InnerTime => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref innerTicks));

    /// <summary>Mean positions per inner call as a share of <see cref="MaxBatch"/> (self-play reports it as batch fill).</summary>
    public double Fill => Batches == 0 ? 0 : (double)Positions / Batches / MaxBatch;

    /// <summary>Registers a search that will call <see cref="Evaluate"/>; dispose the result when it stops searching.</summary>
    public IDisposable Join()
    {
        lock (gate) searches++;
        return new Membership(this);
    }

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        if (batch.IsEmpty) return;
        var mine = new Pending(batch.ToArray());
        long start = Stopwatch.GetTimestamp();
        lock (gate)
        {
            pending.Add(mine);
            waiting++;
            try
            {
                while (!mine.Done)
                {
                    if (!running && (Queued() >= MaxBatch || waiting >= searches || Stopwatch.GetElapsedTime(start) >= MaxWait))
                    {
                        RunMerged();
                        continue;
                    }
                    var left = MaxWait - Stopwatch.GetElapsedTime(start);
                    Monitor.Wait(gate, running || left <= TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : left);
                }
            }
            finally
            {
                waiting--;
            }
        }
        if (mine.Failure is { } failure) throw new InvalidOperationException("the evaluator failed on a merged batch", failure);
    }

    /// <summary>Takes queued requests up to <see cref="MaxBatch"/> (whole callers only; a caller bigger than it alone),
    /// runs them outside the lock, and wakes their owners. Called with the lock held; returns with it held.</summary>
    private void RunMerged()
    {
        var taken = new List<Pending>();
        int count = 0;
        while (pending.Count > 0 && (count == 0 || count + pending[0].Requests.Length <= MaxBatch))
        {
            taken.Add(pending[0]);
            count += pending[0].Requests.Length;
            pending.RemoveAt(0);
        }
        if (merged.Length < count) merged = new EvaluationRequest[count];
        int at = 0;
        foreach (var p in taken)
        {
            p.Requests.CopyTo(merged, at);
            at += p.Requests.Length;
        }
        running = true;
        Exception? failure = null;
        Monitor.Exit(gate);
        long start = Stopwatch.GetTimestamp();
        try
        {
            inner.Evaluate(merged.AsSpan(0, count));
        }
        catch (Exception e)
        {
            failure = e;
        }
        finally
        {
            Monitor.Enter(gate);
            running = false;
            Array.Clear(merged, 0, count);
            Interlocked.Add(ref innerTicks, Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref batches);
            Interlocked.Add(ref positions, count);
            foreach (var p in taken)
            {
                p.Failure = failure;
                p.Done = true;
            }
            Monitor.PulseAll(gate);
        }
    }

    private int Queued()
    {
        int count = 0;
        foreach (var p in pending) count += p.Requests.Length;
        return count;
    }

    private void Leave()
    {
        lock (gate)
        {
            searches--;
            Monitor.PulseAll(gate);
        }
    }

    private sealed class Pending(EvaluationRequest[] requests)
    {
        public EvaluationRequest[] Requests { get; } = requests;
        public bool Done { get; set; }
        public Exception? Failure { get; set; }
    }

    private sealed class Membership(BatchingEvaluator owner) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Leave();
        }
    }
}
