using System.Diagnostics;
using GoZero.Engine;

namespace GoZero.Mcts.Tests;

public class SearchTimeLimitTests
{
    // Generous: a loaded two-core CI machine may pause a thread for a while; the search itself overruns by one batch.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(300);

    private static Search Unbounded(int size, int threads) =>
        new(new Game(size, new RulesOptions(Komi: 7.5)), new RolloutEvaluator(8, 3),
            // A node budget no run here can fill (the tree grows lazily), so that only the time limit stops it.
            new SearchOptions { MaxPlayouts = int.MaxValue, Threads = threads, BatchSize = 4, NodeBudget = 100_000_000 });

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void StopsAtTheTimeLimit(int threads)
    {
        var budget = TimeSpan.FromMilliseconds(200);
        var search = Unbounded(9, threads);
        var wall = Stopwatch.StartNew();
        var result = search.Run(new SearchLimits { TimeLimit = budget });
        wall.Stop();
        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.True(wall.Elapsed < budget + Tolerance, $"took {wall.Elapsed.TotalMilliseconds} ms for a budget of 200 ms");
        Assert.True(result.Elapsed >= budget, $"stopped after {result.Elapsed.TotalMilliseconds} ms, before the budget");
        Assert.True(result.Playouts > 0);
        Assert.Equal(result.Playouts, result.RootVisits);
        SearchAccountingTests.AssertTreeConsistent(search.Tree);
    }

    [Fact]
    public void AZeroTimeLimitSearchesNothing()
    {
        var result = Unbounded(5, 1).Run(new SearchLimits { TimeLimit = TimeSpan.Zero });
        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.Equal(0, result.Playouts);
    }

    [Fact]
    public void TheTimeLimitDoesNotStopASearchBeforeItsMinimumPlayouts()
    {
        var result = Unbounded(5, 1).Run(new SearchLimits { TimeLimit = TimeSpan.Zero, MinimumPlayouts = 5 });
        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.InRange(result.Playouts, 5, 5 + 4);
    }

    [Fact]
    public void AClockThatAffordsNothingStillGivesARealMove()
    {
        // Issue 14: with no time to think, genmove played A1, B1, C1 and a pass from searches of 0 playouts.
        var control = TimeControl.Absolute(TimeSpan.Zero);
        var search = Unbounded(9, 1);
        var result = search.Run(new GameClock(control), new TimeManager());
        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.True(result.Playouts >= TimeManagerOptions.Default.MinimumPlayouts, $"{result.Playouts} playouts");
        Assert.True(new MovePolicy(MovePolicyOptions.Default, seed: 1).Choose(search.Game, result).IsPlay);
    }

    [Fact]
    public void PlayoutLimitStillAppliesUnderATimeLimit()
    {
        var search = new Search(new Game(5, new RulesOptions(Komi: 0.5)), new RolloutEvaluator(8, 3), new SearchOptions { MaxPlayouts = 50 });
        var result = search.Run(new SearchLimits { TimeLimit = TimeSpan.FromMinutes(5) });
        Assert.Equal(StopReason.PlayoutLimit, result.StopReason);
        Assert.Equal(50, result.Playouts);
    }

    [Fact]
    public void ThinksForTheTimeManagersBudgetOnTheClock()
    {
        var manager = new TimeManager(new TimeManagerOptions(LagBufferSeconds: 0.01));
        var clock = new GameClock(TimeControl.Absolute(TimeSpan.FromSeconds(5.35)));
        var search = Unbounded(7, 1);
        var budget = manager.Budget(clock, Color.Black, 7, 0);
        Assert.NotNull(budget);
        Assert.InRange(budget.Value, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));
        var wall = Stopwatch.StartNew();
        var result = search.Run(clock, manager);
        wall.Stop();
        Assert.Equal(StopReason.TimeLimit, result.StopReason);
        Assert.True(result.Elapsed >= budget.Value);
        Assert.True(wall.Elapsed < budget.Value + Tolerance, $"took {wall.Elapsed.TotalMilliseconds} ms for a budget of {budget.Value.TotalMilliseconds} ms");
    }

    [Fact]
    public void AnUnlimitedClockLeavesThePlayoutLimitInCharge()
    {
        var search = new Search(new Game(5, new RulesOptions(Komi: 0.5)), new RolloutEvaluator(8, 3), new SearchOptions { MaxPlayouts = 40 });
        var result = search.Run(new GameClock(TimeControl.Unlimited), new TimeManager());
        Assert.Equal(StopReason.PlayoutLimit, result.StopReason);
        Assert.Equal(40, result.Playouts);
    }

    [Fact]
    public void NegativeTimeLimitIsRejected() =>
        Assert.Throws<ArgumentException>(() => Unbounded(5, 1).Run(new SearchLimits { TimeLimit = TimeSpan.FromSeconds(-1) }));
}
