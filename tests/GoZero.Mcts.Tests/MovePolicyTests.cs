using GoZero.Engine;
using GoZero.Engine.Tests;
using GoZero.Mcts;

namespace GoZero.Mcts.Tests;

public sealed class MovePolicyTests
{
    private static readonly RulesOptions Komi = RulesOptions.Default with { Komi = 0.5 };

    // Black owns columns A–C (15 points), White D–E (10): Black wins by 4.5 whoever moves.
    private const string BlackAhead = """
        . . X O .
        . . X O .
        . . X O .
        . . X O .
        . . X O .
        """;

    // The pass rules judged as self-play judges them, on the most visited move as self-play plays it.
    private static readonly MovePolicyOptions TrompTaylor = new() { PassScoring = PassScoring.TrompTaylor, LcbSelection = false };

    private static readonly MovePolicyOptions Lcb = TrompTaylor with { LcbSelection = true };

    private static readonly MovePolicyOptions ResignAt5 = TrompTaylor with { ResignThreshold = 0.05, ResignMinVisits = 100 };

    private static Move Choose(MovePolicyOptions options, Game game, IReadOnlyList<RootMoveStats> moves, int? rootVisits = null, bool cleanup = false) =>
        new MovePolicy(options, seed: 1).Choose(game, Result(moves, rootVisits), cleanup);

    private static SearchResult Result(IReadOnlyList<RootMoveStats> moves, int? rootVisits = null) =>
        new(0, rootVisits ?? moves.Sum(m => m.Visits), StopReason.PlayoutLimit, moves, 0, TimeSpan.Zero);

    private static IReadOnlyList<RootMoveStats> Visits(Game game, params (string Vertex, int Visits)[] moves) =>
        moves.Select(m => new RootMoveStats(m.Vertex == "pass" ? Move.Pass : Vertex.ParseGtp(m.Vertex, game.Geometry), m.Visits, 0, 0.1f, 0)).ToList();

    private static IReadOnlyList<RootMoveStats> Valued(Game game, params (string Vertex, int Visits, double WinRate)[] moves) =>
        moves.Select(m => new RootMoveStats(m.Vertex == "pass" ? Move.Pass : Vertex.ParseGtp(m.Vertex, game.Geometry), m.Visits, 2 * m.WinRate - 1, 0.1f, 0)).ToList();

    /// <summary>Moves with a win rate and the variance of their backed-up values (value units).</summary>
    private static IReadOnlyList<RootMoveStats> Spread(Game game, params (string Vertex, int Visits, double WinRate, double Variance)[] moves) =>
        moves.Select(m => new RootMoveStats(m.Vertex == "pass" ? Move.Pass : Vertex.ParseGtp(m.Vertex, game.Geometry), m.Visits, 2 * m.WinRate - 1, 0.1f, m.Variance)).ToList();

    [Fact]
    public void TheGumbelRootsMoveIsPlayedWhateverTheTemperatureOrVisits()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        var moves = Valued(game, ("A1", 30, 0.6), ("B2", 10, 0.6));
        var gumbel = Result(moves) with { GumbelMove = Vertex.ParseGtp("B2", game.Geometry) };
        var policy = new MovePolicy(TrompTaylor with { TemperatureMoves = 100 }, seed: 1);
        for (int i = 0; i < 20; i++) Assert.Equal("B2", Vertex.ToGtp(policy.Choose(game, gumbel), game.Geometry));
    }

    [Fact]
    public void WithoutExplorationTheTemperatureMovesPlayTheMostVisited()
    {
        // A fast move of playout cap randomisation: no draw by visits even in the opening.
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        var moves = Valued(game, ("A1", 30, 0.6), ("B2", 29, 0.6));
        var policy = new MovePolicy(TrompTaylor with { TemperatureMoves = 100 }, seed: 1);
        for (int i = 0; i < 20; i++) Assert.Equal("A1", Vertex.ToGtp(policy.Choose(game, Result(moves), explore: false), game.Geometry));
        var drawn = Enumerable.Range(0, 40).Select(_ => Vertex.ToGtp(policy.Choose(game, Result(moves)), game.Geometry)).ToHashSet();
        Assert.Contains("B2", drawn);
    }

    [Fact]
    public void LcbPicksAWellVisitedMoveTheSearchIsSurerOfOverTheMostVisited()
    {
        var game = new Game(5, Komi);
        // C3: 55% but its values spread widely; B2: 60% and consistent. Bounds: C3 0.55 − t(99)·√(0.8/4/100) ≈ 0.35,
        // B2 0.60 − t(59)·√(0.04/4/60) ≈ 0.54.
        var moves = Spread(game, ("C3", 100, 0.55, 0.8), ("B2", 60, 0.60, 0.04), ("D4", 5, 0.9, 0));
        Assert.True(moves[1].Lcb > moves[0].Lcb + 0.1);
        Assert.Equal(moves[1].Move, Choose(Lcb, game, moves));
        Assert.Equal(moves[0].Move, Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void AMoveAtOrUnderTheVisitRatioIsNeverChosenByItsBound()
    {
        var game = new Game(5, Komi);
        // B2 has exactly 10% of C3's visits: Leela Zero asks for more. Its bound would win by far.
        var moves = Spread(game, ("C3", 1000, 0.50, 0.5), ("B2", 100, 0.99, 0));
        Assert.True(moves[1].Lcb > moves[0].Lcb);
        Assert.Equal(moves[0].Move, Choose(Lcb, game, moves));
        // With few visits a move needs more than 2, whatever the ratio.
        var few = Spread(game, ("C3", 10, 0.50, 0.5), ("B2", 2, 0.99, 0));
        Assert.Equal(few[0].Move, Choose(Lcb, game, few));
        Assert.Equal(few[1].Move, Choose(Lcb, game, Spread(game, ("C3", 10, 0.50, 0.5), ("B2", 3, 0.99, 0))));
    }

    [Fact]
    public void EqualBoundsGoToMoreVisitsThenTheHigherValue()
    {
        var game = new Game(5, Komi);
        var moves = Spread(game, ("C3", 50, 0.5, 0), ("B2", 40, 0.5, 0), ("D4", 40, 0.5, 0));
        Assert.Equal(moves[0].Move, Choose(Lcb, game, moves));
        var ranked = MovePolicy.RankedByLcb(moves);
        Assert.Equal(moves.Select(m => m.Move), ranked.Select(m => m.Move));
    }

    [Fact]
    public void WithLcbOffTheMostVisitedIsPlayedWhateverTheBounds()
    {
        var random = new Random(5);
        var game = new Game(9, Komi);
        var points = game.Geometry.Points.ToArray();
        for (int trial = 0; trial < 500; trial++)
        {
            var moves = points.OrderBy(_ => random.Next()).Take(6)
                .Select(p => new RootMoveStats(new Move(p), random.Next(1, 400), 2 * random.NextDouble() - 1, 0.1f, random.NextDouble()))
                .OrderByDescending(m => m.Visits).ToList();
            Assert.Equal(moves[0].Move, Choose(TrompTaylor with { ResignThreshold = 0 }, game, moves));
        }
    }

    [Fact]
    public void ALosingPassOfBestBoundIsReplacedByThePlayOfNextBestBound()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        // The pass is first by its bound; passing loses, so the next by bound, E3, not the more visited A3.
        var moves = Spread(game, ("A3", 100, 0.30, 0.9), ("pass", 90, 0.45, 0), ("E3", 80, 0.40, 0.01));
        Assert.Equal(Vertex.ParseGtp("E3", game.Geometry), Choose(Lcb, game, moves));
        Assert.Equal(Vertex.ParseGtp("A3", game.Geometry), Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void PassThatLosesIsReplacedByTheMostVisitedPlay()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var moves = Visits(game, ("pass", 50), ("A3", 20), ("E3", 10));
        Assert.Equal(Vertex.ParseGtp("A3", game.Geometry), Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void PassThatWinsStays()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        var moves = Visits(game, ("pass", 50), ("E3", 20));
        Assert.Equal(Move.Pass, Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void AfterTheOpponentPassesAWinningPlayerPasses()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        game.Play(Color.White, Move.Pass);
        var moves = Visits(game, ("E3", 50), ("pass", 20));
        Assert.Equal(Move.Pass, Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void AfterTheOpponentPassesALosingPlayerPlaysOn()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        game.Play(Color.Black, Move.Pass);
        var moves = Visits(game, ("B3", 50), ("pass", 20));
        Assert.Equal(moves[0].Move, Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void AfterTheOpponentPassesAWinningPlayerPlaysOnWhileAFightIsOpen()
    {
        // The end of a game against GNU Go level 1: the playouts' judgement gives Black the win, but Black's first-line
        // chain is in a race it cannot call (Engine's UnsettledStonesTests), and GNU Go counted the game for White.
        var game = Diagram.Game(EndPositions.Game25, RulesOptions.Default, Color.White);
        game.Play(Color.White, Move.Pass);
        var judged = TrompTaylor with { PassScoring = PassScoring.JudgedDeadStones };
        Assert.True(MovePolicy.Margin(game, Color.Black, PassScoring.JudgedDeadStones) > 0);

        var searchPlays = Visits(game, ("J1", 50), ("pass", 20));
        Assert.Equal("J1", Vertex.ToGtp(new MovePolicy(judged, 1).Choose(game, Result(searchPlays)), game.Geometry));
        // The search's own pass still ends a game the judgement says is won.
        var searchPasses = Visits(game, ("pass", 50), ("J1", 20));
        Assert.Equal(Move.Pass, new MovePolicy(judged, 1).Choose(game, Result(searchPasses)));
    }

    [Fact]
    public void AfterTheOpponentPassesAWinningPlayerFillsTheDameItsSearchWouldFill()
    {
        // Both groups live, Black leads; C3, between them, counts for nobody until someone fills it.
        const string withDame = """
            . X X O .
            . X X O O
            X X . O .
            . X X O O
            . X X O .
            """;
        var judged = TrompTaylor with { PassScoring = PassScoring.JudgedDeadStones };
        var open = Diagram.Game(withDame, Komi, Color.White);
        open.Play(Color.White, Move.Pass);
        Assert.Equal(["C3"], DeadStones.Judge(open.Current).OpenPoints().Select(p => Vertex.ToGtp(new Move(p), open.Geometry)));
        Assert.Equal("C3", Vertex.ToGtp(new MovePolicy(judged, 1).Choose(open, Result(Visits(open, ("C3", 50), ("pass", 20)))), open.Geometry));

        var filled = Diagram.Game(withDame.Replace("X X . O .", "X X X O ."), Komi, Color.White);
        filled.Play(Color.White, Move.Pass);
        Assert.Empty(DeadStones.Judge(filled.Current).OpenPoints());
        Assert.Equal(Move.Pass, new MovePolicy(judged, 1).Choose(filled, Result(Visits(filled, ("A4", 50), ("pass", 20)))));
    }

    [Fact]
    public void OwnEyesAreNeverFilledInsteadOfPassing()
    {
        // White is behind but has only its own eyes left to fill: passing is all that is left.
        var game = Diagram.Game("""
            X X X X X
            X X X X X
            X X O O O
            X X O . O
            X X O O .
            """, Komi, Color.White);
        var moves = Visits(game, ("pass", 30), ("D2", 5), ("E1", 5));
        Assert.Equal(Move.Pass, Choose(TrompTaylor, game, moves));
    }

    [Fact]
    public void NothingVisitedIsAPass()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.Black);
        Assert.Equal(Move.Pass, Choose(TrompTaylor, game, Visits(game, ("E3", 0), ("A3", 0))));
    }

    [Fact]
    public void JudgedMarginTakesDeadStonesOff()
    {
        // A lone white stone in Black's mouth is dead: by Tromp-Taylor it keeps its point and spoils Black's area
        // around the mouth; judged, Black has the whole board.
        var game = Diagram.Game("""
            . . . . .
            . X X X .
            . X O X .
            . X . X .
            . . . . .
            """, RulesOptions.Default with { Komi = 0 }, Color.White);
        Assert.Equal(-25, MovePolicy.Margin(game, Color.White, PassScoring.JudgedDeadStones));
        Assert.True(MovePolicy.Margin(game, Color.White, PassScoring.TrompTaylor) > -25);
    }

    // Issue 18's case (DeadStoneJudgeTests): B5 is dead to GNU Go and to an ownership network.
    private const string WallsWithAStoneInside = DeadStoneJudgeTests.WallsWithAStoneInsideDiagram;

    [Fact]
    public void ThePassRulesAndCleanupJudgeDeadStonesWithTheOwnershipNetworkTheyAreGiven()
    {
        var judge = DeadStoneJudge.For(new InfluenceOwnershipModel(9));
        var probe = Diagram.Game(WallsWithAStoneInside, RulesOptions.Default with { Komi = 0 }, Color.White);
        double byOwnership = judge.Judge(probe).BlackMinusWhite(0), byPlayouts = DeadStones.Judge(probe).BlackMinusWhite(0);
        Assert.True(byPlayouts < byOwnership, $"the playouts ({byPlayouts}) should see less for Black than the ownership ({byOwnership})");
        // White has just passed; at this komi Black wins by 0.5 if B5 is dead and loses if it is alive.
        var game = Diagram.Game(WallsWithAStoneInside, RulesOptions.Default with { Komi = byOwnership - 0.5 }, Color.White);
        game.Play(Move.Pass);
        var moves = Visits(game, ("A1", 30), ("pass", 10));
        var judged = TrompTaylor with { PassScoring = PassScoring.JudgedDeadStones };

        Assert.Equal(Move.Pass, new MovePolicy(judged, 1, judge).Choose(game, Result(moves)));
        Assert.Equal("A1", Vertex.ToGtp(new MovePolicy(judged, 1).Choose(game, Result(moves)), game.Geometry));
        // kgs-genmove_cleanup: B5 is dead to the network, so Black attacks it before passing.
        Assert.Contains(Vertex.ToGtp(new MovePolicy(judged, 1, judge).Choose(game, Result(moves), cleanup: true), game.Geometry), new[] { "A5", "B4", "B6", "C5" });
    }

    [Fact]
    public void ALosingPassThatTheRuleReplacesIsNoReasonToResign()
    {
        // White, behind, would lose by passing (win rate 1%), the most visited move; the rule plays A3 instead, at 40%.
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var moves = Valued(game, ("pass", 120, 0.01), ("A3", 60, 0.40), ("E3", 20, 0.30));
        Assert.Equal(Vertex.ParseGtp("A3", game.Geometry), Choose(ResignAt5, game, moves, rootVisits: 200));
        // The search alone (most visited move below 5%) would have resigned.
        Assert.True((1 + moves[0].Q) / 2 < ResignAt5.ResignThreshold);
    }

    [Fact]
    public void ResignsWhenTheMoveItWouldPlayIsLost()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        Assert.Equal(Move.Resign, Choose(ResignAt5, game, Valued(game, ("pass", 120, 0.01), ("A3", 60, 0.03)), rootVisits: 200));
        Assert.Equal(Move.Resign, Choose(ResignAt5, game, Valued(game, ("A3", 150, 0.02), ("pass", 50, 0.01)), rootVisits: 200));
    }

    [Fact]
    public void NoResignationWithoutEnoughVisitsOrWithoutThreshold()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var lost = Valued(game, ("A3", 150, 0.02));
        Assert.False(Choose(ResignAt5, game, lost, rootVisits: 99).IsResign);
        Assert.False(Choose(ResignAt5 with { ResignThreshold = 0 }, game, lost, rootVisits: 200).IsResign);
        // A replacement the search never visited tells nothing about the game: no resignation.
        Assert.False(Choose(ResignAt5, game, Valued(game, ("pass", 200, 0.01)), rootVisits: 200).IsResign);
    }

    [Fact]
    public void AGamePlayedOutRemembersWhoWouldHaveResignedAndPlaysOn()
    {
        var game = Diagram.Game(BlackAhead, Komi, Color.White);
        var policy = new MovePolicy(ResignAt5 with { NoResignShare = 1 }, seed: 1);
        Assert.False(policy.ResignationEnabled);
        var lost = Valued(game, ("pass", 120, 0.01), ("A3", 60, 0.03));
        // Instead of resigning, the pass rules' move: passing would lose.
        Assert.Equal(Vertex.ParseGtp("A3", game.Geometry), policy.Choose(game, Result(lost, 200)));
        Assert.Equal(Color.White, policy.WouldHaveResigned);
        game.Play(Color.White, Vertex.ParseGtp("E3", game.Geometry));
        game.Play(Color.Black, Move.Pass);
        game.Play(Color.White, Vertex.ParseGtp("E2", game.Geometry));
        policy.Choose(game, Result(Valued(game, ("A2", 150, 0.01)), 200));
        Assert.Equal(Color.White, policy.WouldHaveResigned); // the first who would have resigned, not the last
    }

    [Fact]
    public void TheShareOfPlayedOutGamesIsDrawnPerGame()
    {
        var options = TrompTaylor with { NoResignShare = 0.25 };
        int playedOut = Enumerable.Range(0, 2000).Count(seed => !new MovePolicy(options, (ulong)seed).ResignationEnabled);
        Assert.InRange(playedOut, 400, 600);
        Assert.True(new MovePolicy(TrompTaylor, seed: 3).ResignationEnabled);
    }

    [Fact]
    public void TemperatureMovesDrawInProportionToVisitsThenTheMostVisitedIsPlayed()
    {
        var game = new Game(5, Komi);
        var moves = Visits(game, ("C3", 60), ("B2", 30), ("D4", 10), ("A1", 0));
        var policy = new MovePolicy(TrompTaylor with { TemperatureMoves = 1 }, seed: 2);
        var drawn = Enumerable.Range(0, 3000).Select(_ => policy.Choose(game, Result(moves))).ToList();
        Assert.DoesNotContain(Vertex.ParseGtp("A1", game.Geometry), drawn);
        Assert.InRange(drawn.Count(m => m == moves[0].Move), 1650, 1950);
        Assert.InRange(drawn.Count(m => m == moves[1].Move), 750, 1050);
        Assert.InRange(drawn.Count(m => m == moves[2].Move), 200, 400);

        game.Play(Color.Black, Vertex.ParseGtp("C3", game.Geometry));
        var after = Visits(game, ("C2", 60), ("B2", 30), ("D4", 10));
        Assert.All(Enumerable.Range(0, 100), _ => Assert.Equal(after[0].Move, policy.Choose(game, Result(after))));
    }

    [Fact]
    public void SameSeedDrawsTheSameMoves()
    {
        var game = new Game(5, Komi);
        var moves = Visits(game, ("C3", 40), ("B2", 30), ("D4", 30));
        var options = TrompTaylor with { TemperatureMoves = 10 };
        List<Move> Draws(ulong seed)
        {
            var policy = new MovePolicy(options, seed);
            return Enumerable.Range(0, 50).Select(_ => policy.Choose(game, Result(moves))).ToList();
        }
        Assert.Equal(Draws(7), Draws(7));
        Assert.NotEqual(Draws(7), Draws(8));
    }

    [Fact]
    public void CleanupAttacksDeadStonesInsteadOfPassing()
    {
        // The lone white stone in Black's mouth is dead; Black, far ahead, would pass, but cleanup takes its liberty.
        var game = Diagram.Game("""
            . . . . .
            . X X X .
            . X O X .
            . X . X .
            . . . . .
            """, RulesOptions.Default with { Komi = 0 }, Color.Black);
        var moves = Visits(game, ("pass", 50), ("A1", 10));
        var policy = new MovePolicy(MovePolicyOptions.Default, seed: 1);
        Assert.Equal(Move.Pass, policy.Choose(game, Result(moves)));
        Assert.Equal(Vertex.ParseGtp("C2", game.Geometry), policy.Choose(game, Result(moves), cleanup: true));
    }

    [Theory]
    [InlineData(1.5, 0, 0)]
    [InlineData(double.NaN, 0, 0)]
    [InlineData(0.05, -0.1, 0)]
    [InlineData(0.05, 0, -1)]
    public void OptionsOutOfRangeAreRefused(double threshold, double noResignShare, int temperatureMoves) =>
        Assert.Throws<ArgumentException>(() => new MovePolicy(new MovePolicyOptions
        {
            ResignThreshold = threshold, NoResignShare = noResignShare, TemperatureMoves = temperatureMoves,
        }, seed: 1));
}
