using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp.Tests;

/// <summary>The lz-analyze line, Leela Zero's format, written from the search's analysis.</summary>
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
}
