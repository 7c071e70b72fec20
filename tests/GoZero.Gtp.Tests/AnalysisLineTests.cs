using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp.Tests;

/// <summary>The analysis lines, Leela Zero's lz-analyze and KataGo's kata-analyze, written from the search's analysis.</summary>
public sealed class AnalysisLineTests
{
    [Fact]
    public void FormatsLeelaZerosAnalyzeLine()
    {
        var geometry = BoardGeometry.Of(19);
        Move At(string v) => Vertex.ParseGtp(v, geometry);
        var moves = new[]
        {
            new AnalysisMove(At("D4"), 120, 0.5234, 0.1123f, 0.51, 0, [At("D4"), At("Q16")]),
            new AnalysisMove(At("Q16"), 7, 0.4, 0.05f, 0.2, 1, [At("Q16")]),
        };
        Assert.Equal(
            "info move D4 visits 120 winrate 5234 prior 1123 lcb 5100 order 0 pv D4 Q16 " +
            "info move Q16 visits 7 winrate 4000 prior 500 lcb 2000 order 1 pv Q16",
            AnalysisLine.Format(moves, geometry));
    }

    [Fact]
    public void FormatsASearchsSnapshot()
    {
        var game = new Game(5, new RulesOptions(Komi: 0.5));
        var search = new Search(game, new RolloutEvaluator(8, 2), new SearchOptions { MaxPlayouts = 60 });
        search.Run();
        var analysis = search.Analyze();
        string line = AnalysisLine.Format(analysis, game.Geometry);
        Assert.StartsWith("info move " + Vertex.ToGtp(analysis.Moves[0].Move, game.Geometry) + " visits ", line);
        Assert.Equal(analysis.Moves.Count, line.Split("info move ").Length - 1);
    }

    [Fact]
    public void FormatsKataGosAnalyzeLineWithTheScoreWhereThereIsOne()
    {
        var geometry = BoardGeometry.Of(19);
        Move At(string v) => Vertex.ParseGtp(v, geometry);
        var moves = new[]
        {
            new AnalysisMove(At("D4"), 120, 0.5234, 0.1123f, 0.51, 0, [At("D4"), At("Q16")], ScoreLead: 1.25),
            new AnalysisMove(At("Q16"), 7, 0.4, 0.05f, 0.2, 1, [At("Q16")], ScoreLead: -3.5),
        };
        Assert.Equal(
            "info move D4 visits 120 utility 0.0468 winrate 0.5234 scoreMean 1.25 scoreLead 1.25 prior 0.1123 lcb 0.51 order 0 pv D4 Q16 " +
            "info move Q16 visits 7 utility -0.2 winrate 0.4 scoreMean -3.5 scoreLead -3.5 prior 0.05 lcb 0.2 order 1 pv Q16",
            AnalysisLine.FormatKataGo(moves, geometry));
    }

    [Fact]
    public void KataGosLineLeavesTheScoreOutWithoutAScoreHead()
    {
        var geometry = BoardGeometry.Of(9);
        var move = Vertex.ParseGtp("E5", geometry);
        Assert.Equal("info move E5 visits 3 utility 1 winrate 1 prior 0.333333 lcb 0 order 0 pv E5",
            AnalysisLine.FormatKataGo([new AnalysisMove(move, 3, 1, 1f / 3, 0, 0, [move])], geometry));
    }

    [Theory]
    [InlineData(Color.Black, "ownership 0.7 0.8 0.9 0.4 0.5 0.6 0.1 0.2 -0.3")]
    [InlineData(Color.White, "ownership -0.7 -0.8 -0.9 -0.4 -0.5 -0.6 -0.1 -0.2 0.3")]
    public void KataGosOwnershipFollowsTheMovesRowByRowFromTheTopLeftForThePlayerToMove(Color player, string expected)
    {
        var geometry = BoardGeometry.Of(3);
        var move = Vertex.ParseGtp("B2", geometry);
        // Black's view, dense-index order: A1 B1 C1, A2 B2 C2, A3 B3 C3.
        float[] blackOwnership = [0.1f, 0.2f, -0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f];
        var analysis = new SearchAnalysis(4, 4, TimeSpan.Zero, [new AnalysisMove(move, 4, 0.5, 0.5f, 0.25, 0, [move], 0)], false, blackOwnership);
        Assert.Equal("info move B2 visits 4 utility 0 winrate 0.5 scoreMean 0 scoreLead 0 prior 0.5 lcb 0.25 order 0 pv B2 " + expected,
            AnalysisLine.FormatKataGo(analysis, geometry, player, ownership: true));
        Assert.DoesNotContain("ownership", AnalysisLine.FormatKataGo(analysis, geometry, player, ownership: false));
        Assert.DoesNotContain("ownership", AnalysisLine.FormatKataGo(analysis with { BlackOwnership = null }, geometry, player, ownership: true));
    }
}
