using GoZero.Network.Training;
using Xunit.Abstractions;

namespace GoZero.Network.Tests;

/// <summary>The trainer learns: a tiny network fits a tiny data set, and what it exports is what it computes.</summary>
public sealed class TrainerLearningTests(ITestOutputHelper output)
{
    [Fact]
    public void TinyNetworkOverfitsEightPositions()
    {
        var shape = new NetworkShape(5, 1, 8);
        var batch = TrainingFixtures.Batch(5, 8, seed: 3);
        double entropy = 0;
        for (int i = 0; i < batch.Count * batch.PolicyLength; i++)
            if (batch.Policy[i] > 0) entropy -= batch.Policy[i] * Math.Log(batch.Policy[i]);
        entropy /= batch.Count;

        using var trainer = new PolicyValueTrainer(NetworkWeights.Random(shape, 1), new TrainingOptions { Threads = 2 });
        TrainingLoss first = trainer.Step(batch), loss = first;
        for (int step = 1; step < 400; step++) loss = trainer.Step(batch);
        output.WriteLine($"first: {first}; after 400 steps: {loss}; targets' entropy {entropy:0.0000}");

        Assert.True(loss.Value < 0.01, $"value MSE {loss.Value}");
        Assert.True(loss.Policy - entropy < 0.05, $"policy cross-entropy {loss.Policy} vs the targets' entropy {entropy}");
    }

    [Fact]
    public void ExportedWeightsGiveTheTrainersInferenceOutputs()
    {
        var shape = new NetworkShape(7, 2, 16);
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 2), new TrainingOptions { Threads = 2 });
        for (int step = 0; step < 5; step++) trainer.Step(TrainingFixtures.Batch(7, 16, seed: 100 + step));

        var batch = TrainingFixtures.Batch(7, 6, seed: 99);
        var logits = new float[6 * shape.PolicySize];
        var values = new float[6];
        trainer.Evaluate(batch, logits, values);

        using var net = new PolicyValueNet(trainer.CurrentWeights());
        var netLogits = new float[logits.Length];
        var netValues = new float[values.Length];
        net.Forward(batch.Planes.AsSpan(0, 6 * batch.PlaneLength), 6, netLogits, netValues);
        for (int i = 0; i < logits.Length; i++) Assert.True(Math.Abs(logits[i] - netLogits[i]) <= 1e-5 * Math.Max(1, Math.Abs(logits[i])), $"logit {i}: {logits[i]} vs {netLogits[i]}");
        for (int i = 0; i < values.Length; i++) Assert.True(Math.Abs(values[i] - netValues[i]) <= 1e-5, $"value {i}: {values[i]} vs {netValues[i]}");
    }

    [Fact]
    public void StepReportsEveryLossTermAndLeavesTheBatchAlone()
    {
        var shape = new NetworkShape(5, 1, 4);
        var batch = TrainingFixtures.Batch(5, 4, seed: 8);
        var planes = (float[])batch.Planes.Clone();
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 4), new TrainingOptions());
        double squaredNorm = trainer.Parameters.Sum(p => p.Values.Sum(v => (double)v * v));
        double dataLoss = ReferenceTraining.DataLoss(shape, ReferenceTraining.Parameters(trainer), planes.Take(4 * batch.PlaneLength).Select(v => (double)v).ToArray(), batch);

        var loss = trainer.Step(batch);

        Assert.Equal(planes, batch.Planes);
        Assert.Equal(1e-4 * squaredNorm, loss.Regularization, 1e-9);
        Assert.Equal(dataLoss, loss.Policy + loss.Value, 1e-4);
        Assert.Equal(loss.Policy + loss.Value + loss.Regularization, loss.Total, 12);
        Assert.Equal(1, trainer.Steps);
    }

    [Fact]
    public void StepsAllocateNothingButTheirLossOnceWarm()
    {
        var shape = new NetworkShape(5, 1, 8);
        var batch = TrainingFixtures.Batch(5, 20, seed: 12);
        // One thread, so that every unit of work runs on this thread and its allocation counter sees it all (other
        // tests run beside this one).
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 13), new TrainingOptions { Threads = 1 });
        trainer.Step(batch);
        trainer.Step(batch);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 10; step++) trainer.Step(batch);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10 * 100, $"{allocated} bytes in 10 steps");
    }

    [Fact]
    public void ANonFiniteLossStopsTheStepBeforeTheUpdate()
    {
        var shape = new NetworkShape(5, 1, 4);
        var batch = TrainingFixtures.Batch(5, 4, seed: 14);
        batch.Value[2] = float.NaN;
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 15), new TrainingOptions());
        var before = trainer.CurrentWeights().Tensors.Select(t => (float[])t.Clone()).ToList();

        var error = Assert.Throws<InvalidOperationException>(() => trainer.Step(batch));

        Assert.Contains("not finite", error.Message);
        Assert.Equal(0, trainer.Steps);
        Assert.Equal(before, trainer.CurrentWeights().Tensors.ToList());
    }
}
