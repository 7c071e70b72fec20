using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

public class FinalTargetsTests
{
    public static TheoryData<int> Sizes => [2, 5, 9, 19];

    /// <summary>Final targets whose ownership is the stones of <paramref name="game"/> now: +1 Black, −1 White.</summary>
    private static FinalTargets StonesAsOwnership(Game game, float? blackScore = 2.5f)
    {
        var geometry = game.Geometry;
        var ownership = new sbyte[geometry.Area];
        for (int index = 0; index < ownership.Length; index++)
            ownership[index] = game.Current[geometry.PointOfDenseIndex(index)] switch { Color.Black => 1, Color.White => -1, _ => 0 };
        return new FinalTargets(game.Size, ownership, blackScore);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void OwnershipUnpacksUnderEverySymmetryAsThePlanesDo(int size)
    {
        // With the stones of the position as its "final" owners, the mover's view of ownership under a symmetry is
        // exactly the mover's stone plane minus the opponent's under that symmetry.
        var random = new Random(size);
        int area = size * size;
        var planes = new float[InputPlanes.Length(size)];
        var policy = new float[area + 1];
        var ownership = new float[area];
        for (int i = 0; i < 30; i++)
        {
            var game = RandomTrainingData.Game(size, random.Next(2 * area), random);
            var sample = TrainingSample.Capture(game, RandomTrainingData.Policy(size, random), 0);
            sample.SetFinalTargets(StonesAsOwnership(game));
            for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
            {
                sample.Unpack(symmetry, planes, policy);
                Assert.True(sample.UnpackOwnership(symmetry, ownership));
                var mine = planes.AsSpan(0, area);
                var theirs = planes.AsSpan(InputPlanes.HistoryLength * area, area);
                for (int index = 0; index < area; index++) Assert.Equal(mine[index] - theirs[index], ownership[index]);
            }
        }
    }

    [Fact]
    public void OwnershipAndScoreAreFromTheMoversView()
    {
        var game = new Game(5);
        game.Play(Color.Black, Vertex.ParseGtp("C3", game.Geometry));
        var whiteToMove = TrainingSample.Capture(game, RandomTrainingData.Policy(5, new Random(1)), 0);
        game.Play(Color.White, Vertex.ParseGtp("D3", game.Geometry));
        var blackToMove = TrainingSample.Capture(game, RandomTrainingData.Policy(5, new Random(2)), 0);
        var targets = StonesAsOwnership(game, blackScore: 3.5f);
        whiteToMove.SetFinalTargets(targets);
        blackToMove.SetFinalTargets(targets);

        Assert.Equal(3.5f, blackToMove.Score);
        Assert.Equal(-3.5f, whiteToMove.Score);
        var black = new float[25];
        var white = new float[25];
        blackToMove.UnpackOwnership(0, black);
        whiteToMove.UnpackOwnership(0, white);
        int c3 = game.Geometry.DenseIndexOf(Vertex.ParseGtp("C3", game.Geometry).Point);
        int d3 = game.Geometry.DenseIndexOf(Vertex.ParseGtp("D3", game.Geometry).Point);
        Assert.Equal((1f, -1f), (black[c3], black[d3]));
        Assert.Equal((-1f, 1f), (white[c3], white[d3]));
        Assert.Equal(black.Select(o => -o), white);
    }

    [Fact]
    public void ASampleWithoutOwnershipUnpacksZerosAndSaysSo()
    {
        var game = RandomTrainingData.Game(5, 10, new Random(3));
        var sample = TrainingSample.Capture(game, RandomTrainingData.Policy(5, new Random(3)), 0);
        var ownership = Enumerable.Repeat(7f, 25).ToArray();
        Assert.False(sample.UnpackOwnership(3, ownership));
        Assert.All(ownership, o => Assert.Equal(0f, o));
        Assert.Null(sample.Score);

        sample.SetFinalTargets(new FinalTargets(5, null, -1.5f));
        Assert.False(sample.UnpackOwnership(3, ownership));
        Assert.Equal(sample.ToMove == Color.Black ? -1.5f : 1.5f, sample.Score);
    }

    [Fact]
    public void TargetsOfAnotherBoardSizeAreRefused()
    {
        var sample = TrainingSample.Capture(new Game(5), RandomTrainingData.Policy(5, new Random(4)), 0);
        var error = Assert.Throws<ArgumentException>(() => sample.SetFinalTargets(new FinalTargets(9, null, 0f)));
        Assert.Contains("9×9 game cannot go with a 5×5 sample", error.Message);
    }

    [Theory]
    [InlineData(1, 4, 0f, "board size 1 is outside 2..25")]
    [InlineData(3, -1, null, "final targets with neither an ownership nor a score")]
    [InlineData(3, 8, null, "the final ownership of a 3×3 game has 9 points, not 8")]
    [InlineData(3, 9, 1034.5f, "the final score 1034.5 is not a score of a 3×3 game")]
    [InlineData(3, 9, float.NaN, "the final score NaN is not a score of a 3×3 game")]
    public void PartsThatMakeNoFinalTargetsAreRefusedWithAReason(int size, int ownershipLength, float? score, string reason)
    {
        sbyte[]? ownership = ownershipLength < 0 ? null : new sbyte[ownershipLength];
        Assert.Equal(reason, FinalTargets.Problem(size, ownership, score));
        Assert.Equal(reason, Assert.Throws<ArgumentException>(() => new FinalTargets(size, ownership, score)).Message);
        Assert.Null(FinalTargets.Problem(3, new sbyte[9], 9 + 1000f));
    }

    [Fact]
    public void AnOwnerOtherThanMinusOneZeroOrOneIsRefused()
    {
        var ownership = new sbyte[9];
        ownership[4] = 2;
        Assert.Equal("the final owner of point 4 is 2, not -1, 0 or 1", FinalTargets.Problem(3, ownership, null));
    }
}
