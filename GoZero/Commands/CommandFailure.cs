namespace GoZero.Cli.Commands;

/// <summary>How every verb ends in failure: "error: MESSAGE" on stderr and an exit code — 1 when the input (a file, a
/// folder, an engine) is at fault, 2 for bad arguments.</summary>
public static class CommandFailure
{
    public const int BadInput = 1;
    public const int BadArguments = 2;

    public static int Report(string message, int exitCode)
    {
        Console.Error.WriteLine($"error: {message}");
        return exitCode;
    }
}
