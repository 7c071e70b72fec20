namespace GoZero.Gtp.Tests;

/// <summary>One GTP response: <c>=id body</c> or <c>?id body</c> and the lines after it, up to the empty line.</summary>
public sealed record GtpResponse(bool Success, string? Id, string Body)
{
    public override string ToString() => $"{(Success ? '=' : '?')}{Id} {Body}";
}
