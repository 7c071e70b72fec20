using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class MixedValueEvaluatorTests
{
    /// <summary>Writes a fixed value from the player to move's view (<paramref name="blackValue"/> for Black, its
    /// negation for White), and priors that grow with the move's index, or uniform ones as the rollout evaluator does;
    /// counts the positions it is asked about.</summary>
    private sealed class FixedEvaluator(float blackValue, bool uniformPriors) : IEvaluator
    {
        public int Positions;

        public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
        {
            Positions += batch.Length;
            foreach (var request in batch)
            {
                int count = request.MoveCount;
                float total = count * (count + 1) / 2f;
                for (int m = 0; m < count; m++) request.Priors[m] = uniformPriors ? 1f / count : (m + 1) / total;
                request.Value = request.Game.ToMove == Color.Black ? blackValue : -blackValue;
            }
        }
    }

    private static EvaluationRequest Request(params string[] moves)
    {
        var game = new Game(5);
        foreach (string move in moves) game.Play(Vertex.ParseGtp(move, game.Geometry));
        var request = new EvaluationRequest(game);
        request.ListLegalMoves();
        return request;
    }

    private static (MixedValueEvaluator Mixed, FixedEvaluator Network, FixedEvaluator Rollouts) Mixed(double lambda) =>
        Mixed(lambda, 0.6f, -0.2f);

    private static (MixedValueEvaluator Mixed, FixedEvaluator Network, FixedEvaluator Rollouts) Mixed(double lambda, float v, float z)
    {
        var network = new FixedEvaluator(v, uniformPriors: false);
        var rollouts = new FixedEvaluator(z, uniformPriors: true);
        return (new MixedValueEvaluator(network, rollouts, lambda), network, rollouts);
    }

    [Theory]
    [InlineData(0.0, 0.6f)]
    [InlineData(0.5, 0.2f)]
    [InlineData(1.0, -0.2f)]
    public void ValueIsTheNetworksAndTheRolloutsWeightedByLambda(double lambda, float expected)
    {
        var (mixed, _, _) = Mixed(lambda);
        var request = Request();
        mixed.Evaluate([request]);
        Assert.Equal(expected, request.Value, 1e-6f);
    }

    [Fact]
    public void LambdaZeroIsTheNetworkAloneWithoutRollouts()
    {
        var (mixed, _, rollouts) = Mixed(0);
        var alone = new FixedEvaluator(0.6f, uniformPriors: false);
        var viaMix = Request("C3");
        var direct = Request("C3");
        mixed.Evaluate([viaMix]);
        alone.Evaluate([direct]);
        Assert.Equal(direct.Value, viaMix.Value);
        Assert.Equal(direct.Priors, viaMix.Priors);
        Assert.Equal(0, rollouts.Positions);
    }

    [Fact]
    public void LambdaOneIsTheRolloutValueExactlyWithTheNetworksPriors()
    {
        var (mixed, network, _) = Mixed(1, 0.9f, -0.375f);
        var request = Request();
        mixed.Evaluate([request]);
        Assert.Equal(-0.375f, request.Value);
        Assert.Equal(1, network.Positions); // the network still gives the priors
        var networkOnly = Request();
        network.Evaluate([networkOnly]);
        Assert.Equal(networkOnly.Priors.Take(networkOnly.MoveCount), request.Priors.Take(request.MoveCount));
    }

    [Fact]
    public void PriorsAreTheNetworksNotTheRolloutsUniformOnes()
    {
        var (mixed, _, _) = Mixed(0.5);
        var request = Request();
        mixed.Evaluate([request]);
        var priors = request.Priors.AsSpan(0, request.MoveCount);
        Assert.True(priors[^1] > priors[0]);
        Assert.Equal(1.0, priors.ToArray().Sum(p => (double)p), 1e-5);
    }

    [Fact]
    public void EachColourGetsTheMixFromItsOwnView()
    {
        var (mixed, _, _) = Mixed(0.5, 0.8f, 0.4f);
        var blackToMove = Request();
        var whiteToMove = Request("C3");
        mixed.Evaluate([blackToMove, whiteToMove]);
        Assert.Equal(0.6f, blackToMove.Value, 1e-6f);
        Assert.Equal(-0.6f, whiteToMove.Value, 1e-6f);
    }

    [Fact]
    public void ABatchIsMixedPositionByPositionWithOneCallOfEach()
    {
        var (mixed, network, rollouts) = Mixed(0.25, 1f, -1f);
        EvaluationRequest[] batch = [Request(), Request("C3"), Request("C3", "B2"), Request("C3", "B2", "D4")];
        mixed.Evaluate(batch);
        Assert.Equal(4, network.Positions);
        Assert.Equal(4, rollouts.Positions);
        // (1 − ¼)·v + ¼·z with v = ±1 and z = ∓1 from the mover's view: ±0.5.
        Assert.Equal([0.5f, -0.5f, 0.5f, -0.5f], batch.Select(r => r.Value));
    }

    [Fact]
    public void MixWithRealRolloutsStaysAWinRate()
    {
        var mixed = new MixedValueEvaluator(new FixedEvaluator(1f, uniformPriors: false), new RolloutEvaluator(playouts: 4, seed: 7), 0.5);
        var request = Request("C3", "B2"); // Black to move, the network's value +1
        mixed.Evaluate([request]);
        Assert.InRange(request.Value, 0f, 1f); // ½ + ½·z, z a mean of four results in [−1, 1]
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void LambdaOutsideZeroToOneIsRefused(double lambda)
    {
        Assert.False(MixedValueEvaluator.IsValidLambda(lambda));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MixedValueEvaluator(new RolloutEvaluator(), new RolloutEvaluator(), lambda));
    }
}
