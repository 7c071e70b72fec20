using GoZero.Engine;
using GoZero.Engine.Tests;
using GoZero.Network;

namespace GoZero.Mcts.Tests;

public sealed class NetworkPolicyEvaluatorTests : IDisposable
{
    private readonly IInferenceModel net = ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 1, 8), seed: 3));

    public void Dispose() => net.Dispose();

    private static Game Position() => Diagram.Game("""
        . . . . .
        . X O . .
        X O . O .
        . X O . .
        . . . . .
        """, null, Color.Black);

    private static EvaluationRequest Request(Game game)
    {
        var request = new EvaluationRequest(game);
        request.ListLegalMoves();
        return request;
    }

    [Fact]
    public void AveragedPriorsAreNetEvalsMeanRenormalisedOverLegalMovesToTheBit()
    {
        var game = Position();
        var request = Request(game);
        new NetworkPolicyEvaluator(net, averageSymmetries: true).Evaluate([request]);

        // The search and net eval share one path from logits to probabilities (InferenceBatch).
        var expected = new NetworkEvaluator(net).EvaluateAllSymmetries(game);
        var moves = request.Moves.ToArray();
        Assert.DoesNotContain(moves, m => m.IsPlay && game.Current[m.Point] != Color.Empty);
        double legalSum = 0;
        foreach (var move in moves) legalSum += expected.Policy[game.Geometry.PolicyIndexOf(move)];
        for (int i = 0; i < moves.Length; i++)
            Assert.Equal((float)(expected.Policy[game.Geometry.PolicyIndexOf(moves[i])] / legalSum), request.Priors[i]);
        Assert.Equal(expected.Value, request.Value);
    }

    [Fact]
    public void WithTheHeadsItWritesEachLeafsOwnershipAndScoreAndStillAllocatesNothing()
    {
        using var heads = ModelFactory.OpenInference(NetworkWeights.Random(new NetworkShape(5, 1, 8) { AuxiliaryHeads = true }, seed: 3));
        var evaluator = new NetworkPolicyEvaluator(heads, averageSymmetries: true, ownershipAndScore: true);
        Assert.True(evaluator.EvaluatesOwnershipAndScore);
        var batch = new[] { Request(Position()), Request(new Game(5)) };
        evaluator.Evaluate(batch);
        Assert.Contains(batch[0].Ownership, o => o != 0);
        Assert.All(batch[0].Ownership, o => Assert.InRange(o, -1f, 1f));
        Assert.True(float.IsFinite(batch[0].Score));
        for (int i = 0; i < 200; i++) evaluator.Evaluate(batch);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) evaluator.Evaluate(batch);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        Assert.False(new NetworkPolicyEvaluator(heads).EvaluatesOwnershipAndScore);
        Assert.Throws<ArgumentException>(() => new NetworkPolicyEvaluator(net, ownershipAndScore: true));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SteadyStateEvaluationAllocatesNothing(bool averageSymmetries)
    {
        var evaluator = new NetworkPolicyEvaluator(net, averageSymmetries);
        var batch = new[] { Request(Position()), Request(new Game(5)) };
        // Warm up past tiered compilation (its instrumented tiers may allocate while they run), then measure.
        for (int i = 0; i < 200; i++) evaluator.Evaluate(batch);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++) evaluator.Evaluate(batch);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void ABatchGivesEachPositionWhatItGetsAlone()
    {
        var games = new[] { Position(), new Game(5), Position() };
        games[2].Play(Vertex.ParseGtp("E5", games[2].Geometry));
        var batch = games.Select(Request).ToArray();
        var evaluator = new NetworkPolicyEvaluator(net, averageSymmetries: true);
        evaluator.Evaluate(batch);
        foreach (var (game, batched) in games.Zip(batch))
        {
            var alone = Request(game);
            evaluator.Evaluate([alone]);
            Assert.Equal(alone.Value, batched.Value, 5);
            for (int i = 0; i < alone.MoveCount; i++) Assert.Equal(alone.Priors[i], batched.Priors[i], 5);
            Assert.Equal(1.0, batched.Priors.Take(batched.MoveCount).Sum(p => (double)p), 4);
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 4)]
    public void SearchRunsOnTheNetwork(int threads, int batch)
    {
        var search = new Search(Position(), new NetworkPolicyEvaluator(net, seed: 9),
            new SearchOptions { MaxPlayouts = 200, Threads = threads, BatchSize = batch });
        var result = search.Run();
        Assert.Equal(200, result.RootVisits);
        SearchAccountingTests.AssertTreeConsistent(search.Tree);
    }
}
