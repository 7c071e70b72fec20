using System.Globalization;
using Spectre.Console;

namespace GoZero.Cli;

/// <summary>
/// How a long verb shows how far it is: a progress bar with the time left on a terminal, or a line every 5 % when the
/// output is redirected (a log, a test); with --json the lines go to stderr, so that stdout is the JSON alone, and no
/// bar is drawn.
/// </summary>
public static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/>, which reports as it goes the fraction done (0 to 1) and a description of
    /// it (counts, a rate).</summary>
    public static T Run<T>(string title, bool json, Func<Action<double, string>, T> work)
    {
        if (!json && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
        {
            T result = default!;
            AnsiConsole.Progress().AutoClear(false).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(title, maxValue: 1);
                    result = work((fraction, description) =>
                    {
                        task.Value = fraction;
                        task.Description = Markup.Escape(description);
                    });
                    task.Value = task.MaxValue;
                });
            return result;
        }
        var lines = json ? Console.Error : Console.Out;
        double next = 0;
        return work((fraction, description) =>
        {
            if (fraction < next) return;
            lines.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{100 * fraction:0}%: {description}"));
            next = fraction + 0.05;
        });
    }
}
