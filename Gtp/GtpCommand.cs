namespace GoZero.Gtp;

/// <summary>
/// One command line after preprocessing: the optional numeric id (kept as the digits it was written with, so that an
/// id of any length is echoed exactly), the command name and its arguments, split on spaces.
/// </summary>
public sealed record GtpCommand(string? Id, string Name, IReadOnlyList<string> Arguments)
{
    /// <summary>Splits a line <see cref="GtpPreprocessor.Clean"/> returned. A line holding only an id has an empty
    /// name (no command is called that).</summary>
    public static GtpCommand Parse(string cleanedLine)
    {
        var tokens = cleanedLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        int first = 0;
        string? id = null;
        if (tokens.Length > 0 && tokens[0].All(char.IsAsciiDigit))
        {
            id = tokens[0];
            first = 1;
        }
        string name = first < tokens.Length ? tokens[first] : "";
        return new GtpCommand(id, name, tokens.Length > first + 1 ? tokens[(first + 1)..] : []);
    }
}
