namespace GoZero.Cli.Benchmarks;

/// <summary>How busy the machine was (Linux /proc/loadavg), so that the figures can be read in context.</summary>
public static class LoadAverage
{
    /// <summary>The 1, 5 and 15 minute load averages, or "n/a" where the system does not say.</summary>
    public static string Read()
    {
        try
        {
            return File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
