using System.Globalization;
using System.Net;
using System.Text;
using GoZero.SelfPlay;

namespace GoZero.Cli.Report;

/// <summary>A training run's report: one self-contained HTML page (inline SVG, no script, no network) with the run's
/// Elo by generation, losses by step, self-play throughput, false resignations and the ledger as a table.</summary>
public static class RunReport
{
    /// <summary>The report's charts, each with the file name <c>--charts</c> gives it.</summary>
    public static IReadOnlyList<(string File, SvgLineChart Chart)> Charts(IReadOnlyList<GenerationRecord> ledger)
    {
        var elo = new SvgLineChart("Elo by generation (random network = 0)", "generation", "Elo")
            .Add("candidate", ledger.Select(r => ((double)r.Generation, r.Elo)))
            .Add("best network", new[] { (0.0, 0.0) }.Concat(ledger.Select(r => ((double)r.Generation, r.BestElo))), steps: true);
        var losses = new SvgLineChart("Training loss by step (mean over each generation)", "training step", "loss")
            .Add("total", ledger.Select(r => ((double)r.TrainingSteps, r.TotalLoss)))
            .Add("policy", ledger.Select(r => ((double)r.TrainingSteps, r.PolicyLoss)))
            .Add("value", ledger.Select(r => ((double)r.TrainingSteps, r.ValueLoss)));
        // KataGo's auxiliary losses, unweighted, where the run's networks have the heads (issue 18).
        if (ledger.Any(r => r.OwnershipLoss is not null))
            losses.Add("ownership", ledger.Where(r => r.OwnershipLoss is not null).Select(r => ((double)r.TrainingSteps, r.OwnershipLoss!.Value)));
        if (ledger.Any(r => r.ScoreLoss is not null))
            losses.Add("score", ledger.Where(r => r.ScoreLoss is not null).Select(r => ((double)r.TrainingSteps, r.ScoreLoss!.Value)));
        var throughput = new SvgLineChart($"Self-play games per hour (over the last {ThroughputWindowSeconds / 60} minutes)", "run time (hours)", "games / hour")
            .Add("games per hour", GamesPerHour(ledger));
        var resignations = new SvgLineChart($"False resignations in the last {ResignationWindowGames}+ played-out games", "generation", "%")
            .Add("false resignations", FalseResignationPercent(ledger))
            .Add("5% target", ledger.Count == 0 ? [] : new[] { ((double)ledger[0].Generation, 5.0), ((double)ledger[^1].Generation, 5.0) });
        var charts = new List<(string, SvgLineChart)> { ("elo.svg", elo), ("loss.svg", losses), ("games-per-hour.svg", throughput), ("false-resignations.svg", resignations) };
        // The second Elo curve (issue 20): the best network against a fixed outside engine, with its 95% interval.
        var anchored = ledger.Where(r => r.AnchorGames is not null).ToList();
        if (anchored.Count > 0)
        {
            string engines = string.Join(", ", anchored.Select(r => r.AnchorEngine).Distinct());
            charts.Add(("anchor-elo.svg", new SvgLineChart($"Elo against {engines} (the anchor = 0), 95% interval", "generation", "Elo")
                .AddWithIntervals("best network", anchored.Select(r => ((double)r.Generation, r.AnchorElo!.Value,
                    MatchSummary.Elo(r.AnchorScoreLow!.Value), MatchSummary.Elo(r.AnchorScoreHigh!.Value))))));
        }
        return charts;
    }

    /// <summary>Throughput is measured over this much run time, so that one short generation does not spike it.</summary>
    public const int ThroughputWindowSeconds = 600;

    /// <summary>The false-resignation rate is measured over at least this many played-out games, as the resignation
    /// threshold is calibrated over the recent ones (a run-long average would hide that the calibration caught up).</summary>
    public const int ResignationWindowGames = 100;

    /// <summary>Per generation (at its run time in hours), the self-play games per hour between it and the last
    /// generation at least <see cref="ThroughputWindowSeconds"/> earlier (or the start).</summary>
    public static IEnumerable<(double Hours, double GamesPerHour)> GamesPerHour(IReadOnlyList<GenerationRecord> ledger) =>
        Windowed(ledger, r => r.WallSeconds, ThroughputWindowSeconds)
            .Where(w => w.Seconds > 0)
            .Select(w => (w.Last.WallSeconds / 3600, w.Games * 3600 / w.Seconds));

    /// <summary>Per generation, the share (in %) of played-out games that would have been false resignations among
    /// those since the last generation at least <see cref="ResignationWindowGames"/> games earlier (or the start).</summary>
    public static IEnumerable<(double Generation, double Percent)> FalseResignationPercent(IReadOnlyList<GenerationRecord> ledger) =>
        Windowed(ledger, r => r.NoResignGames, ResignationWindowGames)
            .Where(w => w.NoResignGames > 0)
            .Select(w => ((double)w.Last.Generation, 100.0 * w.FalseResignations / w.NoResignGames));

    /// <summary>For each generation, the ledger's running totals since the last generation whose
    /// <paramref name="measure"/> is at least <paramref name="window"/> smaller (or since the start).</summary>
    private static IEnumerable<(GenerationRecord Last, double Seconds, double Games, double NoResignGames, double FalseResignations)> Windowed(
        IReadOnlyList<GenerationRecord> ledger, Func<GenerationRecord, double> measure, double window)
    {
        for (int i = 0; i < ledger.Count; i++)
        {
            int j = i - 1;
            while (j >= 0 && measure(ledger[i]) - measure(ledger[j]) < window) j--;
            var first = j >= 0 ? ledger[j] : null;
            yield return (ledger[i], ledger[i].WallSeconds - (first?.WallSeconds ?? 0), ledger[i].SelfPlayGames - (first?.SelfPlayGames ?? 0),
                ledger[i].NoResignGames - (first?.NoResignGames ?? 0), ledger[i].FalseResignations - (first?.FalseResignations ?? 0));
        }
    }

    /// <param name="games">The finished games in the run, counted on disk (<see cref="RunLayout.CountGames"/>).</param>
    /// <param name="selfPlay">The counts of the run's own self-play (selfplay.json).</param>
    public static string Build(string runFolder, TrainingRunConfig config, IReadOnlyList<GenerationRecord> ledger, long games, SelfPlayStatistics selfPlay)
    {

        var page = new StringBuilder();
        string name = Path.GetFileName(Path.GetFullPath(runFolder).TrimEnd(Path.DirectorySeparatorChar));
        page.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">");
        page.Append($"<title>GoZero run {Html(name)}</title>");
        page.Append("<style>body{font-family:system-ui,sans-serif;margin:2em;color:#222;max-width:1400px}h1{font-size:1.5em}" +
                    ".charts{display:flex;flex-wrap:wrap;gap:1em}table{border-collapse:collapse;font-size:.85em}" +
                    "td,th{border:1px solid #ccc;padding:.2em .5em;text-align:right}th{background:#f4f4f4}pre{background:#f8f8f8;padding:1em;font-size:.8em}</style>");
        page.Append("</head><body>");
        page.Append($"<h1>GoZero training run <code>{Html(name)}</code></h1>");
        var best = ledger.LastOrDefault(r => r.Promoted);
        double hours = ledger.Count == 0 ? 0 : ledger[^1].WallSeconds / 3600;
        page.Append(Invariant($"<p>{config.BoardSize}×{config.BoardSize}, network {config.Blocks} blocks × {config.Filters} filters{(config.OwnershipAndScore ? " with ownership and score heads" : "")}, preset {Html(config.Preset)}. ")
            + Invariant($"{ledger.Count} generations in {hours:0.00} hours; {games:N0} self-play games, {selfPlay.Samples:N0} samples. ")
            + (best is null ? "No candidate promoted yet: the best network is the random one of generation 0."
                : Invariant($"Best network: generation {best.Generation} ({Html(best.Candidate)}), Elo {best.Elo:+0;-0;0} over the random network."))
            + "</p>");
        page.Append("<div class=\"charts\">");
        foreach (var (_, chart) in Charts(ledger)) page.Append(chart.ToSvg());
        page.Append("</div>");
        page.Append("<h2>Generations</h2><table><tr><th>gen</th><th>steps</th><th>games</th><th>loss</th><th>policy</th><th>value</th>" +
                    "<th>vs gen</th><th>W–L</th><th>score (95%)</th><th>promoted</th><th>Elo</th><th>vs anchor</th><th>anchor Elo (95%)</th><th>games/h</th><th>hours</th></tr>");
        foreach (var r in ledger)
            page.Append(Invariant($"<tr><td>{r.Generation}</td><td>{r.TrainingSteps:N0}</td><td>{r.SelfPlayGames:N0}</td><td>{r.TotalLoss:0.000}</td><td>{r.PolicyLoss:0.000}</td><td>{r.ValueLoss:0.000}</td>")
                + Invariant($"<td>{r.OpponentGeneration}</td><td>{r.GatingWins}–{r.GatingLosses}{(r.GatingDraws > 0 ? $" ({r.GatingDraws} draws)" : "")}</td><td>{100 * r.GatingScore:0}% ({100 * r.GatingScoreLow:0}–{100 * r.GatingScoreHigh:0})</td>")
                + Invariant($"<td>{(r.Promoted ? "yes" : "")}</td><td>{r.Elo:+0;-0;0}</td>{AnchorCells(r)}<td>{r.GamesPerHour:0}</td><td>{r.WallSeconds / 3600:0.00}</td></tr>"));
        page.Append("</table>");
        page.Append($"<h2>Settings</h2><pre>{Html(config.ToJson())}</pre>");
        page.Append($"<p>Written by gozero report on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.</p></body></html>");
        return page.ToString();
    }

    /// <summary>The anchor match's two cells: the best network's wins and losses, its Elo over the anchor with the
    /// interval; empty where no anchor match followed the generation.</summary>
    private static string AnchorCells(GenerationRecord r) => r.AnchorGames is null ? "<td></td><td></td>"
        : Invariant($"<td>{r.AnchorWins}–{r.AnchorLosses}{(r.AnchorDraws > 0 ? $" ({r.AnchorDraws} draws)" : "")}</td>")
          + Invariant($"<td>{r.AnchorElo:+0;-0;0} ({MatchSummary.Signed(MatchSummary.Elo(r.AnchorScoreLow!.Value))} to {MatchSummary.Signed(MatchSummary.Elo(r.AnchorScoreHigh!.Value))})</td>");

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
