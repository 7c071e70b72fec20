namespace GoZero.Engine;

/// <summary>
/// SGF text that cannot be read: a syntax error, a property value that makes no sense, or a move the rules refuse.
/// <see cref="Offset"/> is the character offset in the text (for a file, in the decoded text: equal to the byte offset
/// for ASCII files) where the problem starts, or -1 when the game was built in memory rather than read.
/// </summary>
public sealed class SgfFormatException : FormatException
{
    public int Offset { get; }

    /// <summary>1-based line and column of <see cref="Offset"/>, or 0 when not known.</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>What is wrong, without the position.</summary>
    public string Reason { get; }

    /// <summary>The file the text came from, or null for text given directly.</summary>
    public string? Path { get; }

    public SgfFormatException(int offset, string reason, string? path = null, int line = 0, int column = 0, Exception? inner = null)
        : base(Describe(offset, reason, path, line, column), inner)
    {
        Offset = offset;
        Reason = reason;
        Path = path;
        Line = line;
        Column = column;
    }

    /// <summary>An error at <paramref name="offset"/> of <paramref name="text"/>, with its line and column.</summary>
    public static SgfFormatException At(string text, int offset, string reason)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        int line = 1, lineStart = 0;
        for (int i = 0; i < offset; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        return new SgfFormatException(offset, reason, null, line, offset - lineStart + 1);
    }

    /// <summary>The same error, naming the file it was read from.</summary>
    public SgfFormatException InFile(string path) => new(Offset, Reason, path, Line, Column, this);

    private static string Describe(int offset, string reason, string? path, int line, int column)
    {
        string where = offset < 0 ? "" : line > 0 ? $" at offset {offset} (line {line}, column {column})" : $" at offset {offset}";
        return path is null ? $"SGF error{where}: {reason}" : $"{path}: SGF error{where}: {reason}";
    }
}
