using CommandLine;

namespace GoZero.Cli.Commands;

[Verb("report", HelpText = "Write a training run's report: one HTML page with its charts and ledger.")]
public sealed class ReportCommandOptions
{
    [Option("run", Required = true, HelpText = "The run's folder.")]
    public string Run { get; set; } = "";

    [Option("out", HelpText = "The HTML file to write (default: report.html in the run's folder).")]
    public string? Out { get; set; }

    [Option("charts", HelpText = "Also write each chart as a standalone SVG file in this folder (elo.svg, loss.svg, games-per-hour.svg, false-resignations.svg), for a README or a slide.")]
    public string? Charts { get; set; }
}
