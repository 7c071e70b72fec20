using System.Diagnostics;
using GoZero.Network.Simd;
using GoZero.Network.Training;
using Xunit.Abstractions;

namespace GoZero.Network.Tests.Training;

/// <summary>
/// The whole training path learns a task made by the engine (issue 6): 7×7 capture positions
/// (<see cref="CaptureTaskGenerator"/>) are written to chunk files, loaded as a data set, drawn by the sampler under
/// random symmetries and trained on; the network then finds a capturing move and predicts the winner better than a
/// constant in positions of games it never saw.
/// </summary>
public sealed class CaptureTaskLearningTests(ITestOutputHelper output) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-learn-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Few positions of each game, so that the value head sees many results (z is the same for every
    /// position of a game) and the held-out value loss is not a matter of a few games.</summary>
    private const int SamplesPerGame = 4;

    private sealed record Outcome(double Accuracy, double Chance, double ValueLoss, double ConstantValueLoss);

    private Outcome Learn(NetworkShape shape, int trainingSamples, int steps, int batchSize, double learningRate, int seed = 1)
    {
        var generator = new CaptureTaskGenerator();
        var watch = Stopwatch.StartNew();
        var generated = generator.Generate(trainingSamples, seed: (ulong)seed, perGame: SamplesPerGame);
        string chunks = Directory.CreateDirectory(Path.Combine(folder, $"{shape}-{steps}-{batchSize}-{learningRate}-{seed}")).FullName;
        for (int chunk = 0; chunk < 4; chunk++)
        {
            int from = chunk * generated.Count / 4, to = (chunk + 1) * generated.Count / 4;
            RandomTrainingData.WriteChunk(Path.Combine(chunks, $"capture-{chunk}.chunk"), 7, generated.Skip(from).Take(to - from));
        }
        var training = TrainingDataSet.Load(chunks, 7, window: generated.Count);
        Assert.Equal(generated.Count, training.Count);
        var heldOut = generator.Generate(1000, seed: 1000 + (ulong)seed, perGame: SamplesPerGame);
        double generatingSeconds = watch.Elapsed.TotalSeconds;

        watch.Restart();
        var sampler = new TrainingSampler(training, seed: (ulong)seed + 2);
        var batch = new TrainingBatch(7, batchSize);
        using var trainer = new PolicyValueTrainer(NetworkWeights.Random(shape, seed + 3), new TrainingOptions
        {
            LearningRate = new LearningRateSchedule.Cosine(learningRate, steps),
            Threads = 2,
        });
        TrainingLoss first = null!, last = null!;
        for (long step = 0; step < steps; step++)
        {
            sampler.Fill(batch, step);
            last = trainer.Step(batch);
            first ??= last;
        }
        double trainingSeconds = watch.Elapsed.TotalSeconds;

        // The held-out positions as they are, under the identity symmetry.
        var test = new TrainingBatch(7, heldOut.Count) { Count = heldOut.Count };
        for (int i = 0; i < heldOut.Count; i++)
        {
            heldOut[i].Unpack(0, test.Planes.AsSpan(i * test.PlaneLength, test.PlaneLength), test.Policy.AsSpan(i * test.PolicyLength, test.PolicyLength));
            test.Value[i] = heldOut[i].Outcome;
        }
        var logits = new float[heldOut.Count * test.PolicyLength];
        var values = new float[heldOut.Count];
        var loss = trainer.Evaluate(test, logits, values);

        int right = 0;
        double chance = 0, valueLoss = 0, constantLoss = 0;
        double meanZ = Enumerable.Range(0, training.Count).Average(i => (double)training[i].Outcome);
        for (int i = 0; i < heldOut.Count; i++)
        {
            var row = logits.AsSpan(i * test.PolicyLength, test.PolicyLength);
            int best = row.IndexOf(Max(row));
            if (heldOut[i].Policy[best] > 0) right++;
            // Chance: a uniformly random empty point (or pass) that happens to capture.
            int empty = 0, capturing = 0;
            for (int index = 0; index < 49; index++)
            {
                bool occupied = test.Planes[i * test.PlaneLength + index] + test.Planes[i * test.PlaneLength + 8 * 49 + index] > 0;
                if (!occupied) empty++;
                if (heldOut[i].Policy[index] > 0) capturing++;
            }
            chance += capturing / (double)(empty + 1);
            valueLoss += Math.Pow(heldOut[i].Outcome - values[i], 2);
            constantLoss += Math.Pow(heldOut[i].Outcome - meanZ, 2);
        }
        var outcome = new Outcome(right / (double)heldOut.Count, chance / heldOut.Count, valueLoss / heldOut.Count, constantLoss / heldOut.Count);
        output.WriteLine($"{shape}, {training.Count} samples, {steps} steps of {batchSize}, lr {learningRate}: generated and written in {generatingSeconds:F1} s, trained in {trainingSeconds:F1} s");
        output.WriteLine($"first step: {first}; last: {last}; held out: {loss}");
        output.WriteLine($"held out: top-1 captures {outcome.Accuracy:P1} (chance {outcome.Chance:P1}); value MSE {outcome.ValueLoss:F3} (constant {outcome.ConstantValueLoss:F3})");
        return outcome;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        float max = float.NegativeInfinity;
        foreach (float v in values) max = Math.Max(max, v);
        return max;
    }

    // Training is bit for bit the same for any thread count, so these outcomes do not vary from run to run on one
    // machine: the margins are for changes to the trainer or the generator (and other CPUs' rounding), not for noise.
    // From the trainer's default learning rate 0.02, cosine-decayed to 0, the value head learned with every seed tried
    // (1, 4, 6); from 0.05 it sometimes saturated and did worse than the constant.

    [Fact]
    public void ASmallNetworkLearnsToCaptureAndToPredictTheWinner()
    {
        // Measured with seeds 1, 4, 6 (and two versions of the trainer): top-1 92–97 % against 12 % by chance, value
        // MSE 0.70–0.86 against the constant's 0.97–0.995; 10–15 s of training on 2 cores.
        var outcome = Learn(new NetworkShape(7, 2, 32), trainingSamples: 4000, steps: 1500, batchSize: 32, learningRate: 0.02);
        Assert.True(outcome.Accuracy >= 0.85, $"top-1 {outcome.Accuracy:P1}");
        Assert.True(outcome.ValueLoss < outcome.ConstantValueLoss - 0.05, $"value MSE {outcome.ValueLoss:F3} vs {outcome.ConstantValueLoss:F3}");
    }

    [Fact]
    [Trait("Category", "Long")]
    public void ALargerNetworkLearnsTheTaskAlmostPerfectly()
    {
        var outcome = Learn(new NetworkShape(7, 3, 32), trainingSamples: 16000, steps: 3000, batchSize: 64, learningRate: 0.02);
        Assert.True(outcome.Accuracy >= 0.97, $"top-1 {outcome.Accuracy:P1}");
        Assert.True(outcome.ValueLoss < 0.8 * outcome.ConstantValueLoss, $"value MSE {outcome.ValueLoss:F3} vs {outcome.ConstantValueLoss:F3}");
    }
}
