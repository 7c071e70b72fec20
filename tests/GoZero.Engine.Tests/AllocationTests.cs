using GoZero.Engine;

namespace GoZero.Engine.Tests;

/// <summary>The hot paths a search leans on — copying a position, choosing and playing moves — must not allocate.</summary>
public class AllocationTests
{
    [Fact]
    public void PlayoutsAndCopyMakeAllocateNothing()
    {
        var geometry = BoardGeometry.Of(19);
        var empty = new Position(geometry);
        var playout = new Playout(geometry, seed: 9);
        var copy = new Position(geometry);
        // Warm up, so that what the JIT allocates once is not counted.
        for (int i = 0; i < 20; i++) playout.Run(empty);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int moves = 0;
        for (int i = 0; i < 50; i++)
        {
            moves += playout.Run(empty);
            copy.CopyFrom(playout.FinalPosition);
            copy.Play(Move.Pass);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(moves > 50 * 300, $"only {moves} moves were played");
        Assert.Equal(0, allocated);
    }
}
