using GoZero.Network.Simd;
using GoZero.Network.Training;
using Xunit.Abstractions;

namespace GoZero.Network.Tests.Simd;

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
        net.Forward(batch.Planes.AsSpan(0, 6 * batch.PlaneLength), 6, new ModelOutputs(netLogits, netValues));
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void StepsAllocateNothingButTheirLossOnceWarm(bool auxiliaryHeads)
    {
        var shape = new NetworkShape(5, 1, 8) { AuxiliaryHeads = auxiliaryHeads };
        var batch = auxiliaryHeads ? TrainingFixtures.AuxiliaryBatch(5, 20, seed: 12) : TrainingFixtures.Batch(5, 20, seed: 12);
        // One thread, so that every unit of work runs on this thread and its allocation counter sees it all (other
        // tests run beside this one).
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 13), new TrainingOptions { Threads = 1 });
        trainer.Step(batch);
        trainer.Step(batch);
        // Steady state is what counts: until the runtime has recompiled the step's methods with full optimization
        // (which waits for call counts and a delay, and runs late on a loaded machine), unoptimized code may allocate
        // what the optimizer removes. So: the fewest bytes over windows of 10 steps, for up to 10 seconds.
        long fewest = long.MaxValue;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (fewest >= 10 * 100 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int step = 0; step < 10; step++) trainer.Step(batch);
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(fewest < 10 * 100, $"{fewest} bytes in 10 steps");
    }

    [Fact]
    public void ANonFiniteLossStopsTheStepBeforeTheUpdate()
    {
        var shape = new NetworkShape(5, 1, 4);
        var batch = TrainingFixtures.Batch(5, 4, seed: 14);
        batch.Value[2] = float.NaN;
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 15), new TrainingOptions());
        var before = trainer.CurrentWeights().Tensors.Select(t => (float[])t.Clone()).ToList();

        var error = Assert.Throws<TrainingDivergedException>(() => trainer.Step(batch));

        Assert.Equal(1, error.Step);
        Assert.Contains("training diverged at step 1 (the loss is not finite", error.Message);
        Assert.Equal(0, trainer.Steps);
        Assert.Equal(before, trainer.CurrentWeights().Tensors.ToList());
    }

    [Fact]
    public void AnUpdateThatOverflowsIsCaughtBeforeItIsSaved()
    {
        // At 1e30 the first step's loss (before its update) is finite; the weights after it are not usable.
        var shape = new NetworkShape(5, 1, 4);
        var batch = TrainingFixtures.Batch(5, 4, seed: 14);
        var options = new TrainingOptions { LearningRate = LearningRateSchedule.Parse("1e30") };
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 15), options);

        Assert.True(double.IsFinite(trainer.Step(batch).Total));
        var error = Assert.Throws<TrainingDivergedException>(() => trainer.EnsureFinite(batch));

        Assert.Equal(1, error.Step);
        Assert.Equal(1e30, error.LearningRate);
    }

    [Fact]
    public void ACheckpointOfNonFiniteWeightsIsNeverMade()
    {
        var shape = new NetworkShape(5, 1, 4);
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 15), new TrainingOptions());
        trainer.Parameters[0].Values[0] = float.PositiveInfinity;

        Assert.Throws<TrainingDivergedException>(() => trainer.ToCheckpoint(CheckpointMetadata.New()));
    }

    [Fact]
    public void ASmallNetworkLearnsARuleAtTheDefaultLearningRate()
    {
        // Fresh positions every step, so what is learned generalises: π all on the first empty point in row-major
        // order, z = +1 where the side to move has more stones. Checked in inference mode on unseen positions.
        var shape = new NetworkShape(7, 2, 16);
        var random = new Random(21);
        using var trainer = new PolicyValueTrainer(NetworkWeights.Random(shape, 21), new TrainingOptions { Threads = 2 });
        var batch = new TrainingBatch(7, 32);
        TrainingLoss first = null!;
        for (int step = 0; step < 250; step++)
        {
            FillRuleBatch(batch, random);
            var loss = trainer.Step(batch);
            first ??= loss;
        }
        FillRuleBatch(batch, random);
        var held = trainer.Evaluate(batch);
        output.WriteLine($"first step: {first}; unseen positions after 250 steps, inference mode: {held}");

        Assert.True(held.Policy < 0.4, $"policy cross-entropy {held.Policy}");
        Assert.True(held.Value < 0.5, $"value MSE {held.Value}");
    }

    private static void FillRuleBatch(TrainingBatch batch, Random random)
    {
        int area = batch.BoardSize * batch.BoardSize;
        Array.Clear(batch.Planes);
        Array.Clear(batch.Policy);
        batch.Count = batch.Capacity;
        for (int s = 0; s < batch.Count; s++)
        {
            int own = 0, opponent = 0, firstEmpty = -1;
            for (int point = 0; point < area; point++)
            {
                int stone = random.Next(3);
                if (stone == 1) { batch.Planes[(s * NetworkShape.InputPlanes + 0) * area + point] = 1; own++; }
                else if (stone == 2) { batch.Planes[(s * NetworkShape.InputPlanes + 8) * area + point] = 1; opponent++; }
                else if (firstEmpty < 0) firstEmpty = point;
            }
            batch.Planes.AsSpan((s * NetworkShape.InputPlanes + 16) * area, area).Fill(1);
            batch.Policy[s * batch.PolicyLength + (firstEmpty < 0 ? area : firstEmpty)] = 1;
            batch.Value[s] = own > opponent ? 1 : -1;
        }
    }
}
