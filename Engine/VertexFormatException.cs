namespace GoZero.Engine;

/// <summary>A vertex written in GTP or SGF form that does not name a point of the board.</summary>
public sealed class VertexFormatException(string text, string reason)
    : FormatException($"'{text}' is not a vertex: {reason}")
{
    public string Text { get; } = text;
}
