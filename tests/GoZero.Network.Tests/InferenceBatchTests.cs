using GoZero.Engine;

namespace GoZero.Network.Tests;

public class InferenceBatchTests
{
    [Fact]
    public void SoftmaxGivesProbabilitiesInTheLogitsOrder()
    {
        float[] logits = [1f, 2f, 3f];
        var probabilities = new float[logits.Length];
        InferenceBatch.Softmax(logits, probabilities);

        Assert.Equal(1.0, probabilities.Sum(), 1e-6);
        Assert.Equal(Math.E, probabilities[1] / probabilities[0], 1e-5);
        Assert.Equal(Math.E, probabilities[2] / probabilities[1], 1e-5);
        Assert.Throws<ArgumentException>(() => InferenceBatch.Softmax(logits, new float[4]));
    }

    [Fact]
    public void SoftmaxIsStableForHugeLogits()
    {
        float[] logits = [1000f, -1000f, 999f];
        InferenceBatch.Softmax(logits, logits);

        Assert.Equal(1 / (1 + 1 / Math.E), logits[0], 1e-6);
        Assert.Equal(0f, logits[1]);
        Assert.Equal(1.0, logits.Sum(), 1e-6);
    }

    [Fact]
    public void TheOwnershipOfEverySymmetryMapsBackOntoTheStonesItSees()
    {
        // A network whose ownership at a point sees only that point's stone of the side to move (the stem's centre tap
        // from plane 0 into filter 0, the ownership reading filter 0): under every symmetry, mapped back, it must be
        // high exactly on the side to move's stones (White's, after five moves).
        var shape = new NetworkShape(5, 0, 1) { AuxiliaryHeads = true };
        var weights = new NetworkWeights(shape);
        weights.InputConvolution.Weights[4] = 1;
        weights.Ownership!.Weights[0] = 3;
        weights.Ownership.Biases[0] = -1;
        using var model = ModelFactory.OpenInference(weights);
        var game = new Game(5);
        foreach (string move in new[] { "B2", "D4", "A5", "C1", "E3" }) game.Play(Vertex.ParseGtp(move, game.Geometry));
        var batch = new InferenceBatch(model, auxiliary: true);
        batch.Start(1, 8);
        for (int s = 0; s < 8; s++) batch.Encode(0, s, game, s);
        batch.Run();

        var ownership = new float[25];
        batch.CombineAuxiliary(0, ownership);

        var own = new[] { "D4", "C1" }.Select(v => game.Geometry.DenseIndexOf(Vertex.ParseGtp(v, game.Geometry).Point)).ToHashSet();
        for (int i = 0; i < 25; i++) Assert.Equal(own.Contains(i) ? MathF.Tanh(2) : MathF.Tanh(-1), ownership[i], 1e-5f);
        Assert.Throws<ArgumentException>(() => new InferenceBatch(ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 0, 1), 1)), auxiliary: true));
    }

    [Fact]
    public void APositionsOutputsDoNotDependOnItsNeighboursOrItsPlaceInTheBatch()
    {
        using var model = ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 1, 8), seed: 2));
        var games = new[] { new Game(5), new Game(5), new Game(5) };
        games[1].Play(Vertex.ParseGtp("C3", games[1].Geometry));
        games[2].Play(Vertex.ParseGtp("B2", games[2].Geometry));
        games[2].Play(Vertex.ParseGtp("D4", games[2].Geometry));
        var batch = new InferenceBatch(model);
        batch.Start(games.Length, 8);
        for (int i = 0; i < games.Length; i++)
            for (int k = 0; k < 8; k++) batch.Encode(i, k, games[i], k);
        batch.Run();

        var evaluator = new NetworkEvaluator(model);
        var policy = new float[26];
        for (int i = 0; i < games.Length; i++)
        {
            float value = batch.Combine(i, policy);
            var alone = evaluator.EvaluateAllSymmetries(games[i]);
            Assert.Equal(alone.Policy, policy);
            Assert.Equal(alone.Value, value);
        }
    }

    [Fact]
    public void AnInputOutsideTheBatchIsRefused()
    {
        using var model = ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 0, 8), seed: 1));
        var batch = new InferenceBatch(model);
        batch.Start(2, 1);

        Assert.Throws<ArgumentOutOfRangeException>("position", () => batch.Input(2, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>("k", () => batch.Input(0, 1, 0));
        Assert.Throws<ArgumentException>("policy", () => batch.Combine(0, new float[25]));
    }
}
