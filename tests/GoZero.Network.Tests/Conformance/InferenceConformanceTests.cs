namespace GoZero.Network.Tests.Conformance;

/// <summary>
/// Every backend's forward pass computes the network of leelazero-format.md §1: its outputs against
/// <see cref="ReferenceNetwork"/>, the same network written plainly in float64, for every thread count.
/// </summary>
public class InferenceConformanceTests
{
    // |ours − reference| ≤ Tolerance · max(1, |reference|): float32 arithmetic against float64.
    private const double Tolerance = 1e-4;

    public static TheoryData<ModelBackend, int, int, int, int> BackendsShapesAndBatches()
    {
        var data = new TheoryData<ModelBackend, int, int, int, int>();
        foreach (var backend in Enum.GetValues<ModelBackend>())
        {
            foreach (var (blocks, filters, size) in new[] { (0, 8, 5), (1, 16, 9), (2, 13, 7), (3, 32, 19), (1, 64, 13), (1, 20, 2), (1, 24, 25) })
                foreach (int batch in new[] { 1, 3, 8 })
                    data.Add(backend, blocks, filters, size, batch);
            // Big enough per convolution that at batch 1 the SIMD backend's threads share each convolution instead of
            // taking boards.
            data.Add(backend, 1, 128, 19, 1);
            data.Add(backend, 1, 90, 25, 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BackendsShapesAndBatches))]
    public void ForwardMatchesTheFloat64ReferenceForEveryThreadCount(ModelBackend backend, int blocks, int filters, int size, int batch)
    {
        var shape = new NetworkShape(size, blocks, filters);
        var weights = TestNetworks.WithBatchNorm(shape, seed: blocks * 1000 + filters * 10 + size);
        var planes = TestNetworks.RandomPlanes(shape, batch, seed: batch);
        int perPosition = TestNetworks.PlanesPerPosition(shape);
        var expected = Enumerable.Range(0, batch)
            .Select(b => ReferenceNetwork.Forward(weights, planes.AsSpan(b * perPosition, perPosition)))
            .ToArray();
        // Guard against a vacuous comparison: the outputs must depend on the input.
        Assert.True(expected[0].PolicyLogits.Distinct().Count() > 1);

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var model = ModelFactory.OpenInference(weights, threads, backend);
            Assert.Equal(shape, model.Description.Shape);
            var (logits, values) = TestNetworks.Run(model, planes, batch);
            for (int b = 0; b < batch; b++)
            {
                for (int i = 0; i < shape.PolicySize; i++)
                    AssertClose(expected[b].PolicyLogits[i], logits[b * shape.PolicySize + i], $"threads {threads}, position {b}, logit {i}");
                AssertClose(expected[b].Value, values[b], $"threads {threads}, position {b}, value");
            }
        }
    }

    public static TheoryData<ModelBackend, int, int, int, int> BackendsAuxiliaryShapesAndBatches()
    {
        var data = new TheoryData<ModelBackend, int, int, int, int>();
        foreach (var backend in Enum.GetValues<ModelBackend>())
        {
            foreach (var (blocks, filters, size) in new[] { (0, 8, 5), (2, 13, 7), (1, 16, 9), (1, 24, 19) })
                foreach (int batch in new[] { 1, 5 })
                    data.Add(backend, blocks, filters, size, batch);
            data.Add(backend, 1, 128, 19, 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BackendsAuxiliaryShapesAndBatches))]
    public void OwnershipAndScoreMatchTheFloat64ReferenceForEveryThreadCount(ModelBackend backend, int blocks, int filters, int size, int batch)
    {
        var shape = new NetworkShape(size, blocks, filters) { AuxiliaryHeads = true };
        AssertEveryHeadMatchesTheReference(backend, TestNetworks.WithBatchNorm(shape, seed: blocks * 1000 + filters * 10 + size), TestNetworks.RandomPlanes(shape, batch, seed: batch + 10), batch);
    }

    /// <summary>Policy, value, ownership and score of a network with the auxiliary heads against the float64
    /// reference for 1 to 3 threads; asking for the auxiliary heads leaves policy and value as they are.</summary>
    private static void AssertEveryHeadMatchesTheReference(ModelBackend backend, NetworkWeights weights, float[] planes, int batch)
    {
        var shape = weights.Shape;
        int perPosition = TestNetworks.PlanesPerPosition(shape);
        var expected = Enumerable.Range(0, batch)
            .Select(b => ReferenceNetwork.Forward(weights, planes.AsSpan(b * perPosition, perPosition)))
            .ToArray();
        Assert.True(expected[0].Ownership!.Distinct().Count() > 1);

        foreach (int threads in new[] { 1, 2, 3 })
        {
            using var model = ModelFactory.OpenInference(weights, threads, backend);
            var (logits, values, ownership, scores) = TestNetworks.RunAll(model, planes, batch);
            var (plainLogits, plainValues) = TestNetworks.Run(model, planes, batch);
            Assert.Equal(plainLogits, logits);
            Assert.Equal(plainValues, values);
            for (int b = 0; b < batch; b++)
            {
                for (int i = 0; i < shape.PolicySize; i++)
                    AssertClose(expected[b].PolicyLogits[i], logits[b * shape.PolicySize + i], $"threads {threads}, position {b}, logit {i}");
                for (int i = 0; i < shape.Area; i++)
                    AssertClose(expected[b].Ownership![i], ownership[b * shape.Area + i], $"threads {threads}, position {b}, ownership {i}");
                AssertClose(expected[b].Score, scores[b], $"threads {threads}, position {b}, score");
                AssertClose(expected[b].Value, values[b], $"threads {threads}, position {b}, value");
            }
        }
    }

    public static TheoryData<ModelBackend, int, int, int, int, int, int> BackendsPoolingShapesAndBatches()
    {
        var data = new TheoryData<ModelBackend, int, int, int, int, int, int>();
        foreach (var backend in Enum.GetValues<ModelBackend>())
        {
            // (blocks, filters, pooling interval, pooled channels, board): every block or every other, channels that
            // do and do not fill a 16-wide vector block, boards with and without a partial Winograd tile.
            foreach (var (blocks, filters, interval, pooled, size) in new[] { (1, 16, 1, 5, 9), (2, 13, 1, 4, 7), (3, 32, 2, 8, 19), (2, 24, 2, 16, 5) })
                foreach (int batch in new[] { 1, 5 })
                    data.Add(backend, blocks, filters, interval, pooled, size, batch);
            // Threads share each convolution at batch 1 here (SIMD): the pooling runs between the shared steps.
            data.Add(backend, 2, 128, 1, 32, 19, 1);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BackendsPoolingShapesAndBatches))]
    public void GlobalPoolingMatchesTheFloat64ReferenceForEveryThreadCount(ModelBackend backend, int blocks, int filters, int interval, int pooled, int size, int batch)
    {
        var shape = new NetworkShape(size, blocks, filters) { AuxiliaryHeads = true, GlobalPoolingInterval = interval, GlobalPoolingChannels = pooled };
        var weights = TestNetworks.WithBatchNorm(shape, seed: blocks * 1000 + filters * 10 + size);
        var planes = TestNetworks.RandomPlanes(shape, batch, seed: batch + 20);
        // Guard against a vacuous comparison: the pooling layers must change the outputs.
        var withoutPooling = NetworkWeights.Random(shape, 0);
        foreach (var (from, to) in weights.Tensors.Zip(withoutPooling.Tensors)) from.CopyTo(to, 0);
        foreach (var layer in withoutPooling.PoolingLayers) Array.Clear(layer.Weights);
        int perPosition = TestNetworks.PlanesPerPosition(shape);
        var pooledValue = ReferenceNetwork.Forward(weights, planes.AsSpan(0, perPosition)).Value;
        Assert.True(Math.Abs(ReferenceNetwork.Forward(withoutPooling, planes.AsSpan(0, perPosition)).Value - pooledValue) > 1e-3, "the pooling layers change the value");

        AssertEveryHeadMatchesTheReference(backend, weights, planes, batch);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void AModelWithTheAuxiliaryHeadsDeclaresThemAndRefusesWrongSpans(ModelBackend backend)
    {
        var shape = new NetworkShape(5, 1, 8) { AuxiliaryHeads = true };
        using var model = ModelFactory.OpenInference(NetworkWeights.Random(shape, 1), backend: backend);
        Assert.Equal([new ModelHead(HeadKind.Policy, 26), new ModelHead(HeadKind.Value, 1), new ModelHead(HeadKind.Ownership, 25), new ModelHead(HeadKind.Score, 1)], model.Description.Heads);
        int planes = TestNetworks.PlanesPerPosition(shape);
        var error = Assert.Throws<ArgumentException>("outputs", () => model.Forward(new float[2 * planes], 2, new ModelOutputs(new float[2 * 26], new float[2], new float[25], new float[2])));
        Assert.Contains("Ownership", error.Message);

        using var plain = ModelFactory.OpenInference(NetworkWeights.Random(shape with { AuxiliaryHeads = false }, 1), backend: backend);
        var refused = Assert.Throws<ArgumentException>("outputs", () => plain.Forward(new float[planes], 1, new ModelOutputs(new float[26], new float[1], default, new float[1])));
        Assert.Contains("no Score head", refused.Message);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void TheDescriptionNamesLeelaZerosInputAndAPolicyAndAValueHead(ModelBackend backend)
    {
        var shape = new NetworkShape(9, 1, 8);
        using var model = ModelFactory.OpenInference(NetworkWeights.Random(shape, 1), backend: backend);

        Assert.Equal(InputEncoding.LeelaZeroPlanes, model.Description.Input);
        Assert.Equal(18 * 81, model.Description.InputLength);
        Assert.Equal([new ModelHead(HeadKind.Policy, 82), new ModelHead(HeadKind.Value, 1)], model.Description.Heads);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public void SpansOfTheWrongLengthAreRefused(ModelBackend backend)
    {
        var shape = new NetworkShape(5, 0, 8);
        using var model = ModelFactory.OpenInference(NetworkWeights.Random(shape, 1), backend: backend);
        int planes = TestNetworks.PlanesPerPosition(shape);
        Assert.Throws<ArgumentException>("inputs", () => model.Forward(new float[2 * planes - 1], 2, new ModelOutputs(new float[2 * shape.PolicySize], new float[2])));
        var policy = Assert.Throws<ArgumentException>("outputs", () => model.Forward(new float[2 * planes], 2, new ModelOutputs(new float[shape.PolicySize], new float[2])));
        Assert.Contains("Policy", policy.Message);
        var value = Assert.Throws<ArgumentException>("outputs", () => model.Forward(new float[2 * planes], 2, new ModelOutputs(new float[2 * shape.PolicySize], new float[3])));
        Assert.Contains("Value", value.Message);
        Assert.Throws<ArgumentOutOfRangeException>("batch", () => model.Forward([], -1, new ModelOutputs([], [])));
    }

    private static void AssertClose(double expected, float actual, string what)
    {
        double error = Math.Abs(actual - expected);
        Assert.True(error <= Tolerance * Math.Max(1, Math.Abs(expected)), $"{what}: expected {expected}, got {actual} (error {error:E2})");
    }
}
