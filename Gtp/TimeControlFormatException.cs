namespace GoZero.Gtp;

/// <summary>Arguments of a GTP clock command (time_settings, kgs-time_settings, time_left) that cannot be read.</summary>
public sealed class TimeControlFormatException(string command, string reason)
    : FormatException($"{command}: {reason}")
{
    public string Command { get; } = command;
    public string Reason { get; } = reason;
}
