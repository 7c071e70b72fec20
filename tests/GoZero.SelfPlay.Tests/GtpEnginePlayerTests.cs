using GoZero.Engine;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>The match against a real child process speaking GTP over pipes: the fake engine plays properly or fails
/// in the way asked, and the match must score the failure, not hang or crash.</summary>
public sealed class GtpEnginePlayerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private static Game Empty() => new(5, RulesOptions.Default with { Komi = 0.5 });

    [Fact]
    public void WellBehavedEnginePlaysAWholeGame()
    {
        using var engine = FakeEngine.Player("fake", Timeout);
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2"), engine, Empty(), 100);
        Assert.Equal("two passes", outcome.Ending);
        Assert.Equal(ResultKind.Score, outcome.Result.Kind);
        Assert.True(outcome.Game.MoveCount > 4);
    }

    [Theory]
    [InlineData("crash", "exited while answering 'genmove W'")]
    [InlineData("garbage", "which is not a move")]
    [InlineData("illegal", "illegal move W")]
    public void FailingEngineForfeitsTheGame(string failure, string expected)
    {
        using var engine = FakeEngine.Player("fake", Timeout, "--fail", failure, "--after", "2");
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2", "D4"), engine, Empty(), 100);
        Assert.Equal("B+F", outcome.Result.ToString());
        Assert.Contains(expected, outcome.Ending);
        Assert.Equal(3, outcome.Game.MoveCount);
    }

    /// <summary>An empty line before an answer is read past, as the match controller always did: a stray empty line
    /// is no reason to forfeit a game.</summary>
    [Fact]
    public void AnEmptyLineBeforeAnAnswerIsSkipped()
    {
        using var engine = FakeEngine.Player("fake", Timeout, "--fail", "blank", "--after", "2");
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2", "D4"), engine, Empty(), 100);
        Assert.Equal(ResultKind.Score, outcome.Result.Kind);
        Assert.True(outcome.Game.MoveCount >= 4, outcome.Ending);
    }

    [Fact]
    public void HangingEngineLosesOnItsMoveTimeout()
    {
        using var engine = FakeEngine.Player("fake", TimeSpan.FromSeconds(1), "--fail", "hang", "--after", "1");
        var started = DateTime.UtcNow;
        var outcome = MatchGame.Play(engine, new ScriptedPlayer("white", "C3"), Empty(), 100);
        Assert.Equal("W+F", outcome.Result.ToString());
        Assert.Contains("gave no answer to 'genmove B' within 1 s", outcome.Ending);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
    }

    [Fact]
    public void EngineIsRestartedForTheNextGameAfterACrash()
    {
        using var engine = FakeEngine.Player("fake", Timeout, "--fail", "crash", "--after", "2");
        var first = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2"), engine, Empty(), 100);
        Assert.Equal(ResultKind.Forfeit, first.Result.Kind);
        // The fresh process counts its genmoves from zero again, so it plays one move before crashing again.
        var second = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2"), engine, Empty(), 100);
        Assert.Equal(ResultKind.Forfeit, second.Result.Kind);
        Assert.Equal(3, second.Game.MoveCount);
    }

    [Fact]
    public void MissingProgramIsAClearError()
    {
        using var engine = new GtpEnginePlayer("nothing", "/nonexistent/engine", [], Timeout);
        var outcome = MatchGame.Play(engine, new ScriptedPlayer("white"), Empty(), 100);
        Assert.Equal("W+F", outcome.Result.ToString());
        Assert.Contains("could not be started", outcome.Ending);
    }

    [Fact]
    public void OpeningAndHandicapAreSentToTheEngine()
    {
        var start = new Game(9, RulesOptions.Default with { Komi = 0.5 });
        start.PlaceHandicap(Handicap.FixedPoints(start.Geometry, 2));
        start.Play(Color.White, Vertex.ParseGtp("E5", start.Geometry));
        using var engine = FakeEngine.Player("fake", Timeout);
        // The engine refuses moves on occupied points, so the game reaching two passes without a forfeit shows that it
        // was told of the handicap stones and the opening move.
        var outcome = MatchGame.Play(engine, new ScriptedPlayer("white", "D5", "F5"), start, 200);
        Assert.Equal("two passes", outcome.Ending);
    }

    /// <summary>Issue 20's check of what a player sees: after two passes the engine's own <c>final_score</c> is kept
    /// beside the referee's result, so a match against GNU Go says where the two count differently.</summary>
    [Fact]
    public void AnEnginesOwnCountIsKeptBesideTheReferees()
    {
        using var engine = FakeEngine.Player("fake", Timeout);
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2"), engine, Empty(), 100);
        Assert.Equal("two passes", outcome.Ending);
        var count = Assert.Single(outcome.Counts!);
        Assert.Equal("fake", count.Key);
        // The fake engine counts every stone alive, which is Tromp-Taylor's count of the final position.
        Assert.Equal(GameResult.FromScore(AreaScoring.BlackMinusWhite(outcome.Game.Current, 0.5)).ToString(), count.Value);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AnEngineThatCountsOtherwiseCleansUpWithItsCleanupCommandOrElseGenmove(bool knowsCleanup)
    {
        // A count 100 points off is a dispute: the game goes on, the fake engine asked for kgs-genmove_cleanup when
        // known_command says it has it (it then passes), else for genmove (an engine refusing known_command included).
        string[] arguments = knowsCleanup ? ["--count-bias", "100", "--cleanup"] : ["--count-bias", "100"];
        using var engine = FakeEngine.Player("fake", Timeout, arguments);
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2"), engine, Empty(), 100, cleanupDisputes: true);

        Assert.Equal("two passes, the counts differed, a cleanup and two passes", outcome.Ending);
        int firstEnd = Enumerable.Range(1, outcome.Game.MoveCount - 1).First(i => outcome.Game.Moves[i - 1].IsPass && outcome.Game.Moves[i].IsPass);
        Assert.Equal(firstEnd + 1 + 2, outcome.Game.MoveCount);
    }

    [Fact]
    public void AnEngineWithoutFinalScoreGivesNoCountAndKeepsPlaying()
    {
        using var engine = FakeEngine.Player("fake", Timeout, "--count", "none");
        var first = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2"), engine, Empty(), 100);
        Assert.Equal("two passes", first.Ending);
        Assert.Null(first.Counts);
        var second = MatchGame.Play(engine, new ScriptedPlayer("white", "C3"), Empty(), 100);
        Assert.Equal("two passes", second.Ending);
    }

    [Fact]
    public void ResignationsAndForfeitsAreNotCounted()
    {
        using var engine = FakeEngine.Player("fake", Timeout, "--fail", "crash", "--after", "2");
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "B2", "D4"), engine, Empty(), 100);
        Assert.Equal(ResultKind.Forfeit, outcome.Result.Kind);
        Assert.Null(outcome.Counts);
    }
}
