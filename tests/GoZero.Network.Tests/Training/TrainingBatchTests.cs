using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

public sealed class TrainingBatchTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-batch-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A folder holding the version-1 fixture and a version-2 chunk of 9×9 games with every kind of final
    /// targets; the samples of both, oldest first.</summary>
    private List<TrainingSample> MixedFolder()
    {
        File.Copy(ChunkFixture.Version1, Path.Combine(folder, "a-v1.chunk"));
        var v2 = RandomTrainingData.Games(9, 4, 5, seed: 11, firstGameId: 100);
        RandomTrainingData.WriteChunk(Path.Combine(folder, "b-v2.chunk"), 9, v2);
        return [.. ChunkFixture.Version1Samples(), .. v2];
    }

    /// <summary>The symmetry under which <paramref name="sample"/> unpacks to row <paramref name="row"/>'s planes
    /// and policy (checked to be the only one).</summary>
    private static int SymmetryOfRow(TrainingBatch batch, int row, TrainingSample sample)
    {
        var planes = new float[batch.PlaneLength];
        var policy = new float[batch.PolicyLength];
        var found = new List<int>();
        for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
        {
            sample.Unpack(symmetry, planes, policy);
            if (planes.AsSpan().SequenceEqual(batch.Planes.AsSpan(row * batch.PlaneLength, batch.PlaneLength)) &&
                policy.AsSpan().SequenceEqual(batch.Policy.AsSpan(row * batch.PolicyLength, batch.PolicyLength)))
                found.Add(symmetry);
        }
        Assert.NotEmpty(found);
        return found[0];
    }

    /// <summary>Row <paramref name="row"/> holds <paramref name="sample"/>'s targets and flags under the symmetry of
    /// its planes.</summary>
    private static void AssertRowHoldsTargets(TrainingBatch batch, int row, TrainingSample sample)
    {
        int symmetry = SymmetryOfRow(batch, row, sample);
        var ownership = new float[batch.OwnershipLength];
        bool hasOwnership = sample.UnpackOwnership(symmetry, ownership);
        Assert.Equal(ownership, batch.Ownership.AsSpan(row * batch.OwnershipLength, batch.OwnershipLength).ToArray());
        Assert.Equal(hasOwnership ? 1f : 0f, batch.HasOwnership[row]);
        Assert.Equal(sample.Score ?? 0f, batch.Score[row]);
        Assert.Equal(sample.Score.HasValue ? 1f : 0f, batch.HasScore[row]);
        Assert.Equal(sample.FullSearch ? 1f : 0f, batch.HasPolicy[row]);
        Assert.Equal(sample.Outcome, batch.Value[row]);
    }

    [Fact]
    public void ARowReusedForAnotherSampleKeepsNothingOfTheLast()
    {
        var samples = RandomTrainingData.Games(5, 4, 1, seed: 2);
        Assert.True(samples[0].FinalTargets is { HasOwnership: true, BlackScore: not null });
        Assert.Null(samples[3].FinalTargets);
        var batch = new TrainingBatch(5, 1);
        batch.SetRow(0, samples[0], symmetry: 5);
        AssertRowHoldsTargets(batch, 0, samples[0]);
        Assert.Equal(1f, batch.HasOwnership[0]);
        Assert.Contains(batch.Ownership, o => o != 0f);
        batch.SetRow(0, samples[3], symmetry: 2);
        AssertRowHoldsTargets(batch, 0, samples[3]);
        Assert.All(batch.Ownership, o => Assert.Equal(0f, o));
        Assert.Equal((0f, 0f), (batch.HasOwnership[0], batch.HasScore[0]));
    }

    [Fact]
    public void OneBatchMixesVersion1AndVersion2Samples()
    {
        var samples = MixedFolder();
        var data = TrainingDataSet.Load(folder, 9, window: 1000);
        Assert.Equal(samples.Count, data.Count);
        Assert.Equal(2, data.Chunks.Count);
        Assert.Empty(data.Skipped);
        var batch = new TrainingBatch(9, 64);
        new TrainingSampler(data, seed: 5).Fill(batch, step: 0);

        var byKey = samples.ToDictionary(s => (s.GameId, s.MoveNumber));
        bool version1 = false, withOwnership = false, scoreOnly = false;
        for (int row = 0; row < batch.Count; row++)
        {
            var sample = FindSample(batch, row, data);
            AssertRowHoldsTargets(batch, row, sample);
            version1 |= sample.GameId is 7 or 8;
            withOwnership |= batch.HasOwnership[row] == 1f;
            scoreOnly |= batch.HasScore[row] == 1f && batch.HasOwnership[row] == 0f;
            RandomTrainingData.AssertSameSample(byKey[(sample.GameId, sample.MoveNumber)], sample);
        }
        Assert.True(version1 && withOwnership && scoreOnly, "the batch holds version-1 samples, samples with ownership and samples with a score only");
    }

    [Fact]
    public void TheStreamingSamplerMixesVersion1AndVersion2SamplesToo()
    {
        var samples = MixedFolder();
        using var sampler = new StreamingTrainingSampler(TrainingDataSet.ChunkPaths(folder), 9, seed: 3, groupSize: 2);
        Assert.Equal(samples.Count, sampler.SamplesPerEpoch);
        var batch = new TrainingBatch(9, samples.Count);
        sampler.Fill(batch, step: 0);
        // One epoch: every sample once.
        var data = new TrainingDataSet(9, samples);
        var drawn = Enumerable.Range(0, batch.Count).Select(row => FindSample(batch, row, data)).ToList();
        Assert.Equal(samples.Count, drawn.Distinct().Count());
        for (int row = 0; row < batch.Count; row++) AssertRowHoldsTargets(batch, row, drawn[row]);
        Assert.Contains(drawn, s => s.GameId == 7);
        Assert.Contains(drawn, s => s.FinalTargets is { HasOwnership: true });
    }

    /// <summary>The sample of <paramref name="data"/> whose z, planes and policy row <paramref name="row"/> holds under
    /// some symmetry (the fixture's two games share positions and π, not z).</summary>
    private static TrainingSample FindSample(TrainingBatch batch, int row, TrainingDataSet data)
    {
        var planes = new float[batch.PlaneLength];
        var policy = new float[batch.PolicyLength];
        for (int i = 0; i < data.Count; i++)
        {
            if (data[i].Outcome != batch.Value[row]) continue;
            for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
            {
                data[i].Unpack(symmetry, planes, policy);
                if (planes.AsSpan().SequenceEqual(batch.Planes.AsSpan(row * batch.PlaneLength, batch.PlaneLength)) &&
                    policy.AsSpan().SequenceEqual(batch.Policy.AsSpan(row * batch.PolicyLength, batch.PolicyLength)))
                    return data[i];
            }
        }
        throw new Xunit.Sdk.XunitException($"row {row} holds no sample of the data set");
    }
}
