using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

public sealed class StreamingTrainingSamplerTests : IDisposable
{
    private const int Size = 5;
    // Uneven chunks, so that groups, epochs and batches end at different places.
    private static readonly int[] ChunkCounts = [7, 11, 5, 9, 13, 6, 8];
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-stream-").FullName;
    private readonly string[] paths;

    public StreamingTrainingSamplerTests()
    {
        // Every sample its own game id: chunk c's samples are games 1000·c + i.
        paths = ChunkCounts.Select((count, c) => RandomTrainingData.WriteChunk(Path.Combine(folder, $"chunk-{c:D3}.chunk"), Size,
            RandomTrainingData.Samples(Size, count, seed: 10 + c, firstGameId: 1000 * (ulong)c))).ToArray();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private int Total => ChunkCounts.Sum();

    private static TrainingBatch[] Draw(StreamingTrainingSampler sampler, int rows, long from, long to)
    {
        var batches = new List<TrainingBatch>();
        for (long step = from; step < to; step++)
        {
            var batch = new TrainingBatch(Size, rows);
            sampler.Fill(batch, step);
            batches.Add(batch);
        }
        return batches.ToArray();
    }

    [Fact]
    public void AResumedRunDrawsWhatTheUninterruptedRunDrew()
    {
        // 40 steps of 6 = 240 positions: nearly 4 epochs of 59, crossing groups and epochs inside batches.
        using var uninterrupted = new StreamingTrainingSampler(paths, Size, seed: 3, groupSize: 2);
        var all = Draw(uninterrupted, 6, 0, 40);
        foreach (long resumeAt in new long[] { 9, 17, 31 })
        {
            using var resumed = new StreamingTrainingSampler(paths, Size, seed: 3, groupSize: 2);
            var tail = Draw(resumed, 6, resumeAt, 40);
            for (int i = 0; i < tail.Length; i++)
            {
                Assert.Equal(all[resumeAt + i].Planes, tail[i].Planes);
                Assert.Equal(all[resumeAt + i].Policy, tail[i].Policy);
                Assert.Equal(all[resumeAt + i].Value, tail[i].Value);
            }
        }
    }

    [Fact]
    public void AnotherSeedDrawsAnotherOrder()
    {
        using var one = new StreamingTrainingSampler(paths, Size, seed: 3, groupSize: 2);
        using var other = new StreamingTrainingSampler(paths, Size, seed: 4, groupSize: 2);
        Assert.NotEqual(Draw(one, 8, 0, 1)[0].Planes, Draw(other, 8, 0, 1)[0].Planes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(16)]
    public void EveryEpochDrawsEverySampleExactlyOnceInANewOrder(int groupSize)
    {
        using var sampler = new StreamingTrainingSampler(paths, Size, seed: 5, groupSize);
        Assert.Equal(Total, sampler.SamplesPerEpoch);
        var expected = ChunkCounts.SelectMany((count, c) => Enumerable.Range(0, count).Select(i => 1000 * (ulong)c + (ulong)i)).Order().ToArray();
        var epochs = Enumerable.Range(0, 3).Select(e => Enumerable.Range(0, Total).Select(i => sampler.SampleAt((long)e * Total + i).GameId).ToArray()).ToArray();
        foreach (var epoch in epochs) Assert.Equal(expected, epoch.Order().ToArray());
        Assert.NotEqual(epochs[0], epochs[1]);
        Assert.NotEqual(epochs[1], epochs[2]);
    }

    [Fact]
    public void AGroupMixesThePositionsOfItsChunks()
    {
        // Group of 4 chunks: its first 16 draws come from at least 3 of them, not in the chunks' order.
        using var sampler = new StreamingTrainingSampler(paths, Size, seed: 6, groupSize: 4);
        var games = Enumerable.Range(0, 16).Select(i => sampler.SampleAt(i).GameId).ToArray();
        Assert.True(games.Select(g => g / 1000).Distinct().Count() >= 3, string.Join(",", games));
        Assert.NotEqual(games.Order().ToArray(), games);
    }

    [Fact]
    public void AtMostTwoGroupsAreHeldAndEachIsReadOnceAnEpoch()
    {
        // Batches of 5 are smaller than any group of 2 chunks (the smallest holds 11 samples).
        using var sampler = new StreamingTrainingSampler(paths, Size, seed: 7, groupSize: 2);
        int groupsPerEpoch = (ChunkCounts.Length + 1) / 2;
        long steps = 3L * Total / 5;
        Draw(sampler, 5, 0, steps);
        Assert.InRange(sampler.MostGroupsHeld, 1, 2);
        // The groups of three epochs, plus at most the one being read ahead after the last step.
        Assert.InRange(sampler.GroupsLoaded, 3 * groupsPerEpoch, 3 * groupsPerEpoch + 1);
    }

    [Fact]
    public void UnreadableChunksAreSkippedAndListed()
    {
        var broken = Path.Combine(folder, "chunk-999.chunk");
        File.WriteAllBytes(broken, [1, 2, 3]);
        using var sampler = new StreamingTrainingSampler([.. paths, broken], Size, seed: 1);
        Assert.Equal(Total, sampler.SamplesPerEpoch);
        Assert.Equal(broken, Assert.Single(sampler.Skipped).Path);
    }
}
