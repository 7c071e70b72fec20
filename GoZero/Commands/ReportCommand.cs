using System.Text;
using GoZero.Cli.Report;
using GoZero.Engine;
using GoZero.SelfPlay;

namespace GoZero.Cli.Commands;

/// <summary>gozero report --run DIR: writes the run's <see cref="RunReport"/> as one HTML page, and with --charts its
/// charts as SVG files.</summary>
public static class ReportCommand
{
    public static int Run(ReportCommandOptions options)
    {
        if ((PathArgument.Empty(options.Run, "--run", "the run's folder") ?? PathArgument.Empty(options.Out, "--out", "the HTML file to write")
             ?? PathArgument.Empty(options.Charts, "--charts", "a folder for the charts")) is { } empty)
            return CommandFailure.Report(empty, ExitCode.BadArguments);
        var layout = new RunLayout(options.Run);
        string output = options.Out ?? layout.ReportPath;
        try
        {
            if (!File.Exists(layout.ConfigPath))
                return CommandFailure.Report($"{options.Run} is not a training run: it has no {Path.GetFileName(layout.ConfigPath)}", ExitCode.BadInput);
            if ((PathArgument.NotWritable(output) ?? (options.Charts is { } charts ? PathArgument.NotAFolder(charts) : null)) is { } notWritable)
                return CommandFailure.Report(notWritable, ExitCode.BadInput);
            var config = TrainingRunConfig.LoadSaved(layout.ConfigPath);
            var ledger = TrainingRun.ReadLedger(layout);
            var selfPlay = SelfPlayWriter.ReadStatistics(layout);
            long games = layout.CountGames();
            string html = RunReport.Build(options.Run, config, ledger, games, selfPlay);
            AtomicFile.Write(output, stream => stream.Write(Encoding.UTF8.GetBytes(html)));
            Console.WriteLine($"wrote {output}: {ledger.Count} generations, {games:N0} self-play games");
            if (options.Charts is { } chartFolder)
            {
                Directory.CreateDirectory(chartFolder);
                foreach (var (file, chart) in RunReport.Charts(ledger))
                {
                    string path = Path.Combine(chartFolder, file);
                    AtomicFile.Write(path, stream => stream.Write(Encoding.UTF8.GetBytes(chart.ToSvg())));
                    Console.WriteLine($"wrote {path}");
                }
            }
            return ExitCode.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
    }
}
