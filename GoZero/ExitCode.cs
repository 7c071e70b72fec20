namespace GoZero.Cli;

/// <summary>The exit codes of every verb: the one place their numbers are written.</summary>
public static class ExitCode
{
    /// <summary>The work was done (help or --version asked for included).</summary>
    public const int Success = 0;

    /// <summary>The input is at fault: a file, a folder, an engine, or the work failed on it.</summary>
    public const int BadInput = 1;

    /// <summary>The command line is at fault: an unknown verb or option, a value out of range; nothing was done.</summary>
    public const int BadArguments = 2;
}
