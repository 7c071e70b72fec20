using GoZero.Network.Simd;
using GoZero.Network.Training;
using Xunit.Abstractions;

namespace GoZero.Network.Tests.Simd;

/// <summary>
/// The trainer's float gradients against central differences of <see cref="ReferenceTraining"/>'s float64 loss, for
/// every kind of parameter and for the input planes.
/// </summary>
/// <remarks>
/// Criterion: |analytic − numeric| ≤ 2e-3·|numeric| + 2e-3·max|numeric| over the tensor's checked entries. The
/// relative term is the ~1e-3 agreement asked of well-conditioned entries; the absolute term, relative to the
/// tensor's largest gradient, admits the float rounding of the trainer's forward pass (activations carry ~1e-6
/// relative error, which entries whose gradient is a cancellation of large terms amplify). The step of the central
/// differences is 1e-6: small enough that a perturbation rarely moves a ReLU's input across zero (with 1e-4, the
/// residual sums of a 20-board batch crossed kinks often enough to shift differences by 1 %), large enough that
/// the float64 loss's rounding (~1e-15) stays ~1e-9 in the quotient.
/// </remarks>
public sealed class TrainerGradientTests(ITestOutputHelper output)
{
    private const double Step = 1e-6;
    private readonly List<string> allFailures = [];

    [Theory]
    [InlineData(5, 2, 4, 3, 1.0)]     // padded channels (4 of 16), one chunk
    [InlineData(5, 1, 3, 20, 1.0)]    // two chunks of boards
    [InlineData(7, 1, 18, 2, 1.0)]    // two blocks of 16 channels, a partial tile at the edge
    [InlineData(5, 1, 3, 6, 0.01)]    // AlphaGo Zero's supervised value weight
    [InlineData(5, 2, 4, 3, 3.0)]     // a weight above 1 scales the value head's share up
    public void EveryParameterMatchesFiniteDifferences(int size, int blocks, int filters, int count, double valueWeight)
    {
        var shape = new NetworkShape(size, blocks, filters);
        var batch = TrainingFixtures.Batch(size, count, seed: 11);
        using var trainer = new PolicyValueTrainer(TrainingFixtures.Weights(shape, 7), new TrainingOptions { Threads = 2, ValueWeight = valueWeight });
        var loss = trainer.ComputeGradients(batch, inputGradient: true);
        var parameters = ReferenceTraining.Parameters(trainer);
        var planes = batch.Planes.Take(count * NetworkShape.InputPlanes * shape.Area).Select(v => (double)v).ToArray();
        double DataLoss() => ReferenceTraining.DataLoss(shape, parameters, planes, batch, valueWeight);
        double referenceLoss = DataLoss();
        double trainerLoss = loss.Total - loss.Regularization;
        output.WriteLine($"data loss: trainer {trainerLoss:G9}, reference {referenceLoss:G9}");
        Assert.Equal(referenceLoss, trainerLoss, 1e-4 * Math.Abs(referenceLoss));
        var random = new Random(5);

        foreach (var tensor in trainer.Parameters)
        {
            var values = parameters[tensor.Name];
            var entries = Sample(values.Length, 24, random);
            var numeric = entries.Select(i => Central(values, i, DataLoss)).ToArray();
            Check(tensor.Name, entries, entries.Select(i => (double)tensor.Gradient[i]).ToArray(), numeric);
        }

        var inputGradient = trainer.InputGradient();
        var inputEntries = Sample(planes.Length, 40, random);
        var inputNumeric = inputEntries.Select(i => Central(planes, i, DataLoss)).ToArray();
        Check("input planes", inputEntries, inputEntries.Select(i => (double)inputGradient[i]).ToArray(), inputNumeric);
        Assert.True(allFailures.Count == 0, string.Join("; ", allFailures));
    }

    /// <summary>Up to <paramref name="count"/> distinct indices below <paramref name="length"/>, all of them when there are few.</summary>
    internal static int[] Sample(int length, int count, Random random) =>
        length <= count ? Enumerable.Range(0, length).ToArray() : Enumerable.Range(0, count).Select(_ => random.Next(length)).Distinct().ToArray();

    /// <summary>The central difference (loss(x + h) − loss(x − h)) / 2h in entry <paramref name="index"/>, h = 1e-6.</summary>
    internal static double Central(double[] values, int index, Func<double> loss)
    {
        double original = values[index];
        values[index] = original + Step;
        double plus = loss();
        values[index] = original - Step;
        double minus = loss();
        values[index] = original;
        return (plus - minus) / (2 * Step);
    }

    private void Check(string name, int[] entries, double[] analytic, double[] numeric)
    {
        double largest = numeric.Max(Math.Abs);
        double worst = 0;
        var failures = new List<string>();
        for (int k = 0; k < entries.Length; k++)
        {
            double error = Math.Abs(analytic[k] - numeric[k]);
            double allowed = 2e-3 * Math.Abs(numeric[k]) + 2e-3 * largest;
            worst = Math.Max(worst, error / Math.Max(allowed, 1e-300));
            if (error > allowed && error >= 1e-9) failures.Add($"{name}[{entries[k]}]: analytic {analytic[k]:G9}, numeric {numeric[k]:G9}");
        }
        output.WriteLine($"{name,-28} {entries.Length,3} entries, largest |g| {largest:G3}, worst error / allowed {worst:F3}");
        foreach (var failure in failures) output.WriteLine("  " + failure);
        allFailures.AddRange(failures);
    }
}
