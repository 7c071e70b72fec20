namespace GoZero.Cli;

/// <summary>The value of a switch that is on by default and can be turned off (<c>--lcb off</c>): the parser reads
/// the names case-insensitively.</summary>
public enum OnOff
{
    On,
    Off,
}
