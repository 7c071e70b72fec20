using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Mcts.Tests;

public class TimeManagerTests
{
    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);
    private static readonly TimeManager Manager = new();
    private static readonly TimeSpan Lag = Manager.Options.LagBuffer;

    private static void AssertSeconds(double expected, TimeSpan? actual) =>
        Assert.Equal(expected, actual!.Value.TotalSeconds, 4);

    [Theory]
    [InlineData(19, 0, 181)]
    [InlineData(19, 100, 131)]
    [InlineData(19, 300, 72)]
    [InlineData(9, 0, 41)]
    [InlineData(9, 60, 16)]
    [InlineData(2, 50, 1)]
    public void OwnMovesLeftIsHalfTheExpectedPliesLeftAboveAFloorOfAreaOverFive(int size, int moveNumber, int expected) =>
        Assert.Equal(expected, Manager.OwnMovesLeft(size, moveNumber));

    [Fact]
    public void UnlimitedTimeHasNoBudget() =>
        Assert.Null(Manager.Budget(TimeControl.Unlimited, default, 19, 0));

    [Fact]
    public void AbsoluteTimeKeepsALagBufferForThisAndEveryExpectedMove()
    {
        var control = TimeControl.Absolute(S(900));
        // m = 181, F = 72: (900 − 1·(181 + 72 + 1)) / 181
        AssertSeconds(646.0 / 181, Manager.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Fact]
    public void AbsoluteTimeLateInTheGameSpendsAShareOfWhatIsLeftAboveTheReserve()
    {
        var control = TimeControl.Absolute(S(900));
        var clock = ClockState.FromTimeLeft(control, S(300), 0);
        // m = F = 72: (300 − 145) / 72
        AssertSeconds(155.0 / 72, Manager.Budget(control, clock, 19, 300));
        Assert.True(Manager.Budget(control, clock, 19, 300) < Manager.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Fact]
    public void AbsoluteTimeBelowTheReserveThinksNotAtAll()
    {
        var control = TimeControl.Absolute(S(250));
        Assert.Equal(TimeSpan.Zero, Manager.Budget(control, ClockState.Start(control), 19, 0));
        Assert.Equal(TimeSpan.Zero, Manager.Budget(TimeControl.Absolute(TimeSpan.Zero), ClockState.Start(TimeControl.Absolute(TimeSpan.Zero)), 9, 0));
    }

    [Fact]
    public void AbsoluteBudgetNeverLeavesLessThanTheLagBufferOnTheClock()
    {
        var random = new Random(4);
        for (int i = 0; i < 100_000; i++)
        {
            var control = TimeControl.Absolute(S(random.NextDouble() * 3600));
            var clock = ClockState.FromTimeLeft(control, S(random.NextDouble() * control.MainTime.TotalSeconds), 0);
            int size = random.Next(BoardGeometry.MinSize, BoardGeometry.MaxSize + 1);
            var budget = Manager.Budget(control, clock, size, random.Next(0, 1000))!.Value;
            Assert.True(budget == TimeSpan.Zero || budget + Lag <= clock.MainTimeLeft, $"{budget} with {clock.MainTimeLeft} left");
        }
    }

    [Fact]
    public void ByoYomiInMainTimeAddsAPeriodLessTheLagBuffer()
    {
        var control = TimeControl.ByoYomi(S(600), S(30), 5);
        AssertSeconds(600.0 / 181 + 29, Manager.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Fact]
    public void ByoYomiInOvertimeNeverUsesMoreThanOnePeriod()
    {
        var control = TimeControl.ByoYomi(S(600), S(30), 5);
        AssertSeconds(29, Manager.Budget(control, ClockState.FromTimeLeft(control, S(30), 5), 19, 200));
        AssertSeconds(29, Manager.Budget(control, ClockState.FromTimeLeft(control, S(30), 1), 19, 200));
        AssertSeconds(11, Manager.Budget(control, ClockState.FromTimeLeft(control, S(12), 2), 19, 200));
        // A reported period longer than the period itself is not believed.
        AssertSeconds(29, Manager.Budget(control, ClockState.FromTimeLeft(control, S(45), 2), 19, 200));
    }

    [Fact]
    public void ByoYomiPeriodShorterThanTheLagBufferGivesNoThinkingTime()
    {
        var control = TimeControl.ByoYomi(TimeSpan.Zero, S(0.5), 3);
        Assert.Equal(TimeSpan.Zero, Manager.Budget(control, ClockState.Start(control), 9, 0));
    }

    [Fact]
    public void CanadianInMainTimeAddsAStonesShareOfThePeriod()
    {
        var control = TimeControl.Canadian(S(600), S(300), 25);
        AssertSeconds(600.0 / 181 + 11, Manager.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Fact]
    public void CanadianInThePeriodSplitsWhatIsLeftOverTheStonesLeft()
    {
        var control = TimeControl.Canadian(S(600), S(300), 25);
        AssertSeconds(300.0 / 25 - 1, Manager.Budget(control, ClockState.FromTimeLeft(control, S(300), 25), 19, 200));
        AssertSeconds(20.0 / 2 - 1, Manager.Budget(control, ClockState.FromTimeLeft(control, S(20), 2), 19, 200));
        AssertSeconds(20.0 - 1, Manager.Budget(control, ClockState.FromTimeLeft(control, S(20), 1), 19, 200));
        Assert.Equal(TimeSpan.Zero, Manager.Budget(control, ClockState.FromTimeLeft(control, S(3), 5), 19, 200));
    }

    [Fact]
    public void ClockThatHasRunOutGetsNoTime()
    {
        var control = TimeControl.Absolute(S(10));
        var clock = ClockState.Start(control).Spend(control, S(11));
        Assert.True(clock.IsOutOfTime);
        Assert.Equal(TimeSpan.Zero, Manager.Budget(control, clock, 19, 10));
    }

    [Fact]
    public void ASmallerLagBufferGivesMoreTime()
    {
        var control = TimeControl.Absolute(S(300));
        var tight = new TimeManager(new TimeManagerOptions(LagBufferSeconds: 0.1));
        Assert.True(tight.Budget(control, ClockState.Start(control), 19, 0) > Manager.Budget(control, ClockState.Start(control), 19, 0));
        AssertSeconds((300 - 0.1 * 254) / 181, tight.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Theory]
    [InlineData(-1, 1.0, 0.2)]
    [InlineData(double.NaN, 1.0, 0.2)]
    [InlineData(1, 0, 0.2)]
    [InlineData(1, 1.0, -0.1)]
    public void ImpossibleOptionsAreRefused(double lag, double length, double floor) =>
        Assert.Throws<ArgumentException>(() => new TimeManager(new TimeManagerOptions(lag, length, floor)));

    public static TheoryData<string, int, int, double> Games() => new()
    {
        // control (kgs-time_settings), board size, plies, largest lag as a share of the lag buffer
        { "absolute 300", 19, 300, 0.0 },
        { "absolute 300", 19, 300, 0.5 },
        { "absolute 300", 19, 300, 0.99 },
        { "absolute 900", 19, 300, 0.99 },
        { "absolute 1800", 19, 300, 0.99 },
        { "absolute 120", 9, 200, 0.3 },
        { "absolute 300", 9, 200, 0.99 },
        { "absolute 900", 13, 300, 0.99 },
        { "absolute 300", 13, 300, 0.99 },
        { "byoyomi 600 30 5", 19, 300, 0.99 },
        { "byoyomi 0 10 1", 19, 300, 0.99 },
        { "byoyomi 10 1.5 1", 9, 300, 0.99 },
        { "byoyomi 60 5 3", 9, 2000, 0.99 },
        { "canadian 600 300 25", 19, 300, 0.99 },
        { "canadian 0 60 20", 19, 300, 0.99 },
        { "canadian 30 25 25", 19, 300, 0.99 },
        { "canadian 5 10 1", 9, 300, 0.99 },
        { "canadian 60 30 10", 9, 2000, 0.99 },
    };

    /// <summary>
    /// Two GoZero players share a game on one clock each; every move takes exactly its budget plus an overhead below
    /// the lag buffer (worst case on every second move, random below it on the others). No clock may run out.
    /// </summary>
    [Theory]
    [MemberData(nameof(Games))]
    public void SimulatedGameTakingTheBudgetEveryMoveNeverRunsOutOfTime(string settings, int size, int plies, double lagShare)
    {
        var clock = new GameClock(TimeControl.ParseKgs(settings.Split(' ')));
        var random = new Random(plies + size);
        long worstLag = (long)(Lag.Ticks * lagShare);
        TimeSpan thought = TimeSpan.Zero;
        for (int ply = 0; ply < plies; ply++)
        {
            Color player = ply % 2 == 0 ? Color.Black : Color.White;
            TimeSpan budget = Manager.Budget(clock, player, size, ply)!.Value;
            Assert.True(budget >= TimeSpan.Zero);
            TimeSpan lag = TimeSpan.FromTicks(ply % 4 < 2 ? worstLag : (long)(random.NextDouble() * worstLag));
            thought += budget;
            Assert.True(clock.Spend(player, budget + lag), $"{player} ran out of time at ply {ply} after a budget of {budget}");
        }
        // Time is used, not hoarded: every control but a starved one thinks for a while.
        Assert.True(thought > TimeSpan.FromSeconds(plies / 10.0), $"only {thought} of thinking in {plies} plies");
    }

    [Fact]
    public void RandomByoYomiAndCanadianControlsNeverRunOutWithLagBelowTheBuffer()
    {
        // The guarantee's conditions: a period (Canadian: a period's share per stone) of at least the lag buffer.
        var random = new Random(17);
        for (int game = 0; game < 200; game++)
        {
            TimeSpan main = S(random.Next(0, 4) == 0 ? 0 : random.NextDouble() * 1200);
            int stones = random.Next(1, 30);
            TimeControl control = game % 2 == 0
                ? TimeControl.ByoYomi(main, S(1 + random.NextDouble() * 60), random.Next(1, 6))
                : TimeControl.Canadian(main, S(stones * (1 + random.NextDouble() * 10)), stones);
            int size = random.Next(BoardGeometry.MinSize, BoardGeometry.MaxSize + 1);
            var clock = ClockState.Start(control);
            for (int ply = game % 2; ply < 1000; ply += 2)
            {
                TimeSpan budget = Manager.Budget(control, clock, size, ply)!.Value;
                clock = clock.Spend(control, budget + TimeSpan.FromTicks((long)(random.NextDouble() * (Lag.Ticks - 1))));
                Assert.False(clock.IsOutOfTime, $"{control} on {size}x{size} ran out at ply {ply}");
                if (control.Kind == TimeControlKind.ByoYomi && clock.InByoYomi) Assert.Equal(control.Periods, clock.PeriodsLeft);
            }
        }
    }

    [Fact]
    public void SimulatedGameFollowingTimeLeftReportsNeverRunsOutOfTime()
    {
        // The controller's time_left before each move replaces the engine's own count; here the controller charges
        // an extra quarter of the lag buffer that the engine never sees.
        var control = TimeControl.Canadian(S(60), S(30), 10);
        var server = ClockState.Start(control);
        var engine = new GameClock(control);
        for (int ply = 0; ply < 600; ply += 2)
        {
            var report = server;
            if (report.InByoYomi) engine.SetTimeLeft(Color.Black, report.PeriodTimeLeft, report.StonesLeft);
            else engine.SetTimeLeft(Color.Black, report.MainTimeLeft, 0);
            TimeSpan budget = Manager.Budget(engine, Color.Black, 19, ply)!.Value;
            server = server.Spend(control, budget + Lag / 4);
            engine.Spend(Color.Black, budget);
            Assert.False(server.IsOutOfTime, $"ran out at ply {ply}");
        }
    }
}
