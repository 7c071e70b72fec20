using GoZero.Network.Simd;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Simd;

/// <summary>Training is deterministic: across thread counts, and across a checkpoint written, loaded and resumed.</summary>
public sealed class TrainerResumeTests
{
    private static readonly NetworkShape Shape = new(7, 2, 8);

    private static TrainingBatch BatchAt(int step) => TrainingFixtures.Batch(7, 40, seed: 500 + step);

    private static readonly TrainingOptions Options = new()
    {
        LearningRate = LearningRateSchedule.Parse("steps:0.05@0,0.01@3"),
        Threads = 2,
    };

    [Fact]
    public void ResumingFromACheckpointEqualsTheUninterruptedRun()
    {
        var initial = TrainingFixtures.Weights(Shape, 9);
        using var uninterrupted = new PolicyValueTrainer(initial, Options);
        for (int step = 0; step < 6; step++) uninterrupted.Step(BatchAt(step));

        string path = Path.Combine(Path.GetTempPath(), $"gozero-resume-{Guid.NewGuid():N}.gznet");
        try
        {
            using (var first = new PolicyValueTrainer(initial, Options))
            {
                for (int step = 0; step < 2; step++) first.Step(BatchAt(step));
                first.ToCheckpoint(CheckpointMetadata.New("resume test")).Save(path);
            }
            var checkpoint = Checkpoint.Load(path);
            Assert.Equal(2, checkpoint.Metadata.TrainingSteps);
            using var resumed = PolicyValueTrainer.Resume(checkpoint, Options);
            Assert.Equal(2, resumed.Steps);
            for (int step = 2; step < 6; step++) resumed.Step(BatchAt(step));

            AssertSameState(uninterrupted, resumed);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ItsParametersAreTheSharedCheckpointNamesInTheirOrder()
    {
        // What lets every backend resume the managed trainer's checkpoints (TrainerCheckpoint).
        var weights = TrainingFixtures.Weights(Shape, 12);
        using var trainer = new PolicyValueTrainer(weights, Options);
        Assert.Equal(TrainerCheckpoint.Parameters(weights), trainer.Parameters.Select(p => (p.Name, p.Length)).ToList());
    }

    [Fact]
    public void ThreadCountDoesNotChangeABit()
    {
        var initial = TrainingFixtures.Weights(Shape, 10);
        using var one = new PolicyValueTrainer(initial, Options with { Threads = 1 });
        using var three = new PolicyValueTrainer(initial, Options with { Threads = 3 });
        for (int step = 0; step < 3; step++)
        {
            var batch = BatchAt(step);
            Assert.Equal(one.Step(batch), three.Step(batch));
        }
        AssertSameState(one, three);
    }

    [Fact]
    public void ResumeRefusesForeignOptimizerState()
    {
        var weights = TrainingFixtures.Weights(Shape, 11);
        var foreign = new Checkpoint(weights, CheckpointMetadata.New(), [new NamedTensor("momentum/nothing", [1f])]);
        Assert.Throws<ArgumentException>(() => PolicyValueTrainer.Resume(foreign, Options));
        var partial = new Checkpoint(weights, CheckpointMetadata.New(), [new NamedTensor("momentum/input.weights", new float[18 * 9 * 8])]);
        Assert.Contains("lacks", Assert.Throws<ArgumentException>(() => PolicyValueTrainer.Resume(partial, Options)).Message);
    }

    private static void AssertSameState(PolicyValueTrainer expected, PolicyValueTrainer actual)
    {
        var a = expected.CurrentWeights().Tensors.ToList();
        var b = actual.CurrentWeights().Tensors.ToList();
        for (int t = 0; t < a.Count; t++) Assert.Equal(a[t], b[t]);
        for (int p = 0; p < expected.Parameters.Count; p++)
        {
            Assert.Equal(expected.Parameters[p].Values, actual.Parameters[p].Values);
            Assert.Equal(expected.Parameters[p].Momentum, actual.Parameters[p].Momentum);
        }
    }
}
