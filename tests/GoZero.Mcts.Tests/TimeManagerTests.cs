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
    public void AbsoluteTimeSpendsAShareOfWhatIsLeftLessTheLagBuffer()
    {
        var control = TimeControl.Absolute(S(900));
        // m = 181: (900 − 1) / 181, Leela Zero's (R − L)/m
        AssertSeconds(899.0 / 181, Manager.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Fact]
    public void AMinuteOfSuddenDeathOnNineByNineThinksForOverASecondAMove()
    {
        // Issue 14: 60 s on 9×9 gave 0.05 s a move (a lag buffer reserved for every expected move) with most of the
        // clock left. m = 41: (60 − 1) / 41.
        var control = TimeControl.Absolute(S(60));
        AssertSeconds(59.0 / 41, Manager.Budget(control, ClockState.Start(control), 9, 0));
        AssertSeconds(29.0 / 16, Manager.Budget(control, ClockState.FromTimeLeft(control, S(30), 0), 9, 60));
    }

    [Fact]
    public void AbsoluteTimeLateInTheGameSpendsAShareOfWhatIsLeft()
    {
        var control = TimeControl.Absolute(S(900));
        var clock = ClockState.FromTimeLeft(control, S(300), 0);
        // m = F = 72: (300 − 1) / 72
        AssertSeconds(299.0 / 72, Manager.Budget(control, clock, 19, 300));
        Assert.True(Manager.Budget(control, clock, 19, 300) < Manager.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Fact]
    public void AbsoluteTimeRunningLowStillThinksTheMinimumWhileTheClockAffordsIt()
    {
        var control = TimeControl.Absolute(S(900));
        // 2 s left: usable 1 s, a share of 1/131 s; the minimum of 0.2 s instead.
        AssertSeconds(0.2, Manager.Budget(control, ClockState.FromTimeLeft(control, S(2), 0), 19, 100));
        // 0.3 s left: half is the margin, and the other half is all the clock affords.
        AssertSeconds(0.15, Manager.Budget(control, ClockState.FromTimeLeft(control, S(0.3), 0), 19, 100));
        Assert.Equal(TimeSpan.Zero, Manager.Budget(TimeControl.Absolute(TimeSpan.Zero), ClockState.Start(TimeControl.Absolute(TimeSpan.Zero)), 9, 0));
    }

    [Fact]
    public void AbsoluteBudgetNeverLeavesLessThanItsMarginOnTheClock()
    {
        var random = new Random(4);
        for (int i = 0; i < 100_000; i++)
        {
            var control = TimeControl.Absolute(S(random.NextDouble() * 3600));
            var clock = ClockState.FromTimeLeft(control, S(random.NextDouble() * control.MainTime.TotalSeconds), 0);
            int size = random.Next(BoardGeometry.MinSize, BoardGeometry.MaxSize + 1);
            var budget = Manager.Budget(control, clock, size, random.Next(0, 1000))!.Value;
            var margin = TimeSpan.FromTicks(Math.Min(Lag.Ticks, clock.MainTimeLeft.Ticks / 2));
            Assert.True(budget + margin <= clock.MainTimeLeft, $"{budget} with {clock.MainTimeLeft} left");
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
    public void ByoYomiPeriodShorterThanTwiceTheLagBufferKeepsHalfOfItAsTheMargin()
    {
        // Issue 14: kgs-time_settings byoyomi 0 1 1 gave no thinking time at all.
        var control = TimeControl.ByoYomi(TimeSpan.Zero, S(1), 1);
        AssertSeconds(0.5, Manager.Budget(control, ClockState.Start(control), 9, 0));
        var halfSecond = TimeControl.ByoYomi(TimeSpan.Zero, S(0.5), 3);
        AssertSeconds(0.25, Manager.Budget(halfSecond, ClockState.Start(halfSecond), 9, 0));
        var five = TimeControl.ByoYomi(TimeSpan.Zero, S(5), 1);
        AssertSeconds(4, Manager.Budget(five, ClockState.Start(five), 9, 0));
    }

    [Fact]
    public void OneSecondForEveryStoneThinksForHalfASecond()
    {
        // Issue 14: time_settings 0 1 1 (Canadian: one stone in each second) played A1, B1, C1 and a pass from empty searches.
        var control = TimeControl.Canadian(TimeSpan.Zero, S(1), 1);
        AssertSeconds(0.5, Manager.Budget(control, ClockState.Start(control), 9, 0));
        AssertSeconds(0.5, Manager.Budget(control, ClockState.Start(control).Spend(control, S(0.6)), 9, 1));
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
        // 0.6 s a stone: half of it kept as the margin.
        AssertSeconds(0.3, Manager.Budget(control, ClockState.FromTimeLeft(control, S(3), 5), 19, 200));
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
        AssertSeconds((300 - 0.1) / 181, tight.Budget(control, ClockState.Start(control), 19, 0));
    }

    [Theory]
    [InlineData(-1, 1.0, 0.2)]
    [InlineData(double.NaN, 1.0, 0.2)]
    [InlineData(1, 0, 0.2)]
    [InlineData(1, 1.0, -0.1)]
    [InlineData(1, 1.0, 0.2, -0.5)]
    [InlineData(1, 1.0, 0.2, 0.2, 0)]
    public void ImpossibleOptionsAreRefused(double lag, double length, double floor, double minimum = 0.2, int playouts = 2) =>
        Assert.Throws<ArgumentException>(() => new TimeManager(new TimeManagerOptions(lag, length, floor, minimum, playouts)));

    public static TheoryData<string, int, int, double> Games() => new()
    {
        // control (kgs-time_settings), board size, plies, largest overhead as a share of the move's margin. Sudden
        // death survives what its overheads leave: a tenth of a second a move, for half as long again as expected.
        { "absolute 300", 19, 300, 0.0 },
        { "absolute 300", 19, 540, 0.1 },
        { "absolute 900", 19, 540, 0.1 },
        { "absolute 1800", 19, 540, 0.1 },
        { "absolute 60", 9, 120, 0.1 },
        { "absolute 120", 9, 120, 0.1 },
        { "absolute 300", 9, 120, 0.1 },
        { "absolute 900", 13, 250, 0.1 },
        { "absolute 300", 13, 250, 0.1 },
        { "byoyomi 0 1 1", 9, 300, 0.99 },
        { "canadian 0 1 1", 9, 300, 0.99 },
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
    /// its margin (worst case on every second move, random below it on the others). No clock may run out.
    /// </summary>
    [Theory]
    [MemberData(nameof(Games))]
    public void SimulatedGameTakingTheBudgetEveryMoveNeverRunsOutOfTime(string settings, int size, int plies, double lagShare)
    {
        var control = Control(settings);
        var clock = new GameClock(control);
        var random = new Random(plies + size);
        long worstLag = (long)(Margin(control).Ticks * lagShare);
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

    /// <summary>A control of <see cref="Games"/>: "absolute MAIN", "byoyomi MAIN PERIOD PERIODS" or "canadian MAIN
    /// PERIOD STONES", as kgs-time_settings writes them, in seconds.</summary>
    private static TimeControl Control(string settings)
    {
        var words = settings.Split(' ');
        double Number(int i) => double.Parse(words[i], System.Globalization.CultureInfo.InvariantCulture);
        return words[0] switch
        {
            "absolute" => TimeControl.Absolute(S(Number(1))),
            "byoyomi" => TimeControl.ByoYomi(S(Number(1)), S(Number(2)), (int)Number(3)),
            "canadian" => TimeControl.Canadian(S(Number(1)), S(Number(2)), (int)Number(3)),
            _ => throw new ArgumentException($"no control '{settings}'", nameof(settings)),
        };
    }

    /// <summary>The least margin any move of <paramref name="control"/> keeps: min(L, t/2) of the shortest time t a
    /// move may be given in byo-yomi (a period, or a Canadian period's share per stone); L in sudden death.</summary>
    private static TimeSpan Margin(TimeControl control) => TimeSpan.FromTicks(control.Kind switch
    {
        TimeControlKind.ByoYomi => Math.Min(Lag.Ticks, control.PeriodTime.Ticks / 2),
        TimeControlKind.Canadian => Math.Min(Lag.Ticks, control.PeriodTime.Ticks / control.StonesPerPeriod / 2),
        _ => Lag.Ticks,
    });

    [Fact]
    public void RandomByoYomiAndCanadianControlsNeverRunOutWithOverheadsBelowTheMargin()
    {
        var random = new Random(17);
        for (int game = 0; game < 200; game++)
        {
            TimeSpan main = S(random.Next(0, 4) == 0 ? 0 : random.NextDouble() * 1200);
            int stones = random.Next(1, 30);
            TimeControl control = game % 2 == 0
                ? TimeControl.ByoYomi(main, S(0.2 + random.NextDouble() * 60), random.Next(1, 6))
                : TimeControl.Canadian(main, S(stones * (0.2 + random.NextDouble() * 10)), stones);
            long margin = Margin(control).Ticks;
            int size = random.Next(BoardGeometry.MinSize, BoardGeometry.MaxSize + 1);
            var clock = ClockState.Start(control);
            for (int ply = game % 2; ply < 1000; ply += 2)
            {
                TimeSpan budget = Manager.Budget(control, clock, size, ply)!.Value;
                clock = clock.Spend(control, budget + TimeSpan.FromTicks((long)(random.NextDouble() * (margin - 1))));
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
