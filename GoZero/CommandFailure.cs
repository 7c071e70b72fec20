namespace GoZero.Cli;

/// <summary>How every verb ends in failure: "error: MESSAGE" on stderr and an <see cref="ExitCode"/> —
/// <see cref="ExitCode.BadInput"/> when the input (a file, a folder, an engine) is at fault,
/// <see cref="ExitCode.BadArguments"/> for bad arguments.</summary>
public static class CommandFailure
{
    public static int Report(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
