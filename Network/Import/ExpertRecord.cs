using GoZero.Engine;

namespace GoZero.Network.Import;

/// <summary>
/// One game as a source of expert games gives it: where it is (for messages), its ID (the game id of its samples),
/// how many input bytes it took (for progress), and either the record read or why it could not be read.
/// </summary>
/// <param name="Location">"DIR/2011-01.zip:2011-01 line 17" for a Tygem line, the file's path for an SGF file.</param>
/// <param name="Game">The record, replayed once by <see cref="SgfReader"/> (so every move is legal under its rules);
/// null when it could not be read.</param>
/// <param name="Unreadable"><see cref="SkipReason.Malformed"/> or <see cref="SkipReason.IllegalMove"/> when
/// <paramref name="Game"/> is null.</param>
/// <param name="Problem">What is wrong, naming the file and line, when <paramref name="Game"/> is null.</param>
public sealed record ExpertRecord(string Location, ulong Id, long Bytes, SgfGame? Game, SkipReason? Unreadable = null, string? Problem = null)
{
    public static ExpertRecord Malformed(string location, ulong id, long bytes, string problem) =>
        new(location, id, bytes, null, SkipReason.Malformed, problem);

    /// <summary>A record <see cref="SgfReader"/> refused: an illegal move or malformed, as <see cref="IsIllegalMove"/>
    /// tells.</summary>
    public static ExpertRecord Refused(string location, ulong id, long bytes, SgfFormatException error, string text, string problem) =>
        new(location, id, bytes, null, IsIllegalMove(error, text) ? SkipReason.IllegalMove : SkipReason.Malformed, problem);

    /// <summary>
    /// Whether <paramref name="error"/> is a move the rules refuse rather than text that is not a game. The reader
    /// gives no kind with its errors, but their places differ: <see cref="SgfGame.ToGame"/> reports an illegal move at
    /// its node's ';' (<see cref="SgfMove.NodeOffset"/>), while the parser and the reader report every other problem
    /// at a bracket, an identifier or a value, never at a ';' of a node that parsed.
    /// </summary>
    public static bool IsIllegalMove(SgfFormatException error, string text)
    {
        try
        {
            foreach (var node in SgfParser.Parse(text)[0].MainLine())
                if (node.Offset == error.Offset) return node.Find("B") is not null || node.Find("W") is not null;
            return false;
        }
        catch (SgfFormatException)
        {
            return false;
        }
    }
}
