namespace GoZero.Cli.Tests;

/// <summary>Runs the gozero command in-process with its standard output and error captured. Console redirection is
/// process-wide, so every test that uses it belongs to the <see cref="ConsoleCollection"/>.</summary>
public sealed record CommandRun(int ExitCode, string Output, string Error)
{
    public static CommandRun Of(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var (oldOut, oldError) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int exitCode = Program.Main(args);
            return new CommandRun(exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }
}

[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection;
