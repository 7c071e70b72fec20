namespace GoZero.Gtp.Tests;

/// <summary>gozero gtp --lambda: AlphaGo's mixed leaf value, named in <c>version</c> and the log.</summary>
public sealed class MixedValueTests
{
    [Fact]
    public void WithLambdaTheDefaultNetworksValueIsMixedWithRolloutsAndVersionSaysSo()
    {
        using var gtp = new GtpProcess("--lambda", "0.5", "--playouts", "40");
        gtp.Ok("boardsize 9");
        Assert.Equal("0.1 (network: default-9x9.gzn, 9x9 4x32 +ownership+score, value mixed with rollouts, lambda 0.5)", gtp.Ok("version"));
        gtp.Ok("clear_board");
        Assert.Matches("^[A-HJ][1-9]$", gtp.Ok("genmove b"));
        Assert.Matches("^([A-HJ][1-9]|pass|resign)$", gtp.Ok("genmove w"));
        gtp.AssertErrorContains("lambda 0.5");
    }

    [Fact]
    public void LambdaZeroIsTheNetworkAsBefore()
    {
        using var gtp = new GtpProcess("--lambda", "0", "--playouts", "20");
        gtp.Ok("boardsize 9");
        Assert.Equal("0.1 (network: default-9x9.gzn, 9x9 4x32 +ownership+score)", gtp.Ok("version"));
    }

    [Theory]
    [InlineData("-0.5")]
    [InlineData("1.01")]
    [InlineData("NaN")]
    public void LambdaOutsideZeroToOneIsRefusedWithExitCodeTwo(string lambda)
    {
        var (exitCode, error) = GtpProcess.RunToEnd(Path.GetTempPath(), "gtp", "--lambda", lambda);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("error: --lambda", error);
    }
}
