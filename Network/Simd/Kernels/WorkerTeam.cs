using System.Diagnostics;

namespace GoZero.Network.Simd.Kernels;

/// <summary>
/// A fixed team of threads that share one step of a forward pass: <see cref="Run"/> hands out the step's units of
/// work one at a time to whoever asks first — the calling thread (participant 0) and the helpers (1..Size−1) — and
/// returns when every unit is done. A forward pass at batch 1 is a few dozen steps of well under a millisecond, so
/// the helpers spin briefly between steps (a thread-pool hand-off per step costs as much as the work) and only then
/// block. Units are claimed dynamically rather than dealt out in advance because the machine is shared: a helper the
/// scheduler has parked simply claims nothing, and the caller does its share.
/// </summary>
/// <remarks>One caller at a time: a team belongs to one workspace, and a workspace to one Forward call.</remarks>
internal sealed class WorkerTeam : IDisposable
{
    // Spin this long for the next step before blocking: far longer than the gap between two steps of one pass,
    // short enough not to burn a core between passes.
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000;

    public const int MaxUnits = 0xFFFF;

    private readonly Thread[] helpers;
    private readonly object gate = new();
    private Action<int, int>? step;
    // generation (32 bits) | units (16 bits) | next unit to claim (16 bits): one word, so that a claim is one
    // compare-exchange and a helper that wakes late can never claim a unit of a step it did not read the work of.
    private long cursor;
    private int generation;
    private int completed;
    private int sleepers;
    private volatile bool disposed;

    public int Size { get; }

    public WorkerTeam(int size)
    {
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "a team has at least one thread");
        Size = size;
        helpers = new Thread[size - 1];
        for (int i = 0; i < helpers.Length; i++)
        {
            int index = i + 1;
            helpers[i] = new Thread(() => HelperLoop(index)) { IsBackground = true, Name = $"GoZero.Network worker {index}" };
            helpers[i].Start();
        }
    }

    /// <summary>Calls work(participant, unit) for every unit in 0..units−1, spread over the team.</summary>
    public void Run(Action<int, int> work, int units)
    {
        Debug.Assert(units >= 0 && units <= MaxUnits);
        if (Size == 1 || units <= 1)
        {
            for (int unit = 0; unit < units; unit++) work(0, unit);
            return;
        }
        step = work;
        Volatile.Write(ref completed, 0);
        generation++;
        // The exchange is a full fence: a helper about to block either sees the new step or is counted in sleepers.
        Interlocked.Exchange(ref cursor, ((long)generation << 32) | ((long)units << 16));
        if (Volatile.Read(ref sleepers) > 0)
        {
            lock (gate) Monitor.PulseAll(gate);
        }
        Participate(0, generation);
        while (Volatile.Read(ref completed) != units) Thread.SpinWait(1);
    }

    private void Participate(int participant, int stepGeneration)
    {
        while (true)
        {
            long current = Volatile.Read(ref cursor);
            if ((int)(current >> 32) != stepGeneration) return;
            int units = (int)(current >> 16) & 0xFFFF, next = (int)current & 0xFFFF;
            if (next >= units) return;
            if (Interlocked.CompareExchange(ref cursor, current + 1, current) != current) continue;
            // The claimed unit is not done, so the step cannot have been replaced yet.
            step!(participant, next);
            Interlocked.Increment(ref completed);
        }
    }

    private void HelperLoop(int index)
    {
        int seen = 0;
        while (true)
        {
            if (StepGeneration() == seen)
            {
                long start = Stopwatch.GetTimestamp();
                while (StepGeneration() == seen && Stopwatch.GetTimestamp() - start < SpinTicks) Thread.SpinWait(1);
                if (StepGeneration() == seen)
                {
                    lock (gate)
                    {
                        Interlocked.Increment(ref sleepers);
                        while (StepGeneration() == seen && !disposed) Monitor.Wait(gate);
                        Interlocked.Decrement(ref sleepers);
                    }
                }
            }
            if (disposed) return;
            seen = StepGeneration();
            Participate(index, seen);
        }
    }

    private int StepGeneration() => (int)(Volatile.Read(ref cursor) >> 32);

    public void Dispose()
    {
        if (disposed || Size == 1) return;
        disposed = true;
        lock (gate) Monitor.PulseAll(gate);
    }
}
