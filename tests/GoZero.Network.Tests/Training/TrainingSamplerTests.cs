using System.Diagnostics;
using GoZero.Engine;
using GoZero.Network.Training;
using Xunit.Abstractions;

namespace GoZero.Network.Tests.Training;

public class TrainingSamplerTests(ITestOutputHelper output)
{
    private static TrainingBatch Filled(TrainingSampler sampler, int size, int rows, long step)
    {
        var batch = new TrainingBatch(size, rows);
        sampler.Fill(batch, step);
        return batch;
    }

    private static void AssertSameBatch(TrainingBatch expected, TrainingBatch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Planes, actual.Planes);
        Assert.Equal(expected.Policy, actual.Policy);
        Assert.Equal(expected.Value, actual.Value);
    }

    [Fact]
    public void TheSameSeedAndStepDrawTheSameBatchWhateverCameBefore()
    {
        var data = new TrainingDataSet(7, RandomTrainingData.Samples(7, 50, seed: 1));
        var uninterrupted = new TrainingSampler(data, seed: 42);
        var batch = new TrainingBatch(7, 32);
        for (long step = 0; step < 10; step++) uninterrupted.Fill(batch, step);

        // A run resumed at step 9 with a new sampler (and new batch) draws what the uninterrupted one drew.
        AssertSameBatch(batch, Filled(new TrainingSampler(data, seed: 42), 7, 32, step: 9));
    }

    [Fact]
    public void AnotherStepOrSeedDrawsAnotherBatch()
    {
        var data = new TrainingDataSet(7, RandomTrainingData.Samples(7, 50, seed: 1));
        var first = Filled(new TrainingSampler(data, seed: 42), 7, 16, step: 0);
        Assert.NotEqual(first.Planes, Filled(new TrainingSampler(data, seed: 42), 7, 16, step: 1).Planes);
        Assert.NotEqual(first.Planes, Filled(new TrainingSampler(data, seed: 43), 7, 16, step: 0).Planes);
    }

    [Fact]
    public void SamplesAndSymmetriesAreDrawnUniformly()
    {
        const int size = 5, samples = 10, rows = 64, steps = 200;
        var data = new TrainingDataSet(size, RandomTrainingData.Samples(size, samples, seed: 2));
        // Every (sample, symmetry) pair unpacks to a different row, so a row tells which pair was drawn.
        var pairs = new Dictionary<string, (int Sample, int Symmetry)>();
        var planes = new float[InputPlanes.Length(size)];
        var policy = new float[size * size + 1];
        for (int i = 0; i < samples; i++)
            for (int s = 0; s < Symmetry.Count; s++)
            {
                data[i].Unpack(s, planes, policy);
                Assert.True(pairs.TryAdd(Key(planes, policy), (i, s)), "two pairs unpack alike: pick other samples");
            }

        var sampler = new TrainingSampler(data, seed: 7);
        var batch = new TrainingBatch(size, rows);
        var bySample = new int[samples];
        var bySymmetry = new int[Symmetry.Count];
        for (long step = 0; step < steps; step++)
        {
            sampler.Fill(batch, step);
            for (int row = 0; row < rows; row++)
            {
                var (sample, symmetry) = pairs[Key(batch.Planes.AsSpan(row * batch.PlaneLength, batch.PlaneLength), batch.Policy.AsSpan(row * batch.PolicyLength, batch.PolicyLength))];
                Assert.Equal(data[sample].Outcome, batch.Value[row]);
                bySample[sample]++;
                bySymmetry[symmetry]++;
            }
        }
        // 12,800 draws: 1,600 expected per symmetry (σ ≈ 37), 1,280 per sample (σ ≈ 34).
        Assert.All(bySymmetry, n => Assert.InRange(n, 1600 - 200, 1600 + 200));
        Assert.All(bySample, n => Assert.InRange(n, 1280 - 200, 1280 + 200));
    }

    private static string Key(ReadOnlySpan<float> planes, ReadOnlySpan<float> policy) =>
        string.Join(',', planes.ToArray()) + "|" + string.Join(',', policy.ToArray());

    [Fact]
    public void PolicyRowsSumToOneAndValuesAreOutcomes()
    {
        var data = new TrainingDataSet(9, RandomTrainingData.Samples(9, 30, seed: 3));
        var batch = Filled(new TrainingSampler(data, seed: 1), 9, 100, step: 5);
        Assert.Equal(100, batch.Count);
        for (int row = 0; row < batch.Count; row++)
        {
            Assert.Equal(1.0, batch.Policy.AsSpan(row * 82, 82).ToArray().Sum(p => (double)p), 5);
            Assert.Contains(batch.Value[row], new[] { -1f, 0f, 1f });
        }
    }

    [Fact]
    public void ABatchOfAnotherBoardSizeOrAnEmptyDataSetIsRefused()
    {
        var data = new TrainingDataSet(9, RandomTrainingData.Samples(9, 3, seed: 3));
        Assert.Throws<ArgumentException>(() => new TrainingSampler(data, 1).Fill(new TrainingBatch(19, 4), 0));
        Assert.Throws<ArgumentException>(() => new TrainingSampler(new TrainingDataSet(9, []), 1));
    }

    [Fact]
    public void FillingA19x19BatchOf256AllocatesNothingAndIsQuick()
    {
        var data = new TrainingDataSet(19, RandomTrainingData.Samples(19, 200, seed: 4));
        var sampler = new TrainingSampler(data, seed: 1);
        var batch = new TrainingBatch(19, 256);
        for (int step = 0; step < 20; step++) sampler.Fill(batch, step);

        long before = GC.GetAllocatedBytesForCurrentThread();
        sampler.Fill(batch, 1000);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        const int fills = 50;
        var times = new double[fills];
        for (int i = 0; i < fills; i++)
        {
            long start = Stopwatch.GetTimestamp();
            sampler.Fill(batch, i);
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(times);
        output.WriteLine($"filling 256 19x19 samples: median {times[fills / 2]:F0} µs, fastest {times[0]:F0} µs");
    }
}
