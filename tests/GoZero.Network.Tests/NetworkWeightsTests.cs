using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Network.Tests;

public class NetworkWeightsTests
{
    [Fact]
    public void TensorsComeInLeelaZeroFileOrder()
    {
        var weights = new NetworkWeights(new NetworkShape(19, 2, 16));
        var sizes = weights.Tensors.Select(t => t.Length).ToList();

        // 18 + 8B tensors (the file adds a version line): input conv (4), 4 per block convolution, policy (6), value (8).
        Assert.Equal(18 + 8 * 2, sizes.Count);
        Assert.Equal([18 * 9 * 16, 16, 16, 16], sizes.Take(4));
        Assert.Equal([16 * 16 * 9, 16, 16, 16], sizes.Skip(4).Take(4));
        Assert.Equal([2 * 16, 2, 2, 2, 362 * 722, 362], sizes.Skip(20).Take(6));
        Assert.Equal([16, 1, 1, 1, 256 * 361, 256, 256, 1], sizes.Skip(26));
    }

    [Fact]
    public void RandomNetworksAreSeededAndScaledByFanIn()
    {
        var shape = new NetworkShape(9, 1, 32);
        var a = NetworkWeights.Random(shape, seed: 7);
        var b = NetworkWeights.Random(shape, seed: 7);
        var c = NetworkWeights.Random(shape, seed: 8);

        Assert.Equal(a.Tensors.SelectMany(t => t), b.Tensors.SelectMany(t => t));
        Assert.NotEqual(a.Tensors.SelectMany(t => t), c.Tensors.SelectMany(t => t));
        var tower = a.Blocks[0].First.Weights;
        double variance = tower.Select(w => (double)w * w).Average();
        Assert.InRange(variance, 0.8 * 2.0 / (32 * 9), 1.2 * 2.0 / (32 * 9));
        Assert.All(a.Convolutions, conv => Assert.All(conv.Variances, v => Assert.Equal(1f, v)));
    }

    [Theory]
    [InlineData(1, 6, 64)]
    [InlineData(26, 6, 64)]
    [InlineData(19, -1, 64)]
    [InlineData(19, 6, 0)]
    public void ImpossibleShapesAreRefused(int board, int blocks, int filters)
    {
        Assert.Throws<ArgumentException>(() => new NetworkShape(board, blocks, filters).Validated());
    }

    [Fact]
    public void MultiplyAddsMatchTheArchitecture()
    {
        // 19×19, 6×64: stem 18·64·9·361, tower 12·64·64·9·361, heads 3·64·361, policy FC 722·362, value FCs 361·256+256.
        long expected = 18L * 64 * 9 * 361 + 12L * 64 * 64 * 9 * 361 + 3L * 64 * 361 + 722L * 362 + 361L * 256 + 256;
        Assert.Equal(expected, new NetworkShape(19, 6, 64).MultiplyAddsPerPosition);
    }

    [Theory]
    [InlineData(2, 0, 1)]
    [InlineData(9, 1, 8)]
    [InlineData(19, 3, 16)]
    public void TensorLengthsAreTheLengthsOfTheTensorsWithoutAllocatingThem(int board, int blocks, int filters)
    {
        var shape = new NetworkShape(board, blocks, filters);
        var weights = new NetworkWeights(shape);

        Assert.Equal(weights.Tensors.Select(t => (long)t.Length), NetworkWeights.TensorLengths(shape));
        Assert.Equal(weights.Tensors.Sum(t => (long)t.Length), NetworkWeights.ParameterCount(shape));
    }

    /// <summary>Adding the heads to a network trained without them keeps its policy and value exactly (pooling
    /// blocks included), gives the heads their He-normal start, and is the same for the same seed.</summary>
    [Fact]
    public void AddingTheHeadsKeepsThePolicyAndValueExactly()
    {
        var plain = NetworkWeights.Random(new NetworkShape(5, 2, 8) { GlobalPoolingInterval = 2, GlobalPoolingChannels = 3 }, seed: 7);
        var grown = plain.WithAuxiliaryHeads(seed: 1);
        Assert.True(grown.Shape.AuxiliaryHeads);
        Assert.Equal(plain.Shape with { AuxiliaryHeads = true }, grown.Shape);
        Assert.Contains(grown.Ownership!.Weights, w => w != 0);
        Assert.Contains(grown.Score!.Weights, w => w != 0);
        Assert.Equal(grown.Tensors.SelectMany(t => t), plain.WithAuxiliaryHeads(seed: 1).Tensors.SelectMany(t => t));

        var game = new Game(5);
        foreach (string move in new[] { "C3", "B2", "D4" }) game.Play(Vertex.ParseGtp(move, game.Geometry));
        using var before = ModelFactory.OpenInference(plain);
        using var after = ModelFactory.OpenInference(grown);
        var a = new NetworkEvaluator(before).Evaluate(game);
        var b = new NetworkEvaluator(after).Evaluate(game);
        Assert.Equal(a.Policy, b.Policy);
        Assert.Equal(a.Value, b.Value);
        Assert.Throws<InvalidOperationException>(() => grown.WithAuxiliaryHeads(seed: 1));
    }
}
