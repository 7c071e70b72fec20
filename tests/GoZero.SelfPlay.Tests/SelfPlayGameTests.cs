using System.Threading.Channels;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class SelfPlayGameTests
{
    private static SelfPlayOptions Options(int size = 5) => new(size, RulesOptions.Default with { Komi = 0.5 }, Playouts: 32, ResignThreshold: 0);

    [Fact]
    public void RecordHoldsAVisitDistributionPerMove()
    {
        var record = SelfPlayGame.Play(7, new RolloutEvaluator(2, seed: 3), Options(), seed: 11);
        Assert.Equal(7, record.Id);
        Assert.True(record.Game.IsOver || record.Game.MoveCount == Options().MaxMovesFor);
        Assert.Equal(record.Game.MoveCount, record.Moves.Count);
        for (int i = 0; i < record.Moves.Count; i++)
        {
            var move = record.Moves[i];
            Assert.Equal(record.Game.Moves[i], move.Move);
            Assert.Equal(26, move.Policy.Length);
            Assert.Equal(1.0, move.Policy.Sum(), 4);
            Assert.All(move.Policy, p => Assert.True(p >= 0));
            Assert.True(move.Policy[record.Game.Geometry.PolicyIndexOf(move.Move)] > 0, $"move {i} was never visited");
            Assert.InRange(move.WinRate, 0, 1);
        }
    }

    [Fact]
    public void ResultIsTrompTaylorScoreAfterTwoPasses()
    {
        var record = SelfPlayGame.Play(1, new RolloutEvaluator(2, seed: 3), Options(), seed: 5);
        if (record.Game.IsOver)
            Assert.Equal(GameResult.FromScore(AreaScoring.BlackMinusWhite(record.Game.Current, 0.5)), record.Result);
        for (int i = 0; i < record.Moves.Count; i++)
            Assert.Equal(record.Game.Players[i] == record.Result.Winner ? 1f : -1f, record.OutcomeFor(i));
    }

    [Fact]
    public void AfterTheTemperatureMovesTheMostVisitedMoveIsPlayed()
    {
        var options = Options() with { TemperatureMoves = 0 };
        var record = SelfPlayGame.Play(1, new RolloutEvaluator(2, seed: 3), options, seed: 5);
        int pass = record.Game.Geometry.Area;
        foreach (var move in record.Moves)
        {
            bool mostVisited = move.Policy[record.Game.Geometry.PolicyIndexOf(move.Move)] == move.Policy.Max();
            // The pass rule may replace a losing pass by the best other move, or end a won game by passing.
            bool passRule = move.Policy[pass] == move.Policy.Max() || move.Move.IsPass;
            Assert.True(mostVisited || passRule, $"{move.Move} is neither the most visited move nor the pass rule's");
        }
    }

    [Fact]
    public void SameSeedPlaysTheSameGame()
    {
        var a = SelfPlayGame.Play(1, new RolloutEvaluator(2, seed: 3), Options(), seed: 9);
        var b = SelfPlayGame.Play(1, new RolloutEvaluator(2, seed: 3), Options(), seed: 9);
        var c = SelfPlayGame.Play(1, new RolloutEvaluator(2, seed: 3), Options(), seed: 10);
        Assert.Equal(a.Game.Moves, b.Game.Moves);
        Assert.NotEqual(a.Game.Moves, c.Game.Moves);
    }

    [Fact]
    public void HopelessSideResignsWhenAllowed()
    {
        // Komi 30 on 5×5 (25 points): Black cannot win, so Black's search falls below a high threshold at once.
        var options = Options() with { Rules = RulesOptions.Default with { Komi = 30 }, ResignThreshold = 0.3, NoResignShare = 0 };
        var record = SelfPlayGame.Play(1, new RolloutEvaluator(4, seed: 3), options with { Playouts = 150 }, seed: 1);
        Assert.True(record.ResignationAllowed);
        Assert.Equal(ResultKind.Resignation, record.Result.Kind);
        Assert.Equal(Color.White, record.Result.Winner);
        Assert.True(record.Game.Moves[^1].IsResign);
        Assert.Equal(record.Game.MoveCount - 1, record.Moves.Count);
    }

    [Fact]
    public void NoResignGamesArePlayedOutAndRememberWhoWouldHaveResigned()
    {
        var options = Options() with { Rules = RulesOptions.Default with { Komi = 30 }, ResignThreshold = 0.3, NoResignShare = 1, Playouts = 150 };
        var record = SelfPlayGame.Play(1, new RolloutEvaluator(4, seed: 3), options, seed: 1);
        Assert.False(record.ResignationAllowed);
        Assert.NotEqual(ResultKind.Resignation, record.Result.Kind);
        Assert.Equal(Color.Black, record.WouldHaveResigned);
        Assert.False(record.FalseResignation);
    }

    [Fact]
    public async Task RunnerPlaysEveryGameOnceAcrossWorkers()
    {
        var runner = new SelfPlayRunner(Options(), workers: 2, gamesPerWorker: 3, w => new RolloutEvaluator(2, seed: (ulong)w + 1));
        var channel = Channel.CreateUnbounded<SelfPlayRecord>();
        await runner.RunAsync(firstId: 100, games: 8, seed: 1, channel.Writer).WaitAsync(TimeSpan.FromMinutes(2));
        channel.Writer.Complete();
        var records = new List<SelfPlayRecord>();
        await foreach (var record in channel.Reader.ReadAllAsync()) records.Add(record);
        Assert.Equal(Enumerable.Range(100, 8).Select(i => (long)i), records.Select(r => r.Id).Order());
        Assert.True(runner.BatchFill > 0);
        Assert.True(runner.Evaluations > 0);
    }

    [Fact]
    public async Task RunnerStopsWhenCancelled()
    {
        var runner = new SelfPlayRunner(Options(9) with { Playouts = 400 }, workers: 1, gamesPerWorker: 2, _ => new RolloutEvaluator(2));
        var channel = Channel.CreateUnbounded<SelfPlayRecord>();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await runner.RunAsync(0, games: null, seed: 1, channel.Writer, stop.Token).WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(26, 0.1)]
    [InlineData(9, -0.1)]
    [InlineData(9, 1.5)]
    public void InvalidOptionsAreRefused(int size, double noResignShare) =>
        Assert.Throws<ArgumentException>(() => new SelfPlayOptions(size, RulesOptions.Default, NoResignShare: noResignShare).Validated());

    [Fact]
    public void UnderPlayoutCapsOnlyTheFullSearchesArePolicyTargetsAndTheirSamplesSaySo()
    {
        var options = Options() with { Playouts = 40, FullSearchShare = 0.25, FastPlayouts = 4, TemperatureMoves = 0 };
        var record = SelfPlayGame.Play(3, new RolloutEvaluator(2, seed: 3), options, seed: 17);
        Assert.Contains(record.Moves, m => m.FullSearch);
        Assert.Contains(record.Moves, m => !m.FullSearch);
        var samples = SelfPlayWriter.Samples(record).ToList();
        Assert.Equal(record.Moves.Select(m => m.FullSearch), samples.Select(s => s.FullSearch));
        // The same game seeded the same way draws the same caps: the draw has a stream of its own.
        Assert.Equal(record.Moves.Select(m => m.FullSearch),
            SelfPlayGame.Play(3, new RolloutEvaluator(2, seed: 3), options, seed: 17).Moves.Select(m => m.FullSearch));
    }

    [Fact]
    public void PlayoutCapsDrawTheFullSearchShare()
    {
        var caps = new PlayoutCapRandomisation(0.25, seed: 5);
        int full = Enumerable.Range(0, 8000).Count(_ => caps.NextMoveIsFull());
        Assert.InRange(full / 8000.0, 0.23, 0.27);
        var always = new PlayoutCapRandomisation(1, seed: 5);
        Assert.All(Enumerable.Range(0, 100), _ => Assert.True(always.NextMoveIsFull()));
    }

    [Fact]
    public void AFastMoveSearchesItsSmallBudgetWithoutNoise()
    {
        var options = Options() with { Playouts = 40, FullSearchShare = 0.25, FastPlayouts = 4 };
        var search = new Search(new Game(5, options.Rules), new RolloutEvaluator(2, seed: 3), options.SearchOptionsFor(1));
        var result = search.Run(options.FastMoveLimits);
        Assert.Equal(4, result.Playouts);
        // Without noise the root's priors are the evaluator's: uniform over the 26 moves.
        Assert.All(result.Moves, m => Assert.Equal(1f / 26, m.Prior, 6));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(16)]
    public void GumbelSelfPlayRecordsTheImprovedPolicyOverEveryLegalMove(int playouts)
    {
        var options = Options() with { Playouts = playouts, GumbelRoot = true, GumbelConsideredMoves = 8 };
        var record = SelfPlayGame.Play(5, new RolloutEvaluator(2, seed: 3), options, seed: 19);
        Assert.True(record.Game.IsOver || record.Game.MoveCount == options.MaxMovesFor);
        var replay = new Game(5, options.Rules);
        foreach (var move in record.Moves)
        {
            Assert.Equal(1.0, move.Policy.Sum(), 4);
            // π' = softmax(logits + σ(completed Q)) leaves no legal move at 0, unlike visit counts of 2 to 16 playouts.
            Assert.Equal(replay.LegalMoves().Count, move.Policy.Count(p => p > 0));
            replay.Play(move.Move);
        }
    }

    [Fact]
    public void ForcedPlayoutsSelfPlayRecordsTheSearchsPrunedTarget()
    {
        var options = Options() with { Playouts = 200, ForcedPlayoutsK = 2, MaxMoves = 1 };
        var record = SelfPlayGame.Play(6, new RolloutEvaluator(2, seed: 3), options, seed: 23);
        var search = new Search(new Game(5, options.Rules), new RolloutEvaluator(2, seed: 3), options.SearchOptionsFor(23));
        var result = search.Run();
        var geometry = record.Game.Geometry;
        foreach (var m in result.Moves) Assert.Equal(m.PolicyTarget, record.Moves[0].Policy[geometry.PolicyIndexOf(m.Move)], 5);
        // Pruned: a move the search visited more than once has no share.
        Assert.Contains(result.Moves, m => m.Visits > 1 && m.PolicyTarget == 0);
    }

    [Theory]
    [InlineData(16, 16)]
    [InlineData(100, 100)]
    [InlineData(400, 100)]
    public void ASearchShorterThanTheResignationMinimumMayStillResign(int playouts, int minimumVisits) =>
        Assert.Equal(minimumVisits, (Options() with { Playouts = playouts }).MovePolicy.ResignMinVisits);

    [Theory]
    [InlineData(0.0, null, 0.0, false)]
    [InlineData(0.5, 500, 0.0, false)]
    [InlineData(1.0, null, -1.0, false)]
    [InlineData(1.0, null, 2.0, true)]
    public void InvalidModeSettingsAreRefused(double fullSearchShare, int? fastPlayouts, double forcedK, bool gumbel) =>
        Assert.Throws<ArgumentException>(() => (Options() with
        {
            FullSearchShare = fullSearchShare, FastPlayouts = fastPlayouts, ForcedPlayoutsK = forcedK, GumbelRoot = gumbel,
        }).Validated());
}
