using GoZero.Network.Simd;

namespace GoZero.Network.Tests.Simd;

/// <summary>What the SIMD backend promises beyond the contract (<see cref="Conformance.InferenceConformanceTests"/>):
/// outputs to the bit whatever the batch and thread count, and no allocation once warm.</summary>
public class PolicyValueNetTests
{
    [Theory]
    [InlineData(9, 16)]
    [InlineData(19, 32)]
    public void APositionEvaluatesBitForBitTheSameInAnyBatchWithAnyThreadCount(int size, int filters)
    {
        var shape = new NetworkShape(size, 2, filters);
        var weights = TestNetworks.WithBatchNorm(shape, 3);
        var planes = TestNetworks.RandomPlanes(shape, 13, seed: 4);
        int perPosition = TestNetworks.PlanesPerPosition(shape);
        using var single = new PolicyValueNet(weights, threads: 1);
        var alone = Enumerable.Range(0, 13).Select(b => TestNetworks.Run(single, planes.AsSpan(b * perPosition, perPosition).ToArray(), 1)).ToArray();

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var net = new PolicyValueNet(weights, threads);
            foreach (int batch in new[] { 13, 2, 13, 5 })
            {
                var (logits, values) = TestNetworks.Run(net, planes.AsSpan(0, batch * perPosition).ToArray(), batch);
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
        using var net = new PolicyValueNet(TestNetworks.WithBatchNorm(shape, 5), threads: 2);
        var inputs = Enumerable.Range(0, 4).Select(i => TestNetworks.RandomPlanes(shape, 1 + i, seed: 10 + i)).ToArray();
        var expected = inputs.Select((planes, i) => TestNetworks.Run(net, planes, 1 + i)).ToArray();

        var failures = 0;
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, caller =>
        {
            for (int repeat = 0; repeat < 20; repeat++)
            {
                int which = (caller + repeat) % inputs.Length;
                var (logits, values) = TestNetworks.Run(net, inputs[which], 1 + which);
                if (!logits.SequenceEqual(expected[which].Logits) || !values.SequenceEqual(expected[which].Values))
                    Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }

    [Fact]
    public void AThreadCountOutsideOneTo256IsRefused()
    {
        var weights = NetworkWeights.Random(new NetworkShape(5, 0, 8), 1);
        Assert.Throws<ArgumentOutOfRangeException>("threads", () => new PolicyValueNet(weights, 0));
        Assert.Throws<ArgumentOutOfRangeException>("threads", () => new PolicyValueNet(weights, 257));
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void SteadyStateForwardAllocatesNothing(bool auxiliaryHeads, bool globalPooling)
    {
        var shape = new NetworkShape(9, 1, 16) { AuxiliaryHeads = auxiliaryHeads, GlobalPoolingInterval = globalPooling ? 1 : 0, GlobalPoolingChannels = globalPooling ? 5 : 0 };
        using var net = new PolicyValueNet(TestNetworks.WithBatchNorm(shape, 2), threads: 1);
        var planes = TestNetworks.RandomPlanes(shape, 2, seed: 1);
        var logits = new float[2 * shape.PolicySize];
        var values = new float[2];
        var ownership = new float[auxiliaryHeads ? 2 * shape.Area : 0];
        var scores = new float[auxiliaryHeads ? 2 : 0];
        // Warm up past tiered compilation (its instrumented tiers may allocate while they run), then measure.
        for (int i = 0; i < 200; i++) net.Forward(planes, 2, new ModelOutputs(logits, values, ownership, scores));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) net.Forward(planes, 2, new ModelOutputs(logits, values, ownership, scores));
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
