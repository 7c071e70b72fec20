namespace GoZero.Network.Training;

/// <summary>
/// Fills training batches from a folder of chunks far larger than memory, in epochs. Each epoch takes every chunk
/// once, in a seeded random order, in groups of <see cref="GroupSize"/> chunks; a group's samples are loaded together
/// and shuffled, and batches are served from the shuffled group in turn. Over an epoch every sample is drawn exactly
/// once (the epochs follow one another without a gap, so a batch may end one and begin the next), each under a random
/// one of the 8 symmetries as <see cref="TrainingSampler"/> does. Chunks hold consecutive positions of a few hundred
/// games in chronological order; a group of 16 mixes those of thousands of games from as many months, so a batch is
/// nearly as decorrelated as a uniform draw from the whole folder (the AlphaGo Zero paper draws uniformly from its
/// window, Methods, "Optimization").
/// </summary>
/// <remarks>
/// Sample position p = k·B + row of step k is placed by arithmetic alone: epoch p / E (E the folder's sample count),
/// then the group whose range of the epoch holds p mod E (from the epoch's chunk order and the chunks' counts), then
/// the offset in the group. The orders are seeded by (seed, epoch) and (seed, epoch, group), so the draw of step k
/// depends on the seed, k, the batch size and the chunks — not on what was drawn before — and a run resumed at step
/// k draws what the uninterrupted run would have. While the training thread works on one group the next is loaded
/// in the background; at most two groups are held (the one served and the next), provided a batch is no larger
/// than a group. A chunk that cannot be read when its group loads stops the run with its
/// <see cref="TrainingDataFormatException"/>: every later step's draw depends on its count. Unlike
/// <see cref="TrainingSampler"/>, it keeps state (the groups held), so one thread fills batches at a time.
/// </remarks>
public sealed class StreamingTrainingSampler : IDisposable
{
    /// <summary>16 chunks of 250 expert games: about 850,000 positions, under 1 GB with one-hot π shared.</summary>
    public const int DefaultGroupSize = 16;

    private readonly string[] paths;
    private readonly long[] counts;
    private readonly ulong seed;
    private readonly object gate = new();
    private readonly Dictionary<GroupKey, TrainingSample[]> held = [];
    private (GroupKey Key, Task<TrainingSample[]> Load)? next;
    private long cachedEpoch = -1;
    private int[] epochOrder = [];
    private long[] groupStarts = [];

    /// <summary>A sampler of <paramref name="paths"/> (unreadable chunks are skipped and listed in
    /// <see cref="Skipped"/>; every other chunk is verified and counted once here).</summary>
    public StreamingTrainingSampler(IReadOnlyList<string> paths, int boardSize, ulong seed, int groupSize = DefaultGroupSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(groupSize, 1);
        var kept = new List<string>();
        var sampleCounts = new List<long>();
        var skipped = new List<TrainingDataFormatException>();
        foreach (var path in paths)
        {
            try
            {
                using var reader = TrainingChunkReader.Open(path, boardSize);
                if (reader.Count == 0) continue;
                kept.Add(path);
                sampleCounts.Add(reader.Count);
            }
            catch (TrainingDataFormatException e)
            {
                skipped.Add(e);
            }
        }
        this.paths = kept.ToArray();
        counts = sampleCounts.ToArray();
        BoardSize = boardSize;
        GroupSize = groupSize;
        this.seed = seed;
        Skipped = skipped;
        SamplesPerEpoch = counts.Sum();
    }

    public int BoardSize { get; }

    /// <summary>Chunks loaded and shuffled together.</summary>
    public int GroupSize { get; }

    /// <summary>The chunks drawn from, in the ordinal order of their names.</summary>
    public IReadOnlyList<string> Chunks => paths;

    public IReadOnlyList<TrainingDataFormatException> Skipped { get; }

    /// <summary>E: the samples of all chunks, each drawn once an epoch.</summary>
    public long SamplesPerEpoch { get; }

    /// <summary>Groups ever read from disk (a measure of the work, for tests and logs).</summary>
    public int GroupsLoaded { get; private set; }

    /// <summary>How long <see cref="Fill"/> waited for groups to be read: the first group, a resumed run's, and any
    /// background read that fell behind the training (near zero when reading keeps up).</summary>
    public TimeSpan LoadWait { get; private set; }

    /// <summary>The most groups held at once, the one loading in the background included.</summary>
    public int MostGroupsHeld { get; private set; }

    /// <summary>The epoch that sample position <paramref name="position"/> (step · batch + row) falls in.</summary>
    public long EpochOf(long position) => position / SamplesPerEpoch;

    /// <summary>Fills every row of <paramref name="batch"/> with the draw of training step <paramref name="step"/>,
    /// then starts loading the group after the batch's last in the background.</summary>
    public void Fill(TrainingBatch batch, long step)
    {
        if (SamplesPerEpoch == 0) throw new InvalidOperationException("no readable chunk holds samples");
        if (batch.BoardSize != BoardSize)
            throw new ArgumentException($"a {batch.BoardSize}×{batch.BoardSize} batch cannot hold {BoardSize}×{BoardSize} samples", nameof(batch));
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        long first = checked(step * batch.Capacity);
        GroupKey last = default;
        for (int row = 0; row < batch.Capacity; row++)
        {
            long position = first + row;
            var (key, offset) = Locate(position);
            var sample = Group(key)[offset];
            last = key;
            int symmetry = (int)(TrainingSampler.Mix(seed ^ TrainingSampler.Mix((ulong)position ^ 0x5EED_5A3D_0000_0000UL)) >> 61);
            batch.SetRow(row, sample, symmetry);
        }
        batch.Count = batch.Capacity;
        lock (gate)
        {
            foreach (var key in held.Keys.Where(k => k != last).ToArray()) held.Remove(key);
            var following = Following(last);
            if (next?.Key != following && !held.ContainsKey(following))
            {
                next = (following, Task.Run(() => Load(following)));
                Track(held.Count + 1);
            }
        }
    }

    /// <summary>The sample that position <paramref name="position"/> draws (for tests: no group is released).</summary>
    internal TrainingSample SampleAt(long position)
    {
        var (key, offset) = Locate(position);
        return Group(key)[offset];
    }

    /// <summary>Which sample of which group position <paramref name="position"/> draws: its index in the group's
    /// shuffled samples.</summary>
    private (GroupKey Key, int Offset) Locate(long position)
    {
        long epoch = position / SamplesPerEpoch, inEpoch = position % SamplesPerEpoch;
        var starts = GroupStarts(epoch);
        int group = Array.BinarySearch(starts, inEpoch);
        if (group < 0) group = ~group - 1;
        return (new GroupKey(epoch, group), (int)(inEpoch - starts[group]));
    }

    /// <summary>The group after <paramref name="key"/>: the next of its epoch, or the first of the next epoch.</summary>
    private GroupKey Following(GroupKey key) =>
        key.Group + 1 < GroupCount ? key with { Group = key.Group + 1 } : new GroupKey(key.Epoch + 1, 0);

    private int GroupCount => (paths.Length + GroupSize - 1) / GroupSize;

    /// <summary>The group's shuffled samples: held, or the background load awaited, or read now (a resumed run's
    /// first group, or a load that fell behind).</summary>
    private TrainingSample[] Group(GroupKey key)
    {
        Task<TrainingSample[]>? pending = null;
        lock (gate)
        {
            if (held.TryGetValue(key, out var samples)) return samples;
            if (next is { } n && n.Key == key)
            {
                pending = n.Load;
                next = null;
            }
        }
        // GetAwaiter().GetResult() rethrows a load's TrainingDataFormatException itself, not wrapped.
        long waitStart = System.Diagnostics.Stopwatch.GetTimestamp();
        var loaded = pending?.GetAwaiter().GetResult() ?? LoadCounted(key);
        LoadWait += System.Diagnostics.Stopwatch.GetElapsedTime(waitStart);
        lock (gate)
        {
            held[key] = loaded;
            Track(held.Count + (next is null ? 0 : 1));
        }
        return loaded;
    }

    private TrainingSample[] LoadCounted(GroupKey key)
    {
        lock (gate) Track(held.Count + 1 + (next is null ? 0 : 1));
        return Load(key);
    }

    private void Track(int groups) => MostGroupsHeld = Math.Max(MostGroupsHeld, groups);

    /// <summary>Reads the group's chunks in its epoch's order and shuffles their samples (Fisher–Yates, seeded by
    /// seed, epoch and group).</summary>
    private TrainingSample[] Load(GroupKey key)
    {
        int[] order;
        lock (gate) order = EpochOrder(key.Epoch);
        int firstChunk = key.Group * GroupSize, chunkCount = Math.Min(GroupSize, paths.Length - firstChunk);
        long total = 0;
        for (int i = 0; i < chunkCount; i++) total += counts[order[firstChunk + i]];
        var samples = new TrainingSample[total];
        int filled = 0;
        for (int i = 0; i < chunkCount; i++)
        {
            int chunk = order[firstChunk + i];
            using var reader = TrainingChunkReader.Open(paths[chunk], BoardSize);
            if (reader.Count != counts[chunk])
                throw new TrainingDataFormatException(paths[chunk], $"holds {reader.Count} samples, not the {counts[chunk]} it held when training started");
            foreach (var sample in reader.ReadSamples()) samples[filled++] = sample;
        }
        ulong state = TrainingSampler.Mix(seed ^ TrainingSampler.Mix((ulong)key.Epoch * 0x9E3779B97F4A7C15UL ^ (ulong)key.Group));
        Shuffle(samples, ref state);
        lock (gate) GroupsLoaded++;
        return samples;
    }

    /// <summary>The chunk order of an epoch (a seeded permutation) and where each group starts in it; the last epoch
    /// asked for is kept. Callers hold <see cref="gate"/>.</summary>
    private int[] EpochOrder(long epoch)
    {
        if (epoch != cachedEpoch)
        {
            var order = Enumerable.Range(0, paths.Length).ToArray();
            ulong state = TrainingSampler.Mix(seed ^ TrainingSampler.Mix(~(ulong)epoch));
            Shuffle(order, ref state);
            var starts = new long[GroupCount];
            long start = 0;
            for (int i = 0; i < order.Length; i++)
            {
                if (i % GroupSize == 0) starts[i / GroupSize] = start;
                start += counts[order[i]];
            }
            (epochOrder, groupStarts, cachedEpoch) = (order, starts, epoch);
        }
        return epochOrder;
    }

    private long[] GroupStarts(long epoch)
    {
        lock (gate)
        {
            EpochOrder(epoch);
            return groupStarts;
        }
    }

    private static void Shuffle<T>(T[] items, ref ulong state)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = (int)Math.BigMul(TrainingSampler.Next(ref state), (ulong)(i + 1), out _);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>Waits for a background load, so that no read outlives the sampler.</summary>
    public void Dispose()
    {
        Task? pending;
        lock (gate)
        {
            pending = next?.Load;
            next = null;
            held.Clear();
        }
        try { pending?.Wait(); }
        catch (AggregateException) { }
    }

    private readonly record struct GroupKey(long Epoch, int Group);
}
