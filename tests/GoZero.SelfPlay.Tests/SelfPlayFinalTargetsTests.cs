using GoZero.Engine;
using GoZero.Network.Training;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

/// <summary>What a finished self-play game teaches besides z: KataGo's final ownership and score.</summary>
public sealed class SelfPlayFinalTargetsTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-final-targets-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The end of a game (rows from row 9 down): White's C5 is a lone dead stone inside Black's area, Black's
    /// H4 one inside White's (the position the engine's dead-stone tests judge).</summary>
    private static readonly string[] LoneStonesInTerritory =
    [
        ".X.XO.O..",
        "X.XXO.O..",
        ".X.XOO.O.",
        "XXXXXOOOO",
        "..O.XO...",
        "...XXO.X.",
        "XXXXOO...",
        "...XO.OO.",
        "...XO....",
    ];

    /// <summary>A seki at the bottom (the engine's dead-stone tests' position): Black's B1-F2 chain and White's D1 share
    /// the liberties C1 and E1; Black's top group and White's big group are pass-alive.</summary>
    private static readonly string[] SekiBetweenPassAliveGroups =
    [
        ".X.X.X.X.",
        "XXXXXXXXX",
        "OOOOOOOOO",
        "O.O.O.O.O",
        "OOOOOOOOO",
        "O.O.O.O.O",
        "OOOOOOOOO",
        "OXXXXXO.O",
        "OX.O.XOO.",
    ];

    /// <summary>A 9×9 game that places the diagram's stones one move each, row by row, and ends as
    /// <paramref name="ending"/> says: two passes, a resignation, or neither (cut off at the move limit).</summary>
    private static SelfPlayRecord Record(string ending, string[]? diagram = null)
    {
        var rows = diagram ?? LoneStonesInTerritory;
        var game = new Game(9);
        var moves = new List<SelfPlayMove>();
        void Play(Color player, Move move)
        {
            var policy = new float[82];
            policy[game.Geometry.PolicyIndexOf(move)] = 1f;
            moves.Add(new SelfPlayMove(move, policy, 0.5, 1));
            game.Play(player, move);
        }
        for (int row = 0; row < 9; row++)
            for (int x = 0; x < 9; x++)
                if (rows[row][x] is 'X' or 'O')
                    Play(rows[row][x] == 'X' ? Color.Black : Color.White, new Move(game.Geometry.PointAt(x, 8 - row)));
        GameResult result;
        if (ending == "resign")
        {
            game.Play(Color.Black, Move.Resign);
            result = GameResult.ByResignation(Color.Black);
        }
        else
        {
            if (ending == "passes")
            {
                Play(Color.Black, Move.Pass);
                Play(Color.White, Move.Pass);
            }
            result = game.Result ?? GameResult.FromScore(AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi));
        }
        return new SelfPlayRecord(1, game, moves, result, ResignationAllowed: false, Color.Empty, TimeSpan.Zero);
    }

    [Fact]
    public void AGamePlayedToTwoPassesTeachesItsAreaWithTheDeadStonesTakenOff()
    {
        var record = Record("passes");
        var samples = SelfPlayWriter.Samples(record).ToList();

        var targets = samples[0].FinalTargets!;
        Assert.All(samples, s => Assert.Same(targets, s.FinalTargets));
        // C5 and H4 off: Black owns columns A-D and E4-E6 (39 points), White the other 42; komi 7.5.
        var geometry = record.Game.Geometry;
        var expected = new sbyte[81];
        for (int y = 0; y < 9; y++)
            for (int x = 0; x < 9; x++)
                expected[geometry.DenseIndexOf(geometry.PointAt(x, y))] = (sbyte)(x < 4 || x == 4 && y is >= 3 and <= 5 ? 1 : -1);
        Assert.Equal(expected, targets.BlackOwnership.ToArray());
        Assert.Equal(39 - 42 - 7.5f, targets.BlackScore);
        // Counted as it stands, the dead C5 would leave its neighbours to nobody: the targets are not Tromp-Taylor's.
        Assert.NotEqual(39 - 42 - 7.5, AreaScoring.BlackMinusWhite(record.Game.Current, 7.5));
        Assert.All(samples, s => Assert.Equal(s.ToMove == Color.Black ? -10.5f : 10.5f, s.Score));
    }

    [Fact]
    public void ASekisSharedLibertiesBelongToNobodyAndItsStonesToTheirOwners()
    {
        var record = Record("passes", SekiBetweenPassAliveGroups);
        var targets = SelfPlayWriter.FinalTargetsOf(record.Game)!;
        var geometry = record.Game.Geometry;
        sbyte Owner(string vertex) => targets.BlackOwnership[geometry.DenseIndexOf(Vertex.ParseGtp(vertex, geometry).Point)];
        Assert.Equal((0, 0), (Owner("C1"), Owner("E1")));
        Assert.Equal((1, -1, 1, -1), (Owner("B1"), Owner("D1"), Owner("A9"), Owner("H1")));
        // Black: rows 8-9 (18) and the seki's seven stones; White: the other 54 points but C1 and E1.
        Assert.Equal(25 - 54 - 7.5f, targets.BlackScore);
    }

    [Fact]
    public void TheTargetsReachTheChunkOncePerGameAndReadBackShared()
    {
        var layout = new RunLayout(folder);
        var record = Record("passes");
        using (var writer = new SelfPlayWriter(layout, 9, gamesPerChunk: 1)) writer.Write(record);

        var data = TrainingDataSet.Load(layout.DataFolder, 9, window: 1000);
        Assert.Equal(record.Moves.Count, data.Count);
        var written = SelfPlayWriter.FinalTargetsOf(record.Game)!;
        var read = data[0].FinalTargets!;
        Assert.Equal(written.BlackOwnership.ToArray(), read.BlackOwnership.ToArray());
        Assert.Equal(written.BlackScore, read.BlackScore);
        for (int i = 0; i < data.Count; i++) Assert.Same(read, data[i].FinalTargets);
    }

    [Theory]
    [InlineData("resign")]
    [InlineData("move limit")]
    public void AGameThatDidNotReachItsEndTeachesNoOwnershipOrScore(string ending)
    {
        var record = Record(ending);
        Assert.Null(SelfPlayWriter.FinalTargetsOf(record.Game));
        Assert.All(SelfPlayWriter.Samples(record), s =>
        {
            Assert.Null(s.FinalTargets);
            Assert.Null(s.Score);
        });
    }
}
