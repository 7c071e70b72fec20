using CommandLine;
using CommandLine.Text;
using GoZero.Cli.Commands;
using GoZero.Network.Torch;

namespace GoZero.Cli;

/// <summary>The composition root: one verb per file under Commands/, each parsing its options and calling the modules.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var parser = new Parser(settings =>
        {
            settings.HelpWriter = null;
            settings.CaseInsensitiveEnumValues = true;
        });
        var result = parser.ParseArguments(args,
            typeof(GtpOptions), typeof(BenchOptions), typeof(ScoreOptions), typeof(NetOptions), typeof(MatchCommandOptions),
            typeof(SelfPlayCommandOptions), typeof(TrainCommandOptions), typeof(ReportCommandOptions), typeof(WorkerCommandOptions));
        try
        {
            return Run(result);
        }
        catch (Exception e) when (TorchFailure(e) is { } torch)
        {
            // --backend torch where libtorch cannot load: its cause and fix in one line, not a stack trace.
            return CommandFailure.Report(torch.Message, ExitCode.BadInput);
        }
    }

    private static int Run(ParserResult<object> result) =>
        result.MapResult(
            (BenchOptions options) => BenchCommand.Run(options),
            (ScoreOptions options) => ScoreCommand.Run(options),
            (NetOptions options) => NetCommand.Run(options),
            (MatchCommandOptions options) => MatchCommand.Run(options),
            (SelfPlayCommandOptions options) => SelfPlayCommand.Run(options),
            (TrainCommandOptions options) => TrainCommand.Run(options),
            (ReportCommandOptions options) => ReportCommand.Run(options),
            (WorkerCommandOptions options) => WorkerCommand.Run(options),
            (GtpOptions options) => GtpCommand.Run(options),
            errors => ShowHelp(result, errors.ToList()));

    /// <summary>The <see cref="TorchUnavailableException"/> behind an exception, which a worker's task or a type's
    /// initializer may have wrapped.</summary>
    private static TorchUnavailableException? TorchFailure(Exception e) => e switch
    {
        TorchUnavailableException torch => torch,
        AggregateException aggregate => aggregate.InnerExceptions.Select(TorchFailure).FirstOrDefault(t => t is not null),
        { InnerException: { } inner } => TorchFailure(inner),
        _ => null,
    };

    /// <summary>Help or version asked for: printed to stdout, success. Anything else: the errors and the list of verbs
    /// (or the verb's options) to stderr, exit code 2.</summary>
    private static int ShowHelp(ParserResult<object> result, List<Error> errors)
    {
        bool asked = errors.All(e => e is HelpRequestedError or HelpVerbRequestedError or VersionRequestedError);
        bool verbMissing = errors.Any(e => e is BadVerbSelectedError or NoVerbSelectedError) || result.TypeInfo.Current == typeof(NullInstance);
        var help = errors.Any(e => e is VersionRequestedError)
            ? HeadingInfo.Default.ToString()
            : HelpText.AutoBuild(result, h => HelpText.DefaultParsingErrorsHandler(result, h), e => e, verbsIndex: verbMissing).ToString();
        (asked ? Console.Out : Console.Error).WriteLine(help);
        return asked ? ExitCode.Success : ExitCode.BadArguments;
    }
}
