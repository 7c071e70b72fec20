using GoZero.Engine;
using GoZero.Engine.Tests;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class MatchGameTests
{
    private static Game Empty(int size = 5) => new(size, RulesOptions.Default with { Komi = 0.5 });

    [Fact]
    public void TwoPassesEndTheGameScoredByArea()
    {
        // Black walls off the left three columns of a 5×5 board (15 points), White the right two (10) minus komi 0.5.
        var black = new ScriptedPlayer("black", "C1", "C2", "C3", "C4", "C5");
        var white = new ScriptedPlayer("white", "D1", "D2", "D3", "D4", "D5");
        var outcome = MatchGame.Play(black, white, Empty(), maxMoves: 100);
        Assert.Equal("two passes", outcome.Ending);
        Assert.Equal("B+4.5", outcome.Result.ToString());
        Assert.Equal(12, outcome.Game.MoveCount);
        Assert.Equal(12, outcome.Comments.Count);
    }

    [Fact]
    public void OpponentIsToldEveryMoveButTheMoverIsNot()
    {
        var black = new ScriptedPlayer("black", "C3");
        var white = new ScriptedPlayer("white", "D4");
        MatchGame.Play(black, white, Empty(), maxMoves: 100);
        Assert.Equal(Color.White, black.Told[0].Player);
        Assert.Equal(Color.Black, white.Told[0].Player);
        Assert.All(black.Told, t => Assert.Equal(Color.White, t.Player));
        Assert.All(white.Told, t => Assert.Equal(Color.Black, t.Player));
    }

    [Fact]
    public void ResignationLosesTheGame()
    {
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "resign"), new ScriptedPlayer("white", "D4"), Empty(), 100);
        Assert.Equal("W+R", outcome.Result.ToString());
        Assert.Equal("resignation", outcome.Ending);
    }

    [Fact]
    public void IllegalMoveForfeitsTheGame()
    {
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3"), new ScriptedPlayer("white", "C3"), Empty(), 100);
        Assert.Equal("B+F", outcome.Result.ToString());
        Assert.Contains("illegal move W C3", outcome.Ending);
    }

    [Fact]
    public void RetakingAKoAtOnceForfeits()
    {
        // White C3 sits in Black's mouth (B3, C2, C4); Black D3 takes it and is itself in atari against D2, E3, D4.
        var start = Empty();
        foreach (string vertex in new[] { "B3", "D2", "C2", "D4", "C4", "E3", "A1", "C3" })
            start.Play(Vertex.ParseGtp(vertex, start.Geometry));
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "D3"), new ScriptedPlayer("white", "C3"), start, 100);
        Assert.Equal("B+F", outcome.Result.ToString());
        Assert.Contains("illegal move W C3", outcome.Ending);
    }

    [Fact]
    public void CrashingPlayerForfeits()
    {
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "C4"), new ScriptedPlayer("white", "D4") { FailAtMove = 3 }, Empty(), 100);
        Assert.Equal("B+F", outcome.Result.ToString());
        Assert.Equal("white crashed", outcome.Ending);
    }

    // Black walls off the left three columns of a 5×5 board, White the right two: B+4.5 at komi 0.5.
    private static ScriptedPlayer WallingBlack(string? count = null, params string[] cleanup) =>
        new("black", "C1", "C2", "C3", "C4", "C5") { Count = count, CleanupMoves = new(cleanup) };

    private static ScriptedPlayer WallingWhite(string? count = null, params string[] cleanup) =>
        new("white", "D1", "D2", "D3", "D4", "D5") { Count = count, CleanupMoves = new(cleanup) };

    [Fact]
    public void CountsThatDifferFromTheRefereesSendTheGameToACleanup()
    {
        var black = WallingBlack();
        var white = WallingWhite(count: "W+1.5", cleanup: ["E5"]);
        var outcome = MatchGame.Play(black, white, Empty(), maxMoves: 100, cleanupDisputes: true);

        Assert.Equal("two passes, the counts differed, a cleanup and two passes", outcome.Ending);
        // Black passes first in the cleanup (it is Black's move after White's pass), White plays E5, then both pass.
        Assert.Equal(12 + 4, outcome.Game.MoveCount);
        Assert.Equal("E5", Vertex.ToGtp(outcome.Game.Moves[13], outcome.Game.Geometry));
        Assert.Equal((2, 2), (black.CleanupAsked, white.CleanupAsked));
        Assert.Equal("B+4.5", outcome.Result.ToString());
        Assert.Equal("W+1.5", outcome.Counts!["white"]);
        var record = new MatchGameRecord(1, true, outcome.Result.ToString(), outcome.Ending, outcome.Game.MoveCount, 0, "game-0001.sgf", outcome.Counts);
        Assert.Equal((1, 1, 1), (MatchSummary.Of([record]).Cleanups, MatchSummary.Of([record]).Counted, MatchSummary.Of([record]).CountDisagreements));
    }

    [Fact]
    public void AResignationInACleanupIsCountedAsACleanup()
    {
        var black = WallingBlack();
        var white = WallingWhite(count: "W+1.5", cleanup: ["resign"]);
        var outcome = MatchGame.Play(black, white, Empty(), maxMoves: 100, cleanupDisputes: true);

        Assert.Equal(("B+R", "resignation in a cleanup"), (outcome.Result.ToString(), outcome.Ending));
        var record = new MatchGameRecord(1, true, outcome.Result.ToString(), outcome.Ending, outcome.Game.MoveCount, 0, "game-0001.sgf");
        Assert.True(record.HadCleanup);
    }

    [Fact]
    public void CountsThatAgreeOrACleanupNotAskedForEndTheGameAtTwoPasses()
    {
        var agreeing = WallingWhite(count: "B+4.5");
        var agreed = MatchGame.Play(WallingBlack(), agreeing, Empty(), maxMoves: 100, cleanupDisputes: true);
        var differing = WallingWhite(count: "W+1.5");
        var notAsked = MatchGame.Play(WallingBlack(), differing, Empty(), maxMoves: 100);

        Assert.Equal(("two passes", 12), (agreed.Ending, agreed.Game.MoveCount));
        Assert.Equal(("two passes", 12), (notAsked.Ending, notAsked.Game.MoveCount));
        Assert.Equal(0, agreeing.CleanupAsked + differing.CleanupAsked);
    }

    [Fact]
    public void AFightTheRefereeCannotCallIsSettledByACleanup()
    {
        // The end of a game against GNU Go level 1 (EndPositions.Game25): Black's first-line chain (liberties A1 and
        // J1) is in a race the playouts cannot call. In the cleanup White takes A1 and J1: the chain is captured.
        var start = Diagram.Game(EndPositions.Game25, RulesOptions.Default, Color.Black);
        var black = new ScriptedPlayer("black");
        var white = new ScriptedPlayer("white") { CleanupMoves = new(["A1", "J1"]) };
        var outcome = MatchGame.Play(black, white, start, maxMoves: 300, cleanupDisputes: true);

        Assert.StartsWith("two passes, a fight left open, a cleanup", outcome.Ending);
        Assert.Equal(Color.Empty, outcome.Game.Current[Vertex.ParseGtp("E1", start.Geometry).Point]);
        Assert.Equal(Color.White, outcome.Result.Winner);
    }

    [Fact]
    [Trait("Category", "External")]
    public void GnuGoSettlesTheOpenRaceOfItsOwnGameInTheCleanup()
    {
        // Game 25 again, GNU Go level 1 as White as it was: its kgs-genmove_cleanup takes Black's first-line chain,
        // which its final_score had called dead, and the referee then gives the game to White as GNU Go counted it.
        string gnugo = File.Exists("/usr/games/gnugo") ? "/usr/games/gnugo" : "gnugo";
        using var engine = new GtpEnginePlayer("gnugo", gnugo, ["--mode", "gtp", "--level", "1", "--chinese-rules"], TimeSpan.FromSeconds(60));
        var outcome = MatchGame.Play(new ScriptedPlayer("black"), engine, PlayedOut(EndPositions.Game25), maxMoves: 300, cleanupDisputes: true);

        Assert.StartsWith("two passes, a fight left open, a cleanup and two passes", outcome.Ending);
        Assert.Equal(Color.White, outcome.Result.Winner);
        Assert.Equal(outcome.Result.ToString(), outcome.Counts!["gnugo"]);
    }

    /// <summary>The diagram's stones played as moves, Black's and White's in turn and a pass for the side that has
    /// none left (an engine learns a game's stones from its moves). Nothing is captured on the way: every chain of
    /// the finished board has a liberty, and so has every part of it placed earlier.</summary>
    private static Game PlayedOut(string diagram)
    {
        var board = Diagram.Position(diagram);
        var geometry = board.Geometry;
        var black = geometry.Points.Where(p => board[p] == Color.Black).ToList();
        var white = geometry.Points.Where(p => board[p] == Color.White).ToList();
        var game = new Game(geometry.Size, RulesOptions.Default);
        for (int i = 0; i < Math.Max(black.Count, white.Count); i++)
        {
            game.Play(Color.Black, i < black.Count ? new Move(black[i]) : Move.Pass);
            game.Play(Color.White, i < white.Count ? new Move(white[i]) : Move.Pass);
        }
        Assert.Equal(board.ToString(), game.Current.ToString());
        return game;
    }

    [Fact]
    public void MoveLimitScoresTheGameAsItStands()
    {
        var outcome = MatchGame.Play(new ScriptedPlayer("black", "C3", "C4"), new ScriptedPlayer("white", "D4", "D3"), Empty(), maxMoves: 3);
        Assert.Equal(3, outcome.Game.MoveCount);
        Assert.Equal("move limit (3)", outcome.Ending);
        Assert.Equal(ResultKind.Score, outcome.Result.Kind);
    }
}
