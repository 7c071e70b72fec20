namespace GoZero.Network.Kernels;

/// <summary>
/// A fixed team of threads that run one step of a forward pass together: <see cref="Run"/> calls the step with every
/// index 0..Size−1, index 0 on the calling thread, and returns when all have finished. A forward pass is a few dozen
/// such steps of a millisecond or less each, so the helpers spin briefly between steps (a thread-pool hand-off per
/// step would cost as much as the work at batch 1) and only then block.
/// </summary>
/// <remarks>One caller at a time: a team belongs to one workspace, and a workspace to one Forward call.</remarks>
internal sealed class WorkerTeam : IDisposable
{
    // About 50-100 µs of spinning: longer than the gap between two steps of one pass, short enough not to burn a core
    // between passes.
    private const int SpinIterations = 2000;

    private readonly Thread[] helpers;
    private readonly object gate = new();
    private Action<int>? step;
    private int generation;
    private int pending;
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

    public void Run(Action<int> work)
    {
        if (Size == 1)
        {
            work(0);
            return;
        }
        step = work;
        Volatile.Write(ref pending, Size - 1);
        lock (gate)
        {
            generation++;
            Monitor.PulseAll(gate);
        }
        work(0);
        var spinner = new SpinWait();
        while (Volatile.Read(ref pending) != 0) spinner.SpinOnce(sleep1Threshold: -1);
    }

    private void HelperLoop(int index)
    {
        int seen = 0;
        while (true)
        {
            int spins = 0;
            while (Volatile.Read(ref generation) == seen)
            {
                if (++spins < SpinIterations)
                {
                    Thread.SpinWait(30);
                    continue;
                }
                lock (gate)
                {
                    while (Volatile.Read(ref generation) == seen) Monitor.Wait(gate);
                }
            }
            seen = Volatile.Read(ref generation);
            if (disposed) return;
            try
            {
                step!(index);
            }
            finally
            {
                Interlocked.Decrement(ref pending);
            }
        }
    }

    public void Dispose()
    {
        if (disposed || Size == 1) return;
        disposed = true;
        lock (gate)
        {
            generation++;
            Monitor.PulseAll(gate);
        }
    }
}
