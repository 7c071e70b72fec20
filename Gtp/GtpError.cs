namespace GoZero.Gtp;

/// <summary>
/// A command that fails the way the GTP v2 specification says it fails: the message is what follows <c>?</c> in the
/// response, starting with the spec's wording ("illegal move", "syntax error", "cannot undo", …) so that controllers
/// that look for those words find them, and possibly followed by a reason for a person reading the log.
/// </summary>
public sealed class GtpError(string message) : Exception(message)
{
    public static GtpError Syntax(string reason) => new($"syntax error: {reason}");
}
