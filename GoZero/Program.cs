using CommandLine;
using GoZero.Cli.Commands;

namespace GoZero.Cli;

/// <summary>The composition root: one verb per file under Commands/, each parsing its options and calling the modules.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var parser = new Parser(settings =>
        {
            settings.HelpWriter = Console.Error;
            settings.CaseInsensitiveEnumValues = true;
        });
        return parser.ParseArguments(args, typeof(BenchOptions), typeof(ScoreOptions))
            .MapResult(
                (BenchOptions options) => BenchCommand.Run(options),
                (ScoreOptions options) => ScoreCommand.Run(options),
                _ => 2);
    }
}
