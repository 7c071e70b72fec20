using GoZero.Engine;
using GoZero.Network;

namespace GoZero.Network.Tests;

public class InputPlanesTests
{
    private static Game Play(int size, string moves)
    {
        var game = new Game(size);
        foreach (string vertex in moves.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            game.Play(game.ToMove, Vertex.ParseGtp(vertex, game.Geometry));
        return game;
    }

    private static float[] Encode(Game game, int symmetry = 0)
    {
        var planes = new float[InputPlanes.Length(game.Size)];
        InputPlanes.Encode(game, symmetry, planes);
        return planes;
    }

    private static int[] Ones(float[] planes, int plane, int area) =>
        Enumerable.Range(0, area).Where(i => planes[plane * area + i] == 1f).ToArray();

    [Fact]
    public void TheEmptyBoardHasOnlyTheBlackToMovePlane()
    {
        var planes = Encode(new Game(19));

        for (int plane = 0; plane < 16; plane++) Assert.Empty(Ones(planes, plane, 361));
        Assert.Equal(361, Ones(planes, 16, 361).Length);
        Assert.Empty(Ones(planes, 17, 361));
    }

    [Fact]
    public void PlanesHoldTheStonesOfThePlayerToMoveThenTheOpponentForTheLastEightPositions()
    {
        var planes = Encode(Play(19, "Q16 D4"));
        int q16 = 15 * 19 + 15, d4 = 3 * 19 + 3;

        Assert.Equal([q16], Ones(planes, 0, 361));   // Black to move: own stones now
        Assert.Equal([q16], Ones(planes, 1, 361));   // and after move 1
        Assert.Empty(Ones(planes, 2, 361));          // the empty board
        Assert.Equal([d4], Ones(planes, 8, 361));    // White's stones now
        Assert.Empty(Ones(planes, 9, 361));
        Assert.Equal(361, Ones(planes, 16, 361).Length);
    }

    [Fact]
    public void HistoryBeforeTheStartIsEmptyAndOldPositionsDropOff()
    {
        var game = Play(9, "E5 C3 G7 C7 G3 D5 F5 E4 E6");
        var planes = Encode(game);

        // White to move after 9 moves: 8 positions of history, the oldest (after move 2) holds E5 and C3.
        Assert.Equal(81, Ones(planes, 17, 81).Length);
        Assert.Equal([2 * 9 + 2], Ones(planes, 7, 81));         // White's C3 after move 2
        Assert.Equal([4 * 9 + 4], Ones(planes, 15, 81));        // Black's E5 after move 2
        Assert.Equal(5, Ones(planes, 8, 81).Length);            // Black's five stones now
        Assert.Equal(4, Ones(planes, 0, 81).Length);            // White's four stones now

        var short_ = Encode(Play(9, "E5"));
        for (int h = 2; h < 8; h++)
        {
            Assert.Empty(Ones(short_, h, 81));
            Assert.Empty(Ones(short_, 8 + h, 81));
        }
    }

    [Fact]
    public void APassRepeatsTheBoardInTheHistory()
    {
        var planes = Encode(Play(9, "E5 pass"));

        Assert.Equal([4 * 9 + 4], Ones(planes, 0, 81));
        Assert.Equal([4 * 9 + 4], Ones(planes, 1, 81));
        Assert.Empty(Ones(planes, 2, 81));
    }

    [Fact]
    public void HandicapStonesStartTheHistoryWithWhiteToMove()
    {
        var game = new Game(19);
        game.PlaceHandicap(Handicap.FixedPoints(game.Geometry, 4).ToList());
        var planes = Encode(game);

        Assert.Empty(Ones(planes, 0, 361));
        Assert.Equal(4, Ones(planes, 8, 361).Length);
        Assert.Empty(Ones(planes, 9, 361));
        Assert.Equal(361, Ones(planes, 17, 361).Length);
    }

    [Fact]
    public void EncodingUnderASymmetryEqualsEncodingTheBoardTransformedByItsInverse()
    {
        const string moves = "C3 G7 E5 pass D4 F3 C6";
        var game = Play(9, moves);
        var geometry = game.Geometry;
        for (int s = 0; s < Symmetry.Count; s++)
        {
            var inverse = Symmetry.Inverse(s);
            var transformed = new Game(9);
            foreach (string vertex in moves.Split(' '))
                transformed.Play(transformed.ToMove, Symmetry.Apply(Vertex.ParseGtp(vertex, geometry), geometry, inverse));

            Assert.Equal(Encode(transformed), Encode(game, s));
        }
    }

    [Fact]
    public void PoliciesMapBackToThePointTheNetworkSawUnderTheSymmetry()
    {
        var geometry = BoardGeometry.Of(9);
        for (int s = 0; s < Symmetry.Count; s++)
        {
            var network = new float[82];
            int seen = 2 * 9 + 6; // the network's output index
            network[seen] = 0.75f;
            network[81] = 0.25f;
            var board = new float[82];

            InputPlanes.MapPolicyBack(network, 9, s, board);

            int point = Symmetry.DenseMap(9, s)[seen];
            Assert.Equal(0.75f, board[point]);
            Assert.Equal(0.25f, board[81]);
            Assert.Equal(1f, board.Sum());
        }
    }

    [Fact]
    public void TooShortBuffersAreRefused()
    {
        Assert.Throws<ArgumentException>(() => InputPlanes.Encode(new Game(9), 0, new float[18 * 81 - 1]));
        Assert.Throws<ArgumentException>(() => InputPlanes.MapPolicyBack(new float[81], 9, 0, new float[82]));
    }
}
