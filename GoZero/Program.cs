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
        // The Type[] overload keeps verb mode on while there is a single verb.
        return parser.ParseArguments(args, typeof(BenchOptions))
            .MapResult(
                (BenchOptions options) => BenchCommand.Run(options),
                _ => 2);
    }
}
