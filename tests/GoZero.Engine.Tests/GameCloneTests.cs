using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>Copies of a game share its past positions; each copy must still play, undo and judge superko on its own,
/// and cost no more than pointers for a long history.</summary>
public class GameCloneTests
{
    private static Game RandomGame(int size, int plies, int seed)
    {
        var game = new Game(size);
        var random = new Random(seed);
        for (int i = 0; i < plies; i++)
        {
            var legal = game.LegalMoves();
            // Mostly stones, a pass now and then, so that captures and repetitions come up.
            game.Play(random.Next(10) == 0 ? Move.Pass : legal[random.Next(legal.Count)]);
        }
        return game;
    }

    private static Game Passes(int size, int passes)
    {
        var game = new Game(size);
        for (int i = 0; i < passes; i++) game.Play(Move.Pass);
        return game;
    }

    private static ulong[] Hashes(Game game) =>
        Enumerable.Range(0, game.MoveCount + 1).Select(k => game.PositionBefore(k)!.Hash).ToArray();

    [Fact]
    public void UndoAndPlayInTheOriginalLeaveTheCloneAsItWas()
    {
        var game = RandomGame(7, 60, 1);
        var clone = game.Clone();
        var expected = Hashes(clone);
        var random = new Random(2);
        for (int i = 0; i < 30; i++) game.Undo();
        game.SetToMove(game.ToMove.Opponent());
        for (int i = 0; i < 40; i++)
        {
            var legal = game.LegalMoves();
            game.Play(legal[random.Next(legal.Count)]);
        }
        Assert.Equal(expected, Hashes(clone));
        Assert.Equal(60, clone.MoveCount);
    }

    [Fact]
    public void UndoAndPlayInTheCloneLeaveTheOriginalAsItWas()
    {
        var game = RandomGame(7, 60, 3);
        var expected = Hashes(game);
        var clone = game.Clone();
        var random = new Random(4);
        for (int i = 0; i < 50; i++) clone.Undo();
        clone.SetToMove(clone.ToMove.Opponent());
        for (int i = 0; i < 40; i++)
        {
            var legal = clone.LegalMoves();
            clone.Play(legal[random.Next(legal.Count)]);
        }
        while (clone.Undo()) { }
        clone.SetUp([(new Move(game.Geometry.Points.First()), Color.White)], Color.Black);
        Assert.Equal(expected, Hashes(game));
    }

    [Fact]
    public void ARecentCloneKeepsTheLastBoardsAndJudgesSuperkoOverTheWholeGame()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 20; trial++)
        {
            var game = RandomGame(5, 40 + random.Next(200), trial);
            var recent = game.CloneRecent(8);
            for (int k = 0; k < 8; k++) Assert.Equal(game.PositionBefore(k)?.Hash, recent.PositionBefore(k)?.Hash);
            Assert.Null(recent.PositionBefore(8));
            foreach (int point in game.Geometry.Points)
                Assert.Equal(game.CheckLegality(new Move(point)), recent.CheckLegality(new Move(point)));
            // Down a line of play and back, as a search thread goes; undo stops at the oldest board kept.
            int played = 0;
            for (; played < 10 && !recent.IsOver; played++)
            {
                var legal = recent.LegalMoves();
                var move = legal[random.Next(legal.Count)];
                Assert.Equal(game.CheckLegality(move), recent.CheckLegality(move));
                game.Play(move);
                recent.Play(move);
            }
            int undone = 0;
            while (recent.Undo()) undone++;
            Assert.Equal(7 + played, undone);
            Assert.Equal(game.PositionBefore(7 + played)!.Hash, recent.Current.Hash);
        }
    }

    [Fact]
    public void CloningALongGameCopiesNoPastPositions()
    {
        var game = Passes(9, 20_000);
        game.Clone();
        long onePosition = Allocated(() => game.Current.Clone());
        long clone = Allocated(() => game.Clone());
        // Pointers, moves and players: well under 64 bytes a move; a copy of every board would be 20,000 positions.
        Assert.True(clone < 64L * 20_000 + 4 * onePosition, $"a clone of 20,000 moves allocated {clone} bytes; one position is {onePosition}");
    }

    [Fact]
    public void ARecentCloneCostsTheSameForAnyLengthOfGame()
    {
        var shortGame = Passes(9, 20);
        var longGame = Passes(9, 100_000);
        shortGame.CloneRecent(8);
        longGame.CloneRecent(8);
        long onShort = Allocated(() => shortGame.CloneRecent(8));
        long onLong = Allocated(() => longGame.CloneRecent(8));
        Assert.Equal(onShort, onLong);
    }

    private static long Allocated(Func<object> action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        GC.KeepAlive(action());
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
