using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Mcts.Tests;

public class TimeControlTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

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
        clock.SetTimeLeft(Color.Black, S(432.5), 0);
        Assert.Equal(S(432.5), clock[Color.Black].MainTimeLeft);
        Assert.False(clock[Color.Black].InByoYomi);
        Assert.Equal(S(600), clock[Color.White].MainTimeLeft);
    }

    [Fact]
    public void TimeLeftWithStonesPutsACanadianClockInItsPeriod()
    {
        var clock = new GameClock(TimeControl.Canadian(S(600), S(300), 25));
        clock.SetTimeLeft(Color.White, S(120), 7);
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
