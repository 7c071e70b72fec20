using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

/// <summary>Issue 6's "resume equals uninterrupted", end to end: chunks on disk, the data set loaded from them, the
/// sampler and the trainer, interrupted by a checkpoint written and read back as a new process would.</summary>
public sealed class ResumedTrainingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-resume-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static readonly TrainingOptions Options = new() { LearningRate = new LearningRateSchedule.Cosine(0.05, 8), Threads = 2 };
    private const ulong SamplerSeed = 17;
    private const int Steps = 8, Batch = 16;

    private static void Train(IModelTrainer trainer, TrainingDataSet data, long until)
    {
        var sampler = new TrainingSampler(data, SamplerSeed);
        var batch = new TrainingBatch(data.BoardSize, Batch);
        for (long step = trainer.Steps; step < until; step++)
        {
            sampler.Fill(batch, step);
            trainer.Step(batch);
        }
    }

    [Fact]
    public void ARunResumedFromItsCheckpointEndsWhereTheUninterruptedRunEnds()
    {
        var generator = new CaptureTaskGenerator();
        RandomTrainingData.WriteChunk(Path.Combine(folder, "a.chunk"), 7, generator.Generate(100, seed: 1));
        RandomTrainingData.WriteChunk(Path.Combine(folder, "b.chunk"), 7, generator.Generate(100, seed: 2));
        var initial = NetworkWeights.Random(new NetworkShape(7, 1, 8), 5);

        using var uninterrupted = ModelFactory.OpenTrainer(initial, Options);
        Train(uninterrupted, TrainingDataSet.Load(folder, 7, window: 150), Steps);

        string checkpoint = Path.Combine(folder, "step3.gznet");
        using (var first = ModelFactory.OpenTrainer(initial, Options))
        {
            Train(first, TrainingDataSet.Load(folder, 7, window: 150), 3);
            first.ToCheckpoint(CheckpointMetadata.New()).Save(checkpoint);
        }
        using var resumed = ModelFactory.OpenTrainer(Checkpoint.Load(checkpoint), Options);
        Assert.Equal(3, resumed.Steps);
        Train(resumed, TrainingDataSet.Load(folder, 7, window: 150), Steps);

        var expected = uninterrupted.ToCheckpoint(CheckpointMetadata.New());
        var actual = resumed.ToCheckpoint(CheckpointMetadata.New());
        Assert.Equal(expected.Weights.Tensors.SelectMany(t => t), actual.Weights.Tensors.SelectMany(t => t));
        Assert.Equal(expected.OptimizerState.Select(t => t.Name), actual.OptimizerState.Select(t => t.Name));
        Assert.Equal(expected.OptimizerState.SelectMany(t => t.Values), actual.OptimizerState.SelectMany(t => t.Values));
    }
}
