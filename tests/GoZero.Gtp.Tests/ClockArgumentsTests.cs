using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp.Tests;

/// <summary>time_settings, kgs-time_settings and time_left: their arguments read into clock values, or refused with
/// the argument at fault.</summary>
public sealed class ClockArgumentsTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
    private static string[] Args(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void TimeSettingsWithStonesIsCanadian()
    {
        var tc = ClockArguments.TimeSettings(Args("600 300 25"));
        Assert.Equal(TimeControlKind.Canadian, tc.Kind);
        Assert.Equal(S(600), tc.MainTime);
        Assert.Equal(S(300), tc.PeriodTime);
        Assert.Equal(25, tc.StonesPerPeriod);
    }

    [Fact]
    public void TimeSettingsWithZeroByoYomiTimeIsAbsolute()
    {
        Assert.Equal(TimeControl.Absolute(S(900)), ClockArguments.TimeSettings(Args("900 0 0")));
        Assert.Equal(TimeControl.Absolute(S(900)), ClockArguments.TimeSettings(Args("900 0 5")));
    }

    [Fact]
    public void TimeSettingsWithByoYomiTimeButNoStonesMeansNoTimeLimit() =>
        Assert.Equal(TimeControl.Unlimited, ClockArguments.TimeSettings(Args("0 1 0")));

    [Fact]
    public void TimeSettingsAllZeroIsAbsoluteWithNoTimeAsTheSpecReads() =>
        Assert.Equal(TimeControl.Absolute(TimeSpan.Zero), ClockArguments.TimeSettings(Args("0 0 0")));

    [Fact]
    public void TimeSettingsAcceptsDecimalSeconds() =>
        Assert.Equal(S(1.5), ClockArguments.TimeSettings(Args("1.5 0 0")).MainTime);

    [Theory]
    [InlineData("", "expected 3 arguments")]
    [InlineData("600 30", "expected 3 arguments")]
    [InlineData("600 30 5 1", "expected 3 arguments")]
    [InlineData("-1 30 5", "main_time -1 is negative")]
    [InlineData("600 -30 5", "byo_yomi_time -30 is negative")]
    [InlineData("600 30 -5", "byo_yomi_stones -5 is negative")]
    [InlineData("ten 30 5", "main_time 'ten' is not a number")]
    [InlineData("600 NaN 5", "byo_yomi_time 'NaN' is not a number")]
    [InlineData("600 Infinity 5", "byo_yomi_time 'Infinity' is not a number")]
    [InlineData("600 30 2.5", "byo_yomi_stones '2.5' is not a whole number")]
    [InlineData("1000000000 30 5", "main_time 1000000000 is more than")]
    [InlineData("600 30 1000000", "more than")]
    public void BadTimeSettingsAreRefusedWithTheReason(string line, string reason)
    {
        var e = Assert.Throws<TimeControlFormatException>(() => ClockArguments.TimeSettings(Args(line)));
        Assert.Equal("time_settings", e.Command);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void KgsTimeSettingsReadsEverySystem()
    {
        Assert.Equal(TimeControl.Unlimited, ClockArguments.KgsTimeSettings(Args("none")));
        Assert.Equal(TimeControl.Absolute(S(300)), ClockArguments.KgsTimeSettings(Args("absolute 300")));
        Assert.Equal(TimeControl.ByoYomi(S(600), S(30), 5), ClockArguments.KgsTimeSettings(Args("byoyomi 600 30 5")));
        Assert.Equal(TimeControl.Canadian(S(600), S(300), 25), ClockArguments.KgsTimeSettings(Args("canadian 600 300 25")));
        Assert.Equal(TimeControl.ByoYomi(S(0), S(10), 3), ClockArguments.KgsTimeSettings(Args("BYOYOMI 0 10 3")));
    }

    [Fact]
    public void KgsByoYomiWithoutPeriodsIsAbsolute()
    {
        Assert.Equal(TimeControl.Absolute(S(600)), ClockArguments.KgsTimeSettings(Args("byoyomi 600 30 0")));
        Assert.Equal(TimeControl.Absolute(S(600)), ClockArguments.KgsTimeSettings(Args("byoyomi 600 0 5")));
    }

    [Fact]
    public void KgsCanadianReadsItsNumbersAsTimeSettingsDoes()
    {
        Assert.Equal(TimeControl.Absolute(S(600)), ClockArguments.KgsTimeSettings(Args("canadian 600 0 25")));
        Assert.Equal(TimeControl.Unlimited, ClockArguments.KgsTimeSettings(Args("canadian 600 300 0")));
    }

    [Theory]
    [InlineData("", "missing the time system")]
    [InlineData("fischer 600 10", "unknown time system 'fischer'")]
    [InlineData("none 5", "'none' takes 0 numbers, got 1")]
    [InlineData("absolute", "'absolute' takes 1 numbers, got 0")]
    [InlineData("absolute 300 10", "'absolute' takes 1 numbers, got 2")]
    [InlineData("byoyomi 600 30", "'byoyomi' takes 3 numbers, got 2")]
    [InlineData("canadian 600 300", "'canadian' takes 3 numbers, got 2")]
    [InlineData("absolute -5", "main_time -5 is negative")]
    [InlineData("byoyomi 600 -30 5", "period_time -30 is negative")]
    [InlineData("byoyomi 600 30 -5", "periods -5 is negative")]
    [InlineData("canadian 600 300 x", "stones 'x' is not a whole number")]
    public void BadKgsTimeSettingsAreRefusedWithTheReason(string line, string reason)
    {
        var e = Assert.Throws<TimeControlFormatException>(() => ClockArguments.KgsTimeSettings(Args(line)));
        Assert.Equal("kgs-time_settings", e.Command);
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("b 10", "expected 3 arguments")]
    [InlineData("red 10 0", "'red' is not a color")]
    [InlineData("b -3 0", "time -3 is negative")]
    [InlineData("b ten 0", "time 'ten' is not a number")]
    [InlineData("b 10 -1", "stones -1 is negative")]
    public void BadTimeLeftIsRefusedWithTheReason(string line, string reason)
    {
        var e = Assert.Throws<TimeControlFormatException>(() => ClockArguments.TimeLeft(Args(line)));
        Assert.Equal("time_left", e.Command);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void TimeLeftReadsThePlayerTheTimeAndTheStones()
    {
        Assert.Equal((Color.Black, S(432.5), 0), ClockArguments.TimeLeft(Args("b 432.5 0")));
        Assert.Equal((Color.White, S(120), 7), ClockArguments.TimeLeft(Args("white 120 7")));
    }
}
