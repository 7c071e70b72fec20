using GoZero.Engine;
using GoZero.Engine.Tests;

namespace GoZero.Mcts.Tests;

public class OwnershipAndScoreSearchTests
{
    private static Game WhiteToMove() => Diagram.Game("""
        . . . . .
        . X . O .
        . X . O .
        . X . O .
        . . . . .
        """, null, Color.White);

    [Fact]
    public void OnePlayoutsOwnershipIsTheRootsNetworkOwnershipFromBlacksView()
    {
        var game = WhiteToMove();
        var model = new InfluenceOwnershipModel(5);
        var request = new EvaluationRequest(game);
        request.ListLegalMoves();
        new NetworkPolicyEvaluator(model, averageSymmetries: true, ownershipAndScore: true).Evaluate([request]);

        var search = new Search(game, new NetworkPolicyEvaluator(model, averageSymmetries: true, ownershipAndScore: true),
            new SearchOptions { MaxPlayouts = 1 });
        search.Run();
        var owners = new float[25];
        Assert.True(search.FillBlackOwnership(owners));
        // The request's ownership is White's (the player to move); the search's is Black's.
        for (int i = 0; i < 25; i++) Assert.Equal(-request.Ownership[i], owners[i], 1e-6f);
        Assert.True(owners[game.Geometry.DenseIndexOf(Diagram.At(game, "A3").Point)] > 0.9f);
        Assert.True(owners[game.Geometry.DenseIndexOf(Diagram.At(game, "E3").Point)] < -0.9f);
    }

    [Fact]
    public void RootMovesAverageTheScoresBackedUpThroughThemFromTheRootMoversView()
    {
        var game = WhiteToMove();
        var search = new Search(game, new NetworkPolicyEvaluator(new InfluenceOwnershipModel(5), averageSymmetries: true, ownershipAndScore: true),
            new SearchOptions { MaxPlayouts = 200 });
        search.Run();
        var analysis = search.Analyze();

        Assert.NotNull(analysis.BlackOwnership);
        foreach (var move in analysis.Moves)
        {
            Assert.NotNull(move.ScoreLead);
            // White, to move, leads by komi on a board the two sides share evenly: every move keeps White ahead.
            Assert.InRange(move.ScoreLead!.Value, 0, 25 + 7.5);
        }
        var best = search.RootMoves()[0];
        Assert.Equal(best.ScoreMean, analysis.Moves[0].ScoreLead!.Value, 1e-9);
    }

    [Fact]
    public void WithoutTheHeadsThereIsNeitherOwnershipNorScore()
    {
        var search = new Search(WhiteToMove(), new RolloutEvaluator(seed: 1), new SearchOptions { MaxPlayouts = 50 });
        search.Run();
        Assert.False(search.HasOwnershipAndScore);
        Assert.False(search.FillBlackOwnership(new float[25]));
        var analysis = search.Analyze();
        Assert.Null(analysis.BlackOwnership);
        Assert.All(analysis.Moves, move => Assert.Null(move.ScoreLead));
    }

    [Fact]
    public void PlayingAMoveStartsTheOwnershipAfresh()
    {
        var game = WhiteToMove();
        var search = new Search(game, new NetworkPolicyEvaluator(new InfluenceOwnershipModel(5), ownershipAndScore: true),
            new SearchOptions { MaxPlayouts = 20 });
        search.Run();
        search.Play(Diagram.At(game, "C3"));
        Assert.False(search.FillBlackOwnership(new float[25]));
    }
}
