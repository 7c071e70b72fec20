using GoZero.Engine;

namespace GoZero.Gtp.Tests;

/// <summary>The pieces that read a line, in-process: preprocessing, the command split, analysis arguments.</summary>
public sealed class LineParsingTests
{
    [Theory]
    [InlineData("name", "name")]
    [InlineData("name\r", "name")]
    [InlineData("1\tplay\tb\te5", "1 play b e5")]
    [InlineData("play b e5 # the centre", "play b e5 ")]
    [InlineData("na\u0000m\u001be\u007f", "name")]
    [InlineData("\u00e9t\u00e9", "\u00e9t\u00e9")]
    public void PreprocessingKeepsTheCommand(string raw, string cleaned) => Assert.Equal(cleaned, GtpPreprocessor.Clean(raw));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\r")]
    [InlineData("# only a comment")]
    [InlineData("  # indented comment")]
    [InlineData("\u0001\u0002")]
    public void PreprocessingDropsLinesWithNoCommand(string raw) => Assert.Null(GtpPreprocessor.Clean(raw));

    [Fact]
    public void ACommandSplitsIntoIdNameAndArguments()
    {
        var command = GtpCommand.Parse("  42  play   b e5 ");
        Assert.Equal("42", command.Id);
        Assert.Equal("play", command.Name);
        Assert.Equal(["b", "e5"], command.Arguments);
        Assert.Null(GtpCommand.Parse("name").Id);
        Assert.Empty(GtpCommand.Parse("name").Arguments);
        // An id is digits only; anything else is the command name.
        Assert.Null(GtpCommand.Parse("-1 name").Id);
        Assert.Equal("-1", GtpCommand.Parse("-1 name").Name);
        Assert.Equal("", GtpCommand.Parse("7").Name);
    }

    [Theory]
    [InlineData("", null, 100)]
    [InlineData("50", null, 50)]
    [InlineData("b 50", Color.Black, 50)]
    [InlineData("W", Color.White, 100)]
    [InlineData("interval 25", null, 25)]
    [InlineData("white interval 0", Color.White, 0)]
    [InlineData("b interval 50 minmoves 2 maxmoves 10", Color.Black, 50)]
    [InlineData("30 black", Color.Black, 30)]
    [InlineData("b 50 avoid w q16,q17 2 allow b d4 1", Color.Black, 50)]
    [InlineData("b 50 ownership true futureKey 3", Color.Black, 50)]
    public void AnalysisArgumentsAreReadInAnyOrder(string arguments, Color? player, int centiseconds)
    {
        var request = AnalysisRequest.Parse(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(player, request.Player);
        Assert.Equal(TimeSpan.FromMilliseconds(10 * centiseconds), request.Interval);
    }

    [Theory]
    [InlineData("b 50 ownership true", true)]
    [InlineData("ownership True interval 5", true)]
    [InlineData("b 50 ownership false", false)]
    [InlineData("b 50", false)]
    public void KataGosOwnershipKeyIsRead(string arguments, bool ownership) =>
        Assert.Equal(ownership, AnalysisRequest.Parse(arguments.Split(' ')).Ownership);

    [Theory]
    [InlineData("b 50 60")]
    [InlineData("b w")]
    [InlineData("interval")]
    [InlineData("interval -5")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("360001")]
    [InlineData("99999999999999")]
    [InlineData("b 50 minmoves")]
    [InlineData("b 50 avoid w q16")]
    [InlineData("b 50 ???")]
    [InlineData("b 50 ownership")]
    [InlineData("b 50 ownership yes")]
    public void JunkAnalysisArgumentsAreASyntaxError(string arguments)
    {
        var error = Assert.Throws<GtpError>(() => AnalysisRequest.Parse(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        Assert.StartsWith("syntax error", error.Message);
    }
}
