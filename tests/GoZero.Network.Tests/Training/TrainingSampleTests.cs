using GoZero.Engine;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Training;

public class TrainingSampleTests
{
    public static TheoryData<int> Sizes => [2, 5, 9, 19];

    [Theory]
    [MemberData(nameof(Sizes))]
    public void UnpackedPlanesAreWhatInputPlanesEncodesUnderEverySymmetry(int size)
    {
        var random = new Random(size);
        var planes = new float[InputPlanes.Length(size)];
        var expected = new float[InputPlanes.Length(size)];
        var target = new float[size * size + 1];
        for (int game = 0; game < 40; game++)
        {
            var played = RandomTrainingData.Game(size, random.Next(2 * size * size), random);
            var sample = TrainingSample.Capture(played, RandomTrainingData.Policy(size, random), (ulong)game);
            Assert.Equal(played.MoveCount, sample.MoveNumber);
            Assert.Equal(played.ToMove, sample.ToMove);
            for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
            {
                sample.Unpack(symmetry, planes, target);
                InputPlanes.Encode(played, symmetry, expected);
                Assert.Equal(expected, planes);
            }
        }
    }

    [Fact]
    public void AHandicapGameUnpacksAsEncoded()
    {
        var game = new Game(9);
        game.PlaceHandicap(Handicap.FixedPoints(game.Geometry, 4));
        game.Play(Vertex.ParseGtp("E5", game.Geometry));
        var sample = TrainingSample.Capture(game, RandomTrainingData.Policy(9, new Random(1)), 1);
        Assert.Equal(Color.Black, sample.ToMove);
        var planes = new float[InputPlanes.Length(9)];
        var expected = new float[InputPlanes.Length(9)];
        for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
        {
            sample.Unpack(symmetry, planes, new float[82]);
            InputPlanes.Encode(game, symmetry, expected);
            Assert.Equal(expected, planes);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void ThePolicyTargetMapsBackToTheSearchPolicyUnderEverySymmetry(int size)
    {
        var random = new Random(100 + size);
        var target = new float[size * size + 1];
        var back = new float[size * size + 1];
        for (int i = 0; i < 20; i++)
        {
            var sample = TrainingSample.Capture(RandomTrainingData.Game(size, random.Next(size * size), random), RandomTrainingData.Policy(size, random), 0);
            for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
            {
                sample.Unpack(symmetry, new float[InputPlanes.Length(size)], target);
                InputPlanes.MapPolicyBack(target, size, symmetry, back);
                Assert.Equal(sample.Policy.ToArray(), back);
                Assert.Equal(1.0, target.Sum(p => (double)p), 5);
            }
        }
    }

    [Fact]
    public void ThePolicyTargetOfAPointFollowsItsStoneUnderTheSymmetry()
    {
        // π all on D3 of 5×5 (x 3, y 2); a Black stone there: wherever the planes put the stone, the target puts π.
        var game = new Game(5);
        game.Play(Vertex.ParseGtp("D3", game.Geometry));
        game.Play(Move.Pass);
        var policy = new float[26];
        policy[2 * 5 + 3] = 1;
        var sample = TrainingSample.Capture(game, policy, 0);
        var planes = new float[InputPlanes.Length(5)];
        var target = new float[26];
        for (int symmetry = 0; symmetry < Symmetry.Count; symmetry++)
        {
            sample.Unpack(symmetry, planes, target);
            int stone = Array.IndexOf(planes, 1f, 0, 25);
            Assert.Equal(stone, Array.IndexOf(target, 1f));
        }
    }

    [Fact]
    public void TheWinnerBecomesZFromTheViewOfThePlayerToMove()
    {
        var game = new Game(9);
        var black = TrainingSample.Capture(game, RandomTrainingData.Policy(9, new Random(1)), 0);
        game.Play(Move.Pass);
        var white = TrainingSample.Capture(game, RandomTrainingData.Policy(9, new Random(2)), 0);
        Assert.Equal(0, black.Outcome);

        black.SetWinner(Color.Black);
        white.SetWinner(Color.Black);
        Assert.Equal((1, -1), (black.Outcome, white.Outcome));
        black.SetWinner(Color.Empty);
        Assert.Equal(0, black.Outcome);
    }

    [Fact]
    public void CaptureAllocatesOnlyTheSampleAndUnpackNothing()
    {
        var random = new Random(3);
        var game = RandomTrainingData.Game(19, 200, random);
        var policy = RandomTrainingData.Policy(19, random);
        var planes = new float[InputPlanes.Length(19)];
        var target = new float[362];
        TrainingSample.Capture(game, policy, 0).Unpack(5, planes, target);

        long before = GC.GetAllocatedBytesForCurrentThread();
        var sample = TrainingSample.Capture(game, policy, 0);
        long captured = GC.GetAllocatedBytesForCurrentThread() - before;
        before = GC.GetAllocatedBytesForCurrentThread();
        sample.Unpack(5, planes, target);
        long unpacked = GC.GetAllocatedBytesForCurrentThread() - before;

        // The object, its packed planes (813 bytes) and its π (362 floats), each with an array header.
        Assert.InRange(captured, 813 + 362 * 4, 813 + 362 * 4 + 200);
        Assert.Equal(0, unpacked);
    }

    [Fact]
    public void PartsThatMakeNoSampleAreRefused()
    {
        var good = RandomTrainingData.Samples(5, 1, seed: 4)[0];
        byte[] planes = good.PackedPlanes.ToArray();
        float[] policy = good.Policy.ToArray();

        string Refused(int size, byte[] p, float[] pi, sbyte z = 0, int move = 0) =>
            Assert.Throws<ArgumentException>(() => new TrainingSample(size, p, pi, z, 0, move)).Message;

        Assert.Contains("board size", Refused(1, planes, policy));
        Assert.Contains("packed planes", Refused(5, planes[1..], policy));
        Assert.Contains("entries", Refused(5, planes, policy[1..]));
        Assert.Contains("outcome", Refused(5, planes, policy, z: 2));
        Assert.Contains("move number", Refused(5, planes, policy, move: -1));
        Assert.Contains("sums to", Refused(5, planes, policy.Select(p => p * 2).ToArray()));
        float[] negative = [.. policy];
        negative[0] = -0.5f;
        negative[1] += 0.5f;
        Assert.Contains("not a probability", Refused(5, planes, negative));
        float[] notFinite = [.. policy];
        notFinite[3] = float.NaN;
        Assert.Contains("not a probability", Refused(5, planes, notFinite));
        byte[] bothColours = [.. planes];
        for (int bit = 0; bit < 25; bit++) bothColours[(8 * 25 + bit) >> 3] |= (byte)(1 << ((8 * 25 + bit) & 7));
        bothColours[0] |= 1;
        Assert.Contains("both players", Refused(5, bothColours, policy));
        byte[] bothToMove = [.. planes];
        for (int bit = 16 * 25; bit < 18 * 25; bit++) bothToMove[bit >> 3] |= (byte)(1 << (bit & 7));
        Assert.Contains("side-to-move", Refused(5, bothToMove, policy));
        byte[] padding = [.. planes];
        padding[^1] |= 0x80;
        Assert.Contains("past the 18 planes", Refused(5, padding, policy));
    }
}
