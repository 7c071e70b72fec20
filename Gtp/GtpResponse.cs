namespace GoZero.Gtp;

/// <summary>One GTP response as a controller reads it: <c>=id body</c> or <c>?id body</c> and the lines after it, up
/// to the empty line. <see cref="Body"/> is the text after the id, its leading spaces removed, lines joined by LF.</summary>
public sealed record GtpResponse(bool Success, string? Id, string Body)
{
    public override string ToString() => $"{(Success ? '=' : '?')}{Id} {Body}";
}
