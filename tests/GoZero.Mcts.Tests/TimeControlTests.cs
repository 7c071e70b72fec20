using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Mcts.Tests;

public class TimeControlTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
    private static string[] Args(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void TimeSettingsWithStonesIsCanadian()
    {
        var tc = TimeControl.ParseGtp(Args("600 300 25"));
        Assert.Equal(TimeControlKind.Canadian, tc.Kind);
        Assert.Equal(S(600), tc.MainTime);
        Assert.Equal(S(300), tc.PeriodTime);
        Assert.Equal(25, tc.StonesPerPeriod);
    }

    [Fact]
    public void TimeSettingsWithZeroByoYomiTimeIsAbsolute()
    {
        Assert.Equal(TimeControl.Absolute(S(900)), TimeControl.ParseGtp(Args("900 0 0")));
        Assert.Equal(TimeControl.Absolute(S(900)), TimeControl.ParseGtp(Args("900 0 5")));
    }

    [Fact]
    public void TimeSettingsWithByoYomiTimeButNoStonesMeansNoTimeLimit() =>
        Assert.Equal(TimeControl.Unlimited, TimeControl.ParseGtp(Args("0 1 0")));

    [Fact]
    public void TimeSettingsAllZeroIsAbsoluteWithNoTimeAsTheSpecReads() =>
        Assert.Equal(TimeControl.Absolute(TimeSpan.Zero), TimeControl.ParseGtp(Args("0 0 0")));

    [Fact]
    public void TimeSettingsAcceptsDecimalSeconds() =>
        Assert.Equal(S(1.5), TimeControl.ParseGtp(Args("1.5 0 0")).MainTime);

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
        var e = Assert.Throws<TimeControlFormatException>(() => TimeControl.ParseGtp(Args(line)));
        Assert.Equal("time_settings", e.Command);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void KgsTimeSettingsReadsEverySystem()
    {
        Assert.Equal(TimeControl.Unlimited, TimeControl.ParseKgs(Args("none")));
        Assert.Equal(TimeControl.Absolute(S(300)), TimeControl.ParseKgs(Args("absolute 300")));
        Assert.Equal(TimeControl.ByoYomi(S(600), S(30), 5), TimeControl.ParseKgs(Args("byoyomi 600 30 5")));
        Assert.Equal(TimeControl.Canadian(S(600), S(300), 25), TimeControl.ParseKgs(Args("canadian 600 300 25")));
        Assert.Equal(TimeControl.ByoYomi(S(0), S(10), 3), TimeControl.ParseKgs(Args("BYOYOMI 0 10 3")));
    }

    [Fact]
    public void KgsByoYomiWithoutPeriodsIsAbsolute()
    {
        Assert.Equal(TimeControl.Absolute(S(600)), TimeControl.ParseKgs(Args("byoyomi 600 30 0")));
        Assert.Equal(TimeControl.Absolute(S(600)), TimeControl.ParseKgs(Args("byoyomi 600 0 5")));
    }

    [Fact]
    public void KgsCanadianReadsItsNumbersAsTimeSettingsDoes()
    {
        Assert.Equal(TimeControl.Absolute(S(600)), TimeControl.ParseKgs(Args("canadian 600 0 25")));
        Assert.Equal(TimeControl.Unlimited, TimeControl.ParseKgs(Args("canadian 600 300 0")));
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
        var e = Assert.Throws<TimeControlFormatException>(() => TimeControl.ParseKgs(Args(line)));
        Assert.Equal("kgs-time_settings", e.Command);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void FactoriesRefuseImpossibleControls()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeControl.Absolute(S(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeControl.ByoYomi(S(60), TimeSpan.Zero, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeControl.ByoYomi(S(60), S(30), 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => TimeControl.Canadian(S(60), S(30), 0));
    }

    [Fact]
    public void TimeLeftWithoutStonesSetsMainTime()
    {
        var clock = new GameClock(TimeControl.Canadian(S(600), S(300), 25));
        clock.SetTimeLeft(Args("b 432.5 0"));
        Assert.Equal(S(432.5), clock[Color.Black].MainTimeLeft);
        Assert.False(clock[Color.Black].InByoYomi);
        Assert.Equal(S(600), clock[Color.White].MainTimeLeft);
    }

    [Fact]
    public void TimeLeftWithStonesPutsACanadianClockInItsPeriod()
    {
        var clock = new GameClock(TimeControl.Canadian(S(600), S(300), 25));
        clock.SetTimeLeft(Args("white 120 7"));
        var w = clock[Color.White];
        Assert.True(w.InByoYomi);
        Assert.Equal(S(120), w.PeriodTimeLeft);
        Assert.Equal(7, w.StonesLeft);
    }

    [Fact]
    public void TimeLeftStonesAreJapanesePeriodsUnderByoYomi()
    {
        var clock = new GameClock(TimeControl.ByoYomi(S(600), S(30), 5));
        clock.SetTimeLeft(Color.Black, S(30), 3);
        Assert.True(clock[Color.Black].InByoYomi);
        Assert.Equal(3, clock[Color.Black].PeriodsLeft);
        Assert.Equal(S(30), clock[Color.Black].PeriodTimeLeft);
    }

    [Fact]
    public void TimeLeftZeroZeroUnderByoYomiStartsAFreshPeriod()
    {
        var clock = new GameClock(TimeControl.Canadian(S(600), S(300), 25));
        clock.SetTimeLeft(Color.Black, TimeSpan.Zero, 0);
        var b = clock[Color.Black];
        Assert.True(b.InByoYomi);
        Assert.Equal(S(300), b.PeriodTimeLeft);
        Assert.Equal(25, b.StonesLeft);
        Assert.False(b.IsOutOfTime);
    }

    [Fact]
    public void TimeLeftZeroUnderAbsoluteTimeHasLost()
    {
        var clock = new GameClock(TimeControl.Absolute(S(60)));
        clock.SetTimeLeft(Color.White, TimeSpan.Zero, 0);
        Assert.True(clock[Color.White].IsOutOfTime);
    }

    [Theory]
    [InlineData("b 10", "expected 3 arguments")]
    [InlineData("red 10 0", "'red' is not a color")]
    [InlineData("b -3 0", "time -3 is negative")]
    [InlineData("b ten 0", "time 'ten' is not a number")]
    [InlineData("b 10 -1", "stones -1 is negative")]
    public void BadTimeLeftIsRefusedWithTheReason(string line, string reason)
    {
        var clock = new GameClock(TimeControl.Absolute(S(60)));
        var e = Assert.Throws<TimeControlFormatException>(() => clock.SetTimeLeft(Args(line)));
        Assert.Equal("time_left", e.Command);
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void ResetRestartsBothClocks()
    {
        var clock = new GameClock(TimeControl.Absolute(S(60)));
        clock.Spend(Color.Black, S(10));
        clock.Reset(TimeControl.Absolute(S(120)));
        Assert.Equal(S(120), clock[Color.Black].MainTimeLeft);
        Assert.Equal(S(120), clock[Color.White].MainTimeLeft);
    }

    [Fact]
    public void OwnElapsedTimeRunsMainTimeDownWithoutTimeLeft()
    {
        var clock = new GameClock(TimeControl.Absolute(S(60)));
        Assert.True(clock.Spend(Color.Black, S(25)));
        Assert.Equal(S(35), clock[Color.Black].MainTimeLeft);
        Assert.False(clock.Spend(Color.Black, S(35)));
        Assert.True(clock[Color.Black].IsOutOfTime);
        Assert.Equal(S(60), clock[Color.White].MainTimeLeft);
    }

    [Fact]
    public void JapaneseMoveInsideThePeriodKeepsEveryPeriod()
    {
        var control = TimeControl.ByoYomi(S(10), S(30), 3);
        var state = ClockState.Start(control).Spend(control, S(15));
        Assert.True(state.InByoYomi);
        Assert.Equal(3, state.PeriodsLeft);
        Assert.Equal(S(30), state.PeriodTimeLeft);
        state = state.Spend(control, S(29.9));
        Assert.Equal(3, state.PeriodsLeft);
    }

    [Fact]
    public void JapaneseOverrunUsesUpAPeriodPerPeriodTime()
    {
        var control = TimeControl.ByoYomi(TimeSpan.Zero, S(30), 3);
        var state = ClockState.Start(control).Spend(control, S(45));
        Assert.Equal(2, state.PeriodsLeft);
        state = state.Spend(control, S(60));
        Assert.True(state.IsOutOfTime);
    }

    [Fact]
    public void CanadianPeriodRefillsWhenItsStonesArePlayed()
    {
        var control = TimeControl.Canadian(TimeSpan.Zero, S(60), 3);
        var state = ClockState.Start(control).Spend(control, S(20)).Spend(control, S(20));
        Assert.Equal(S(20), state.PeriodTimeLeft);
        Assert.Equal(1, state.StonesLeft);
        state = state.Spend(control, S(19));
        Assert.Equal(S(60), state.PeriodTimeLeft);
        Assert.Equal(3, state.StonesLeft);
        Assert.True(state.Spend(control, S(60)).IsOutOfTime);
    }

    [Fact]
    public void CanadianMoveThatRunsOutOfMainTimeCountsAsAStoneOfThePeriod()
    {
        var control = TimeControl.Canadian(S(5), S(60), 10);
        var state = ClockState.Start(control).Spend(control, S(8));
        Assert.True(state.InByoYomi);
        Assert.Equal(S(57), state.PeriodTimeLeft);
        Assert.Equal(9, state.StonesLeft);
    }

    [Fact]
    public void UnlimitedClockNeverRunsOut()
    {
        var clock = new GameClock(TimeControl.Unlimited);
        Assert.True(clock.Spend(Color.Black, TimeSpan.FromDays(10)));
        clock.SetTimeLeft(Color.Black, TimeSpan.Zero, 0);
        Assert.False(clock[Color.Black].IsOutOfTime);
    }
}
