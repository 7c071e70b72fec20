namespace GoZero.Network.Tests;

public class PolicyValueNetTests
{
    // |ours − reference| ≤ Tolerance · max(1, |reference|): float32 arithmetic against float64.
    private const double Tolerance = 1e-4;

    public static TheoryData<int, int, int, int> ShapesAndBatches()
    {
        var data = new TheoryData<int, int, int, int>();
        foreach (var (blocks, filters, size) in new[] { (0, 8, 5), (1, 16, 9), (2, 13, 7), (3, 32, 19), (1, 64, 13), (1, 20, 2), (1, 24, 25) })
            foreach (int batch in new[] { 1, 3, 8 })
                data.Add(blocks, filters, size, batch);
        // Big enough per convolution that at batch 1 the threads share each convolution instead of taking boards.
        data.Add(1, 128, 19, 1);
        data.Add(1, 90, 25, 1);
        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesAndBatches))]
    public void ForwardMatchesTheFloat64ReferenceForEveryThreadCount(int blocks, int filters, int size, int batch)
    {
        var shape = new NetworkShape(size, blocks, filters);
        var weights = RandomNetworkWithBatchNorm(shape, seed: blocks * 1000 + filters * 10 + size);
        var planes = RandomPlanes(shape, batch, seed: batch);
        var expected = Enumerable.Range(0, batch)
            .Select(b => ReferenceNetwork.Forward(weights, planes.AsSpan(b * PlanesPerPosition(shape), PlanesPerPosition(shape))))
            .ToArray();
        // Guard against a vacuous comparison: the outputs must depend on the input.
        Assert.True(expected[0].PolicyLogits.Distinct().Count() > 1);

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var net = new PolicyValueNet(weights, threads);
            var (logits, values) = Run(net, planes, batch);
            for (int b = 0; b < batch; b++)
            {
                for (int i = 0; i < shape.PolicySize; i++)
                    AssertClose(expected[b].PolicyLogits[i], logits[b * shape.PolicySize + i], $"threads {threads}, position {b}, logit {i}");
                AssertClose(expected[b].Value, values[b], $"threads {threads}, position {b}, value");
            }
        }
    }

    [Theory]
    [InlineData(9, 16)]
    [InlineData(19, 32)]
    public void APositionEvaluatesBitForBitTheSameInAnyBatchWithAnyThreadCount(int size, int filters)
    {
        var shape = new NetworkShape(size, 2, filters);
        var weights = RandomNetworkWithBatchNorm(shape, 3);
        var planes = RandomPlanes(shape, 13, seed: 4);
        int perPosition = PlanesPerPosition(shape);
        using var single = new PolicyValueNet(weights, threads: 1);
        var alone = Enumerable.Range(0, 13).Select(b => Run(single, planes.AsSpan(b * perPosition, perPosition).ToArray(), 1)).ToArray();

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var net = new PolicyValueNet(weights, threads);
            foreach (int batch in new[] { 13, 2, 13, 5 })
            {
                var (logits, values) = Run(net, planes.AsSpan(0, batch * perPosition).ToArray(), batch);
                for (int b = 0; b < batch; b++)
                {
                    Assert.Equal(alone[b].Logits, logits.AsSpan(b * shape.PolicySize, shape.PolicySize).ToArray());
                    Assert.Equal(alone[b].Values[0], values[b]);
                }
            }
        }
    }

    [Fact]
    public void ConcurrentForwardCallsGiveTheSameResultsAsSequentialOnes()
    {
        var shape = new NetworkShape(9, 2, 24);
        using var net = new PolicyValueNet(RandomNetworkWithBatchNorm(shape, 5), threads: 2);
        var inputs = Enumerable.Range(0, 4).Select(i => RandomPlanes(shape, 1 + i, seed: 10 + i)).ToArray();
        var expected = inputs.Select((planes, i) => Run(net, planes, 1 + i)).ToArray();

        var failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, caller =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                int which = (caller + repeat) % inputs.Length;
                var (logits, values) = Run(net, inputs[which], 1 + which);
                if (!logits.SequenceEqual(expected[which].Logits) || !values.SequenceEqual(expected[which].Values))
                    Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void SpansOfTheWrongLengthAreRefused()
    {
        var shape = new NetworkShape(5, 0, 8);
        using var net = new PolicyValueNet(NetworkWeights.Random(shape, 1));
        int planes = PlanesPerPosition(shape);
        Assert.Throws<ArgumentException>("planes", () => net.Forward(new float[2 * planes - 1], 2, new float[2 * shape.PolicySize], new float[2]));
        Assert.Throws<ArgumentException>("policyLogits", () => net.Forward(new float[2 * planes], 2, new float[shape.PolicySize], new float[2]));
        Assert.Throws<ArgumentException>("values", () => net.Forward(new float[2 * planes], 2, new float[2 * shape.PolicySize], new float[3]));
        Assert.Throws<ArgumentOutOfRangeException>("batch", () => net.Forward([], -1, [], []));
        Assert.Throws<ArgumentOutOfRangeException>("threads", () => new PolicyValueNet(NetworkWeights.Random(shape, 1), 0));
    }

    [Fact]
    public void SteadyStateForwardAllocatesNothing()
    {
        var shape = new NetworkShape(9, 1, 16);
        using var net = new PolicyValueNet(RandomNetworkWithBatchNorm(shape, 2), threads: 1);
        var planes = RandomPlanes(shape, 2, seed: 1);
        var logits = new float[2 * shape.PolicySize];
        var values = new float[2];
        // Warm up past tiered compilation (its instrumented tiers may allocate while they run), then measure.
        for (int i = 0; i < 200; i++) net.Forward(planes, 2, logits, values);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) net.Forward(planes, 2, logits, values);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void SoftmaxGivesProbabilitiesInTheLogitsOrder()
    {
        float[] logits = [1f, 2f, 3f];
        var probabilities = new float[logits.Length];
        PolicyValueNet.Softmax(logits, probabilities);

        Assert.Equal(1.0, probabilities.Sum(), 1e-6);
        Assert.Equal(Math.E, probabilities[1] / probabilities[0], 1e-5);
        Assert.Equal(Math.E, probabilities[2] / probabilities[1], 1e-5);
        Assert.Throws<ArgumentException>(() => PolicyValueNet.Softmax(logits, new float[4]));
    }

    [Fact]
    public void SoftmaxIsStableForHugeLogits()
    {
        float[] logits = [1000f, -1000f, 999f];
        PolicyValueNet.Softmax(logits, logits);

        Assert.Equal(1 / (1 + 1 / Math.E), logits[0], 1e-6);
        Assert.Equal(0f, logits[1]);
        Assert.Equal(1.0, logits.Sum(), 1e-6);
    }

    private static int PlanesPerPosition(NetworkShape shape) => NetworkShape.InputPlanes * shape.Area;

    private static (float[] Logits, float[] Values) Run(PolicyValueNet net, float[] planes, int batch)
    {
        var logits = new float[batch * net.Shape.PolicySize];
        var values = new float[batch];
        net.Forward(planes, batch, logits, values);
        return (logits, values);
    }

    private static void AssertClose(double expected, float actual, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual} (error {error:E2})");
    }

    /// <summary>A random network whose batch norms do something: random biases and means, variances in [0.5, 2].</summary>
    private static NetworkWeights RandomNetworkWithBatchNorm(NetworkShape shape, int seed)
    {
        var weights = NetworkWeights.Random(shape, seed);
        var random = new Random(seed + 1);
        foreach (var conv in weights.Convolutions)
        {
            for (int o = 0; o < conv.Outputs; o++)
            {
                conv.Biases[o] = (float)(random.NextDouble() - 0.5);
                conv.Means[o] = (float)(random.NextDouble() - 0.5);
                conv.Variances[o] = (float)(0.5 + 1.5 * random.NextDouble());
            }
        }
        foreach (var dense in new[] { weights.PolicyDense, weights.ValueHidden, weights.ValueOutput })
            for (int o = 0; o < dense.Outputs; o++) dense.Biases[o] = (float)(0.2 * (random.NextDouble() - 0.5));
        return weights;
    }

    /// <summary>Random stones in the 16 history planes (about a third of the points each) and a side to move.</summary>
    private static float[] RandomPlanes(NetworkShape shape, int batch, int seed)
    {
        var random = new Random(seed);
        int area = shape.Area;
        var planes = new float[batch * PlanesPerPosition(shape)];
        for (int b = 0; b < batch; b++)
        {
            var position = planes.AsSpan(b * PlanesPerPosition(shape), PlanesPerPosition(shape));
            for (int i = 0; i < 16 * area; i++) position[i] = random.Next(3) == 0 ? 1f : 0f;
            position.Slice((random.Next(2) == 0 ? 16 : 17) * area, area).Fill(1f);
        }
        return planes;
    }
}
