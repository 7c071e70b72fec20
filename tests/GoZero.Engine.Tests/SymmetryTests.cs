using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class SymmetryTests
{
    [Fact]
    public void SymmetryZeroIsTheIdentity()
    {
        var map = Symmetry.DenseMap(19, 0);
        for (int i = 0; i < map.Length; i++) Assert.Equal(i, map[i]);
    }

    [Fact]
    public void SymmetriesFollowLeelaZeroNumbering()
    {
        // s&4 swaps x and y, then s&2 mirrors x, then s&1 mirrors y (Leela Zero Network.cpp).
        Assert.Equal((18, 0), Symmetry.Transform(0, 0, 2, 19));
        Assert.Equal((0, 18), Symmetry.Transform(0, 0, 1, 19));
        Assert.Equal((5, 3), Symmetry.Transform(3, 5, 4, 19));
        Assert.Equal((13, 3), Symmetry.Transform(3, 5, 6, 19));
        Assert.Equal((5, 15), Symmetry.Transform(3, 5, 5, 19));
    }

    [Fact]
    public void EverySymmetryIsAPermutationUndoneByItsInverse()
    {
        foreach (int size in new[] { 2, 5, 9, 19, 25 })
            for (int s = 0; s < Symmetry.Count; s++)
            {
                var map = Symmetry.DenseMap(size, s).ToArray();
                var inverse = Symmetry.DenseMap(size, Symmetry.Inverse(s));
                Assert.Equal(Enumerable.Range(0, size * size), map.Order());
                for (int i = 0; i < map.Length; i++) Assert.Equal(i, inverse[map[i]]);
            }
    }

    [Fact]
    public void TheEightSymmetriesAreDistinct()
    {
        var images = Enumerable.Range(0, Symmetry.Count).Select(s => string.Join(",", Symmetry.DenseMap(9, s).ToArray()));
        Assert.Equal(8, images.Distinct().Count());
    }

    [Fact]
    public void SymmetricPositionsKeepLibertiesAndScore()
    {
        var geometry = BoardGeometry.Of(9);
        var random = new Random(5);
        var game = new Game(9);
        for (int i = 0; i < 40; i++)
        {
            var legal = game.LegalMoves();
            game.Play(legal[random.Next(legal.Count - 1)]);
        }
        for (int s = 0; s < Symmetry.Count; s++)
        {
            var image = new Game(9);
            image.SetUp(geometry.Points.Where(p => game.Current[p] != Color.Empty)
                .Select(p => (Symmetry.Apply(new Move(p), geometry, s), game.Current[p])), Color.Black);
            foreach (int p in geometry.Points)
                Assert.Equal(game.Current.LibertiesOf(p), image.Current.LibertiesOf(Symmetry.Apply(new Move(p), geometry, s).Point));
            Assert.Equal(AreaScoring.BlackMinusWhite(game.Current, 7.5), AreaScoring.BlackMinusWhite(image.Current, 7.5));
        }
    }
}
