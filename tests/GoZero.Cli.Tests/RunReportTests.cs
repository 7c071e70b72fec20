using GoZero.Cli.Report;
using GoZero.SelfPlay;

namespace GoZero.Cli.Tests;

/// <summary>The report's windowed series, computed from the ledger's running totals.</summary>
public sealed class RunReportTests
{
    private static GenerationRecord Record(int generation, double wallSeconds, long games, long noResign = 0, long falses = 0) =>
        new(generation, $"candidate-{generation:D4}.gzn", 200L * generation, 0.02, games, games * 100, 1000, 3, 2, 1,
            0, 40, 20, 20, 0, 0.5, 0.35, 0.65, 0, false, 0, 0, 0, 0, 0.6, noResign, falses, 10, 10, wallSeconds, DateTime.UnixEpoch);

    [Fact]
    public void GamesPerHourIsMeasuredOverTheWindowNotOneGeneration()
    {
        // Generation 3 came only 60 s after 2 with 500 games (their time lost to a kill): over the 600 s window the
        // rate is moderate, where generation 3 alone would claim 30,000 games an hour.
        var ledger = new[] { Record(1, 600, 100), Record(2, 1200, 200), Record(3, 1260, 700) };
        var series = RunReport.GamesPerHour(ledger).ToList();
        Assert.Equal([(600 / 3600.0, 600.0), (1200 / 3600.0, 600.0), (1260 / 3600.0, 600 * 3600 / 660.0)], series);
    }

    [Fact]
    public void FalseResignationRateCoversAtLeastTheWindowOfPlayedOutGames()
    {
        var ledger = new[]
        {
            Record(1, 100, 10, noResign: 60, falses: 30),
            Record(2, 200, 20, noResign: 120, falses: 33),
            Record(3, 300, 30, noResign: 180, falses: 34),
            Record(4, 400, 40, noResign: 240, falses: 35),
        };
        var series = RunReport.FalseResignationPercent(ledger).ToList();
        Assert.Equal(4, series.Count);
        Assert.Equal(50.0, series[0].Percent);           // from the start: 30 of 60
        Assert.Equal(100.0 * 33 / 120, series[1].Percent); // 120 games back reaches the start
        Assert.Equal(100.0 * 4 / 120, series[2].Percent);  // since generation 1: 4 of 120
        Assert.Equal(100.0 * 2 / 120, series[3].Percent);  // since generation 2: 2 of 120, the early run forgotten
    }

    [Fact]
    public void TheLossChartDrawsTheOwnershipAndScoreLossesOnlyWhereTheLedgerHasThem()
    {
        string LossChart(IReadOnlyList<GenerationRecord> ledger) => RunReport.Charts(ledger).Single(c => c.File == "loss.svg").Chart.ToSvg();
        var plain = new[] { Record(1, 100, 10), Record(2, 200, 20) };
        Assert.DoesNotContain("ownership", LossChart(plain));
        Assert.DoesNotContain(">score<", LossChart(plain));
        var withHeads = plain.Select(r => r with { OwnershipLoss = 0.6 - 0.1 * r.Generation, ScoreLoss = 0.3 }).ToArray();
        string svg = LossChart(withHeads);
        Assert.Contains("ownership", svg);
        Assert.Contains("score", svg);
    }

    [Fact]
    public void TheAnchorEloIsASecondChartWithAnErrorBarPerMatch()
    {
        var plain = new[] { Record(1, 100, 10), Record(2, 200, 20), Record(3, 300, 30) };
        Assert.DoesNotContain(RunReport.Charts(plain), c => c.File == "anchor-elo.svg");

        // A 3-7 match after generation 2 and a sweep after generation 3, whose interval is open above.
        var ledger = plain.Select(r => r.Generation switch
        {
            2 => r.WithAnchor("gnugo --mode gtp --level 10", new MatchSummary(10, 3, 7, 0, 0, 0)),
            3 => r.WithAnchor("gnugo --mode gtp --level 10", new MatchSummary(10, 10, 0, 0, 0, 0)),
            _ => r,
        }).ToArray();
        string svg = RunReport.Charts(ledger).Single(c => c.File == "anchor-elo.svg").Chart.ToSvg();
        Assert.Contains("Elo against gnugo --mode gtp --level 10 (the anchor = 0)", svg);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, "<circle").Count);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(svg, "<path d=\"M").Count);
        Assert.DoesNotContain("NaN", svg);
        Assert.DoesNotContain("Infinity", svg);

        string page = RunReport.Build("run", TrainingRunConfig.Preset9x9, ledger, 30, new SelfPlayStatistics());
        Assert.Contains("<td>3–7</td>", page);
        // The sweep's interval is open above; the 3-7 match's has two finite ends.
        Assert.Contains("to +∞)", page);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "∞"));
    }

    [Fact]
    public void EmptyLedgerGivesEmptySeries()
    {
        Assert.Empty(RunReport.GamesPerHour([]));
        Assert.Empty(RunReport.FalseResignationPercent([]));
    }
}
