using System.Diagnostics;
using GoZero.Mcts;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// An evaluator that measures the wall time during which at least one call of its inner evaluator runs (the union of
/// the calls' intervals, so two threads evaluating at once are not counted twice). For the network evaluator that is
/// the forward pass plus its input encoding and softmax: the time the search spends outside it is its own overhead.
/// </summary>
public sealed class TimedEvaluator(IEvaluator inner) : IEvaluator
{
    private readonly object gate = new();
    private int running;
    private long busySince;
    private long busyTicks;
    private long calls;
    private long positions;

    /// <summary>Wall time with at least one evaluation running.</summary>
    public TimeSpan Busy
    {
        get { lock (gate) return Stopwatch.GetElapsedTime(0, busyTicks); }
    }

    public long Calls => Interlocked.Read(ref calls);

    public long Positions => Interlocked.Read(ref positions);

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        lock (gate)
        {
            if (running++ == 0) busySince = Stopwatch.GetTimestamp();
        }
        try
        {
            inner.Evaluate(batch);
        }
        finally
        {
            long now = Stopwatch.GetTimestamp();
            lock (gate)
            {
                if (--running == 0) busyTicks += now - busySince;
                calls++;
                positions += batch.Length;
            }
        }
    }
}
