namespace GoZero.Network;

/// <summary>
/// A network file that cannot be read: missing, unreadable, not a network, or malformed. The message names the path,
/// the line where there is one (Leela Zero text), and the problem; nothing of a file that fails is ever returned.
/// </summary>
public class NetworkFormatException : Exception
{
    public string Path { get; }

    /// <summary>The 1-based line of a text file the problem is on, if it is on one.</summary>
    public int? Line { get; }

    public string Reason { get; }

    public NetworkFormatException(string path, int? line, string reason, Exception? inner = null)
        : base((path.Length == 0 ? "" : $"{path}: ") + (line is int n ? $"line {n}: {reason}" : reason), inner)
    {
        Path = path;
        Line = line;
        Reason = reason;
    }
}
