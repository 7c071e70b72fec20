using GoZero.Network.Tests.Simd;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Conformance;

/// <summary>
/// Every backend's trainer computes the same arithmetic: the data loss of the float64 reference
/// (<see cref="ReferenceTraining"/>) and its gradients (against central differences), the managed trainer's SGD with
/// momentum and weight decay and batch-norm statistics step for step, and checkpoints that resume on any backend where
/// the uninterrupted run would be. Tiny networks on 5×5 and 7×7 boards keep it fast.
/// </summary>
public sealed class TrainingConformanceTests
{
    private static readonly NetworkShape Shape = new(7, 1, 8);

    private static readonly TrainingOptions Options = new()
    {
        LearningRate = LearningRateSchedule.Parse("steps:0.05@0,0.01@3"),
        ValueWeight = 0.5,
        Threads = 2,
    };

    private static TrainingBatch BatchAt(int step) => TrainingFixtures.Batch(7, 12, seed: 700 + step);

    public static TheoryData<ModelBackend, ModelBackend> BackendPairs()
    {
        var data = new TheoryData<ModelBackend, ModelBackend>();
        foreach (var from in Enum.GetValues<ModelBackend>())
            foreach (var to in Enum.GetValues<ModelBackend>()) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TheLossIsTheFloat64ReferencesDataLossPlusRegularization(ModelBackend backend)
    {
        var shape = new NetworkShape(5, 2, 4);
        var batch = TrainingFixtures.Batch(5, 6, seed: 3);
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(shape, 7), Options, backend);
        var parameters = ParametersOf(trainer.ToCheckpoint(CheckpointMetadata.New()));
        var planes = batch.Planes.Select(v => (double)v).ToArray();
        double reference = ReferenceTraining.DataLoss(shape, parameters, planes, batch, Options.ValueWeight);
        double regularization = Options.WeightDecay * parameters.Values.Sum(p => p.Sum(v => v * v));

        var loss = trainer.Step(batch);

        Assert.Equal(reference, loss.Total - loss.Regularization, 1e-4 * Math.Abs(reference));
        Assert.Equal(regularization, loss.Regularization, 1e-5 * regularization);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TheAuxiliaryHeadsLossIsTheFloat64ReferencesDataLoss(ModelBackend backend)
    {
        var shape = new NetworkShape(5, 2, 4) { AuxiliaryHeads = true };
        var batch = TrainingFixtures.AuxiliaryBatch(5, 8, seed: 4);
        var options = AuxiliaryOptions;
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(shape, 8), options, backend);
        var parameters = ParametersOf(trainer.ToCheckpoint(CheckpointMetadata.New()));
        double reference = ReferenceTraining.DataLoss(shape, parameters, batch.Planes.Select(v => (double)v).ToArray(), batch, options);

        var loss = trainer.Step(batch);

        Assert.Equal(reference, loss.Data, 1e-4 * Math.Abs(reference));
        Assert.NotNull(loss.Ownership);
        Assert.NotNull(loss.Score);
        Assert.True(loss.Ownership > 0.1 && loss.Score > 0.01, loss.ToString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void APolicyValueNetworkIgnoresTheAuxiliaryTargets(ModelBackend backend)
    {
        // The same rows with and without ownership and score targets train a network without those heads to the bit:
        // the policy-value path is AlphaGo Zero's whatever the batch carries.
        var plain = TrainingFixtures.Batch(7, 12, seed: 31);
        var auxiliary = TrainingFixtures.AuxiliaryBatch(7, 12, seed: 31);
        auxiliary.HasPolicy.AsSpan().Fill(1);
        using var a = ModelFactory.OpenTrainer(TrainingFixtures.Weights(Shape, 32), Options, backend);
        using var b = ModelFactory.OpenTrainer(TrainingFixtures.Weights(Shape, 32), Options, backend);

        var lossA = a.Step(plain);
        var lossB = b.Step(auxiliary);

        Assert.Null(lossA.Ownership);
        Assert.Equal(lossA, lossB);
        var weightsA = a.ToCheckpoint(CheckpointMetadata.New()).Weights.Tensors.SelectMany(t => t);
        Assert.Equal(weightsA, b.ToCheckpoint(CheckpointMetadata.New()).Weights.Tensors.SelectMany(t => t));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ARowWithoutAPolicyTargetGivesNoPolicyLoss(ModelBackend backend)
    {
        var batch = TrainingFixtures.Batch(7, 12, seed: 33);
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(Shape, 34), Options, backend);
        double full = trainer.Evaluate(batch).Policy;
        batch.HasPolicy.AsSpan(0, 6).Clear();

        double half = trainer.Evaluate(batch).Policy;

        Assert.InRange(half, 0.3 * full, 0.7 * full);
        batch.HasPolicy.AsSpan().Clear();
        Assert.Equal(0, trainer.Evaluate(batch).Policy);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void OneStepsGradientMatchesFiniteDifferencesOfTheFloat64Reference(ModelBackend backend) =>
        AssertGradientMatchesTheReference(backend, new NetworkShape(5, 1, 4), TrainingFixtures.Batch(5, 6, seed: 21), Options);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TheAuxiliaryHeadsGradientMatchesFiniteDifferencesOfTheFloat64Reference(ModelBackend backend) =>
        AssertGradientMatchesTheReference(backend, new NetworkShape(5, 1, 4) { AuxiliaryHeads = true }, TrainingFixtures.AuxiliaryBatch(5, 8, seed: 22), AuxiliaryOptions);

    /// <summary>A tower with global pooling in both of its blocks: 3 of 8 channels pooled, 5 biased.</summary>
    private static readonly NetworkShape PoolingShape = new NetworkShape(7, 2, 8) { AuxiliaryHeads = true, GlobalPoolingInterval = 1, GlobalPoolingChannels = 3 };

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TheGlobalPoolingLossIsTheFloat64ReferencesDataLoss(ModelBackend backend)
    {
        var batch = TrainingFixtures.AuxiliaryBatch(7, 6, seed: 5);
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(PoolingShape, 15), AuxiliaryOptions, backend);
        var parameters = ParametersOf(trainer.ToCheckpoint(CheckpointMetadata.New()));
        Assert.Contains("block1.pooling.weights", parameters.Keys);
        double reference = ReferenceTraining.DataLoss(PoolingShape, parameters, batch.Planes.Select(v => (double)v).ToArray(), batch, AuxiliaryOptions);

        var loss = trainer.Step(batch);

        Assert.Equal(reference, loss.Data, 1e-4 * Math.Abs(reference));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TheGlobalPoolingGradientMatchesFiniteDifferencesOfTheFloat64Reference(ModelBackend backend) =>
        AssertGradientMatchesTheReference(backend, PoolingShape with { BoardSize = 5 }, TrainingFixtures.AuxiliaryBatch(5, 6, seed: 23), AuxiliaryOptions);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void GlobalPoolingStepsMatchTheManagedTrainer(ModelBackend backend) =>
        AssertAuxiliaryStepsMatchTheManagedTrainer(backend, PoolingShape, weightsSeed: 29, firstBatchSeed: 820);

    [Theory]
    [MemberData(nameof(BackendPairs))]
    // The max pooling and the ReLUs are not differentiable everywhere: where float rounding puts a point on the other
    // side of one in one backend, the trajectories part (batches 940.. do so by 0.4 % at the third step, Torch against
    // SIMD, while each step's gradient matches the reference); these batches stay clear of such points.
    public void AGlobalPoolingCheckpointResumesOnEveryBackendWhereTheUninterruptedRunEnds(ModelBackend first, ModelBackend second) =>
        AssertResumes(first, second, PoolingShape, step => TrainingFixtures.AuxiliaryBatch(7, 12, seed: 960 + step), AuxiliaryOptions);

    /// <summary>Ownership and score weighted heavily enough that their gradients are of the policy's size.</summary>
    private static readonly TrainingOptions AuxiliaryOptions = Options with { OwnershipWeight = 1.5, ScoreWeight = 0.5 };

    private static void AssertGradientMatchesTheReference(ModelBackend backend, NetworkShape shape, TrainingBatch batch, TrainingOptions trainingOptions)
    {
        // With η = 1, no momentum and no decay, θ₀ − θ₁ is the data loss's gradient itself; central differences as
        // TrainerGradientTests takes them.
        var options = trainingOptions with { LearningRate = LearningRateSchedule.Constant(1), Momentum = 0, WeightDecay = 0 };
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(shape, 13), options, backend);
        var before = ParametersOf(trainer.ToCheckpoint(CheckpointMetadata.New()));
        trainer.Step(batch);
        var after = ParametersOf(trainer.ToCheckpoint(CheckpointMetadata.New()));
        var planes = batch.Planes.Select(v => (double)v).ToArray();
        var parameters = before.ToDictionary(p => p.Key, p => (double[])p.Value.Clone());
        double Loss() => ReferenceTraining.DataLoss(shape, parameters, planes, batch, options);
        var random = new Random(3);
        var failures = new List<string>();
        foreach (var (name, values) in parameters)
        {
            var entries = TrainerGradientTests.Sample(values.Length, 8, random);
            var numeric = entries.Select(i => TrainerGradientTests.Central(values, i, Loss)).ToArray();
            double largest = numeric.Max(Math.Abs);
            for (int k = 0; k < entries.Length; k++)
            {
                double analytic = before[name][entries[k]] - after[name][entries[k]];
                if (Math.Abs(analytic - numeric[k]) > 2e-3 * largest + 1e-5) failures.Add($"{name}[{entries[k]}]: {backend} {analytic:G6}, reference {numeric[k]:G6}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("; ", failures));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void StepsMatchTheManagedTrainer(ModelBackend backend)
    {
        var initial = TrainingFixtures.Weights(Shape, 9);
        using var managed = ModelFactory.OpenTrainer(initial, Options);
        using var trainer = ModelFactory.OpenTrainer(initial, Options, backend);
        for (int step = 0; step < 4; step++)
        {
            var expected = managed.Step(BatchAt(step));
            var actual = trainer.Step(BatchAt(step));
            Assert.Equal(expected.Total, actual.Total, 1e-4 * Math.Abs(expected.Total));
        }
        Assert.Equal(4, trainer.Steps);
        AssertSameState(managed.ToCheckpoint(CheckpointMetadata.New()), trainer.ToCheckpoint(CheckpointMetadata.New()));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void AuxiliaryStepsMatchTheManagedTrainer(ModelBackend backend) =>
        AssertAuxiliaryStepsMatchTheManagedTrainer(backend, Shape with { AuxiliaryHeads = true }, weightsSeed: 19, firstBatchSeed: 800);

    private static void AssertAuxiliaryStepsMatchTheManagedTrainer(ModelBackend backend, NetworkShape shape, int weightsSeed, int firstBatchSeed)
    {
        var initial = TrainingFixtures.Weights(shape, weightsSeed);
        using var managed = ModelFactory.OpenTrainer(initial, AuxiliaryOptions);
        using var trainer = ModelFactory.OpenTrainer(initial, AuxiliaryOptions, backend);
        for (int step = 0; step < 4; step++)
        {
            var expected = managed.Step(TrainingFixtures.AuxiliaryBatch(7, 12, seed: firstBatchSeed + step));
            var actual = trainer.Step(TrainingFixtures.AuxiliaryBatch(7, 12, seed: firstBatchSeed + step));
            Assert.Equal(expected.Total, actual.Total, 1e-4 * Math.Abs(expected.Total));
            Assert.Equal(expected.Ownership!.Value, actual.Ownership!.Value, 1e-4 * expected.Ownership.Value);
            Assert.Equal(expected.Score!.Value, actual.Score!.Value, 1e-4 * expected.Score.Value + 1e-7);
        }
        AssertSameState(managed.ToCheckpoint(CheckpointMetadata.New()), trainer.ToCheckpoint(CheckpointMetadata.New()));
    }

    [Theory]
    [MemberData(nameof(BackendPairs))]
    public void AnAuxiliaryCheckpointResumesOnEveryBackendWhereTheUninterruptedRunEnds(ModelBackend first, ModelBackend second) =>
        AssertResumes(first, second, Shape with { AuxiliaryHeads = true }, step => TrainingFixtures.AuxiliaryBatch(7, 12, seed: 900 + step), AuxiliaryOptions);

    [Theory]
    [MemberData(nameof(BackendPairs))]
    public void ACheckpointResumesOnEveryBackendWhereTheUninterruptedRunEnds(ModelBackend first, ModelBackend second) =>
        AssertResumes(first, second, Shape, BatchAt, Options);

    private static void AssertResumes(ModelBackend first, ModelBackend second, NetworkShape shape, Func<int, TrainingBatch> BatchAt, TrainingOptions Options)
    {
        var initial = TrainingFixtures.Weights(shape, 10);
        using var uninterrupted = ModelFactory.OpenTrainer(initial, Options, first);
        for (int step = 0; step < 5; step++) uninterrupted.Step(BatchAt(step));

        string path = Path.Combine(Path.GetTempPath(), $"gozero-conformance-{Guid.NewGuid():N}.gznet");
        try
        {
            using (var before = ModelFactory.OpenTrainer(initial, Options, first))
            {
                for (int step = 0; step < 2; step++) before.Step(BatchAt(step));
                before.ToCheckpoint(CheckpointMetadata.New()).Save(path);
            }
            using var resumed = ModelFactory.OpenTrainer(Checkpoint.Load(path), Options, second);
            Assert.Equal(2, resumed.Steps);
            for (int step = 2; step < 5; step++) resumed.Step(BatchAt(step));
            AssertSameState(uninterrupted.ToCheckpoint(CheckpointMetadata.New()), resumed.ToCheckpoint(CheckpointMetadata.New()));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [MemberData(nameof(BackendPairs))]
    public void ANetworkWithTheAuxiliaryHeadsTrainedOnOneBackendGivesTheSameOutputsOnEvery(ModelBackend trainedOn, ModelBackend evaluatedOn)
    {
        var shape = Shape with { AuxiliaryHeads = true };
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(shape, 14), AuxiliaryOptions, trainedOn);
        for (int step = 0; step < 3; step++) trainer.Step(TrainingFixtures.AuxiliaryBatch(7, 12, seed: 850 + step));
        var weights = trainer.ToCheckpoint(CheckpointMetadata.New()).Weights;
        var planes = TestNetworks.RandomPlanes(shape, 4, seed: 6);
        using var reference = ModelFactory.OpenInference(weights, backend: trainedOn);
        using var other = ModelFactory.OpenInference(weights, backend: evaluatedOn);
        var expected = TestNetworks.RunAll(reference, planes, 4);
        var actual = TestNetworks.RunAll(other, planes, 4);
        for (int i = 0; i < actual.Ownership.Length; i++) Assert.Equal(expected.Ownership[i], actual.Ownership[i], 1e-4);
        for (int i = 0; i < actual.Scores.Length; i++) Assert.Equal(expected.Scores[i], actual.Scores[i], 1e-3 * Math.Max(1, Math.Abs(expected.Scores[i])));
        for (int i = 0; i < actual.Values.Length; i++) Assert.Equal(expected.Values[i], actual.Values[i], 1e-4);
    }

    [Theory]
    [MemberData(nameof(BackendPairs))]
    public void ANetworkTrainedOnOneBackendGivesTheSameOutputsOnEvery(ModelBackend trainedOn, ModelBackend evaluatedOn)
    {
        using var trainer = ModelFactory.OpenTrainer(TrainingFixtures.Weights(Shape, 12), Options, trainedOn);
        for (int step = 0; step < 3; step++) trainer.Step(BatchAt(step));
        var weights = trainer.ToCheckpoint(CheckpointMetadata.New()).Weights;
        var planes = TestNetworks.RandomPlanes(Shape, 4, seed: 5);
        using var reference = ModelFactory.OpenInference(weights, backend: trainedOn);
        using var other = ModelFactory.OpenInference(weights, backend: evaluatedOn);
        var (expectedLogits, expectedValues) = TestNetworks.Run(reference, planes, 4);
        var (logits, values) = TestNetworks.Run(other, planes, 4);
        for (int i = 0; i < logits.Length; i++) Assert.Equal(expectedLogits[i], logits[i], 1e-4 * Math.Max(1, Math.Abs(expectedLogits[i])));
        for (int i = 0; i < values.Length; i++) Assert.Equal(expectedValues[i], values[i], 1e-4);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void ResumeRefusesForeignOrIncompleteOptimizerState(ModelBackend backend)
    {
        var weights = TrainingFixtures.Weights(Shape, 11);
        var foreign = new Checkpoint(weights, CheckpointMetadata.New(), [new NamedTensor("momentum/nothing", [1f])]);
        Assert.Throws<ArgumentException>(() => ModelFactory.OpenTrainer(foreign, Options, backend));
        var partial = new Checkpoint(weights, CheckpointMetadata.New(), [new NamedTensor("momentum/input.weights", new float[18 * 9 * 8])]);
        Assert.Contains("lacks", Assert.Throws<ArgumentException>(() => ModelFactory.OpenTrainer(partial, Options, backend)).Message);
    }

    /// <summary>Every trainable parameter by name, as <see cref="ReferenceTraining"/> names them: the weights from the
    /// checkpoint's tensors, each β exactly from its optimizer state.</summary>
    private static Dictionary<string, double[]> ParametersOf(Checkpoint checkpoint)
    {
        var weights = checkpoint.Weights;
        var state = checkpoint.OptimizerState.ToDictionary(t => t.Name, t => t.Values);
        var parameters = new Dictionary<string, double[]>();
        foreach (var (name, convolution) in TrainerCheckpoint.ConvolutionNames(weights.Shape).Zip(weights.Convolutions))
        {
            parameters[name + ".weights"] = convolution.Weights.Select(v => (double)v).ToArray();
            parameters[name + ".offsets"] = state["batchnorm/" + name + ".offsets"].Select(v => (double)v).ToArray();
        }
        foreach (var (name, dense) in TrainerCheckpoint.DenseNames(weights.Shape).Zip(weights.Dense))
        {
            parameters[name + ".weights"] = dense.Weights.Select(v => (double)v).ToArray();
            parameters[name + ".biases"] = dense.Biases.Select(v => (double)v).ToArray();
        }
        return parameters;
    }

    /// <summary>Weights, running statistics, momentum and β within float tolerance, and the same names.</summary>
    private static void AssertSameState(Checkpoint expected, Checkpoint actual)
    {
        Assert.Equal(expected.Metadata.TrainingSteps, actual.Metadata.TrainingSteps);
        AssertClose("weights", expected.Weights.Tensors.SelectMany(t => t).ToArray(), actual.Weights.Tensors.SelectMany(t => t).ToArray());
        Assert.Equal(expected.OptimizerState.Select(t => t.Name), actual.OptimizerState.Select(t => t.Name));
        foreach (var (e, a) in expected.OptimizerState.Zip(actual.OptimizerState)) AssertClose(e.Name, e.Values, a.Values);
    }

    private static void AssertClose(string what, float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-3 * Math.Max(0.01, Math.Abs(expected[i])), $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
