using System.Text;
using GoZero.Engine;

namespace GoZero.Engine.Tests;

public class SgfTests
{
    private static Move Sgf(string point, int size) => Vertex.ParseSgf(point, BoardGeometry.Of(size));

    private static Game PlayGtp(int size, params string[] vertices)
    {
        var game = new Game(size);
        foreach (string v in vertices) game.Play(Vertex.ParseGtp(v, game.Geometry));
        return game;
    }

    [Fact]
    public void RoundTripKeepsMovesKomiResultNamesAndComments()
    {
        var game = new Game(9, RulesOptions.Default with { Komi = 6.5 });
        foreach (string v in new[] { "E5", "C3", "G7", "pass", "pass" }) game.Play(Vertex.ParseGtp(v, game.Geometry));
        string?[] comments = ["opening ] bracket", null, "back\\slash \\] both", "line one\nline two", "ends with \\"];
        var record = SgfGame.FromGame(game, comments) with
        {
            BlackPlayer = "GoZero [net 12]",
            WhitePlayer = "GNU Go\\3.8",
            Date = "2025-01-31",
            Comment = "a root comment ] with \\ escapes",
        };

        var read = SgfReader.Read(SgfWriter.Write(record));

        Assert.Equal(9, read.Size);
        Assert.Equal(6.5, read.Komi);
        Assert.Equal(record.Rules, read.Rules);
        Assert.Equal(game.Result, read.Result);
        Assert.Equal(record.BlackPlayer, read.BlackPlayer);
        Assert.Equal(record.WhitePlayer, read.WhitePlayer);
        Assert.Equal(record.Date, read.Date);
        Assert.Equal(record.Comment, read.Comment);
        Assert.Equal(game.Moves, read.Moves.Select(m => m.Move));
        Assert.Equal(game.Players, read.Moves.Select(m => m.Player));
        Assert.Equal(comments, read.Moves.Select(m => m.Comment));
        var replayed = read.ToGame();
        Assert.Equal(game.Current.StoneHash, replayed.Current.StoneHash);
        Assert.Equal(game.Result, replayed.Result);
    }

    [Fact]
    public void RoundTripKeepsHandicapStonesWithWhiteToMove()
    {
        var game = new Game(19, RulesOptions.Default with { Komi = 0.5 });
        game.PlaceHandicap(Handicap.FixedPoints(game.Geometry, 4).ToList());
        game.Play(Sgf("qd", 19));
        game.Play(Sgf("dj", 19));

        string text = SgfWriter.Write(SgfGame.FromGame(game));
        var replayed = SgfReader.Read(text).ToGame();

        Assert.Contains("HA[4]AB[dp][pp][dd][pd]", text);
        Assert.DoesNotContain("PL[", text);
        Assert.Equal(4, replayed.HandicapStones);
        Assert.Equal(Color.White, replayed.InitialPosition.ToMove);
        Assert.Equal(game.InitialPosition.Hash, replayed.InitialPosition.Hash);
        Assert.Equal(game.Current.Hash, replayed.Current.Hash);
        Assert.Equal([Color.White, Color.Black], replayed.Players);
    }

    [Fact]
    public void HandicapFileWithHaAndAbPlacesTheStonesAndWhiteMovesFirst()
    {
        var record = SgfReader.Read("(;GM[1]FF[4]SZ[19]HA[2]KM[0.5]AB[dd][pp];W[dp];B[pd])");
        var game = record.ToGame();

        Assert.Equal(2, record.Handicap);
        Assert.Equal(2, game.HandicapStones);
        Assert.Equal(Color.Black, game.InitialPosition[Sgf("dd", 19).Point]);
        Assert.Equal(Color.Black, game.InitialPosition[Sgf("pp", 19).Point]);
        Assert.Equal(Color.White, game.InitialPosition.ToMove);
        Assert.Equal(0.5, game.Rules.Komi);
    }

    [Fact]
    public void HandicapWithoutStonesGetsTheFixedPlacement()
    {
        var game = SgfReader.Read("(;SZ[9]HA[3])").ToGame();

        Assert.Equal(3, game.HandicapStones);
        Assert.Equal(Color.White, game.ToMove);
        foreach (var stone in Handicap.FixedPoints(game.Geometry, 3))
            Assert.Equal(Color.Black, game.Current[stone.Point]);
    }

    [Fact]
    public void SetUpStonesAndPlayerToMoveRoundTrip()
    {
        var record = SgfReader.Read("(;SZ[5]AB[aa][bb]AW[cc]AE[aa]PL[W])");
        var game = record.ToGame();

        Assert.Equal("""
            .....
            .X...
            ..O..
            .....
            .....

            """.ReplaceLineEndings("\n"), game.Current.ToString());
        Assert.Equal(Color.White, game.ToMove);
        Assert.Equal(0, game.HandicapStones);

        string text = SgfWriter.Write(SgfGame.FromGame(game));
        Assert.Contains("AB[bb]AW[cc]PL[W]", text);
        Assert.Equal(game.InitialPosition.Hash, SgfReader.Read(text).ToGame().InitialPosition.Hash);
    }

    [Fact]
    public void SetUpInASecondNodeBeforeTheFirstMoveIsPartOfTheStart()
    {
        var game = SgfReader.Read("(;SZ[9];AB[cc]AW[gg];B[ee])").ToGame();

        Assert.Equal(Color.Black, game.InitialPosition[Sgf("cc", 9).Point]);
        Assert.Equal(Color.White, game.InitialPosition[Sgf("gg", 9).Point]);
        Assert.Single(game.Moves);
    }

    [Fact]
    public void VariationsAreSkippedAndTheMainLineIsFollowed()
    {
        var record = SgfReader.Read("(;SZ[9](;B[ee](;W[cc]C[main];B[gg](;W[cg])(;W[gc]))(;W[gg];B[cc]))(;B[aa]))");

        Assert.Equal(["ee", "cc", "gg", "cg"], record.Moves.Select(m => Vertex.ToSgf(m.Move, BoardGeometry.Of(9))));
        Assert.Equal("main", record.Moves[1].Comment);
    }

    [Fact]
    public void OnlyTheFirstGameOfACollectionIsRead()
    {
        var record = SgfReader.Read("(;SZ[9];B[ee])\n(;SZ[13];B[aa];W[bb])");

        Assert.Equal(9, record.Size);
        Assert.Single(record.Moves);
    }

    [Theory]
    [InlineData(@"a\]b", "a]b")]
    [InlineData(@"back\\slash", @"back\slash")]
    [InlineData("soft\\\nbreak", "softbreak")]
    [InlineData("soft\\\r\nbreak", "softbreak")]
    [InlineData("hard\nbreak", "hard\nbreak")]
    [InlineData("windows\r\nbreak", "windows\nbreak")]
    [InlineData(@"any \other char", "any other char")]
    [InlineData("", "")]
    public void TextValuesResolveEscapesAndSoftLineBreaks(string raw, string expected)
    {
        var record = SgfReader.Read($"(;SZ[9]C[{raw}])");

        Assert.Equal(expected, record.Comment);
    }

    [Fact]
    public void WhiteSpaceBetweenTokensIsAllowed()
    {
        var record = SgfReader.Read("\uFEFF \n ( \r\n ; SZ [9] KM\t[5.5] \n ; B [ee] \n ; W [cc]\n)\n");

        Assert.Equal(5.5, record.Komi);
        Assert.Equal(2, record.Moves.Count);
    }

    [Fact]
    public void LowerCaseLettersOfOldPropertyNamesAreDropped()
    {
        var record = SgfReader.Read("(;GaMe[1]SiZe[9]AddBlack[aa]PlayerBlack[Old]; White[bb])");

        Assert.Equal(9, record.Size);
        Assert.Equal("Old", record.BlackPlayer);
        Assert.Equal([(Sgf("aa", 9), Color.Black)], record.Setup);
        Assert.Equal(new SgfMove(Color.White, Sgf("bb", 9), null, 44), record.Moves.Single());
    }

    [Theory]
    [InlineData("(;SZ[19];B[])", 19)]
    [InlineData("(;SZ[19];B[tt])", 19)]
    [InlineData("(;SZ[9];B[tt])", 9)]
    [InlineData("(;B[ ])", 19)]
    public void EmptyValueAndTtUpTo19x19ArePasses(string text, int size)
    {
        var record = SgfReader.Read(text);

        Assert.Equal(size, record.Size);
        Assert.True(record.Moves.Single().Move.IsPass);
    }

    [Fact]
    public void PlayResumedAfterTwoPassesIsRead()
    {
        var game = SgfReader.Read("(;SZ[9];B[];W[];B[ee])").ToGame();

        Assert.Equal(3, game.MoveCount);
        Assert.False(game.IsOver);
    }

    [Fact]
    public void TtOnA21x21BoardIsARealPoint()
    {
        var move = SgfReader.Read("(;SZ[21];B[tt])").Moves.Single().Move;

        var geometry = BoardGeometry.Of(21);
        Assert.Equal(geometry.PointAt(19, 1), move.Point);
    }

    [Fact]
    public void PassesAreWrittenAsEmptyValues()
    {
        string text = SgfWriter.Write(SgfGame.FromGame(PlayGtp(21, "pass", "U2")));

        Assert.Contains(";B[];W[tt])", text);
    }

    [Fact]
    public void CompressedPointListsExpandToRectangles()
    {
        var record = SgfReader.Read("(;SZ[9]AB[aa:cc][ee]AW[ih:gg])");

        var black = record.Setup.Where(s => s.Color == Color.Black).Select(s => Vertex.ToSgf(s.Point, BoardGeometry.Of(9))).Order();
        var white = record.Setup.Where(s => s.Color == Color.White).Select(s => Vertex.ToSgf(s.Point, BoardGeometry.Of(9))).Order();
        Assert.Equal(["aa", "ab", "ac", "ba", "bb", "bc", "ca", "cb", "cc", "ee"], black);
        Assert.Equal(["gg", "gh", "hg", "hh", "ig", "ih"], white);
    }

    [Fact]
    public void WrittenFileIsPlainFf4()
    {
        var record = SgfGame.FromGame(PlayGtp(9, "E5", "C3")) with { BlackPlayer = "a", WhitePlayer = "b", Date = "2025-01-31" };

        string text = SgfWriter.Write(record);

        Assert.Equal($"(;FF[4]GM[1]CA[UTF-8]AP[{SgfWriter.Application}]SZ[9]KM[7.5]RU[Chinese]PB[a]PW[b]DT[2025-01-31]\n;B[ee];W[cg])\n", text);
        Assert.StartsWith("AP[GoZero:", text[text.IndexOf("AP[", StringComparison.Ordinal)..]);
    }

    [Fact]
    public void ResignationIsWrittenAsTheResultAndNotAsAMove()
    {
        var game = PlayGtp(9, "E5");
        game.Play(Color.White, Move.Resign);

        string text = SgfWriter.Write(SgfGame.FromGame(game));
        var read = SgfReader.Read(text);

        Assert.Contains("RE[B+R]", text);
        Assert.Single(read.Moves);
        Assert.Equal(new GameResult(Color.Black, ResultKind.Resignation), read.Result);
    }

    [Theory]
    [InlineData("Tromp-Taylor")]
    [InlineData("Chinese")]
    [InlineData("NZ")]
    [InlineData("simple")]
    public void RulesRoundTrip(string ru)
    {
        var read = SgfReader.Read($"(;RU[{ru}]KM[-3])");

        var again = SgfReader.Read(SgfWriter.Write(read));

        Assert.Equal(read.Rules, again.Rules);
        Assert.Equal(-3, again.Komi);
    }

    [Fact]
    public void MissingKomiAndUnknownRulesTakeTheBasis()
    {
        var basis = RulesOptions.TrompTaylor with { Komi = 0 };

        var read = SgfReader.Read("(;RU[Japanese])", basis);

        Assert.Equal(basis, read.Rules);
    }

    [Fact]
    public void CommentWithoutAMoveJoinsTheMoveBeforeIt()
    {
        var record = SgfReader.Read("(;SZ[9]C[start];C[before];B[ee]C[one];C[two])");

        Assert.Equal("start\nbefore", record.Comment);
        Assert.Equal("one\ntwo", record.Moves.Single().Comment);
    }

    [Fact]
    public void UnknownPropertiesAreIgnored()
    {
        var record = SgfReader.Read("(;SZ[9]TM[300]OT[5x30 byo-yomi]XY[1][2];B[ee]BL[299.5]LB[ee:A]MA[aa][bb])");

        Assert.Single(record.Moves);
    }

    [Theory]
    [InlineData("", 0, "empty")]
    [InlineData("  \n ", 4, "empty")]
    [InlineData("x(;B[aa])", 0, "expected '('")]
    [InlineData("(;B[aa]", 7, "')' is missing")]
    [InlineData("(;SZ[9];C[abc", 9, "not closed with ']'")]
    [InlineData("(;C[ab\\", 3, "not closed with ']'")]
    [InlineData("(;B[aa]]", 7, "found ']'")]
    [InlineData("()", 1, "at least one node")]
    [InlineData("((;B[aa]))", 1, "must start with a node")]
    [InlineData("(;B[aa])x", 8, "expected '('")]
    [InlineData("(;B[aa](;W[bb]);B[cc])", 15, "cannot follow a variation")]
    [InlineData("(;B)", 3, "needs a value")]
    [InlineData("(;add[aa])", 2, "no upper-case letter")]
    [InlineData("(;SZ[30])", 4, "SZ[30]")]
    [InlineData("(;SZ[1])", 4, "SZ[1]")]
    [InlineData("(;SZ[big])", 4, "not a board size")]
    [InlineData("(;SZ[9:13])", 4, "rectangular")]
    [InlineData("(;GM[2])", 4, "not a game of Go")]
    [InlineData("(;KM[abc])", 4, "not a komi")]
    [InlineData("(;HA[-1])", 4, "handicap")]
    [InlineData("(;SZ[9]HA[10])", 9, "fixed placement")]
    [InlineData("(;B[zz])", 3, "not a move")]
    [InlineData("(;SZ[9];B[jj])", 9, "off a 9×9 board")]
    [InlineData("(;AB[tt])", 4, "pass")]
    [InlineData("(;PL[X])", 4, "neither B nor W")]
    [InlineData("(;B[aa]W[bb])", 7, "only one move")]
    [InlineData("(;B[aa][bb])", 7, "one point")]
    [InlineData("(;SZ[9];B[aa];AB[bb])", 14, "after the first move")]
    [InlineData("(;SZ[9];B[aa];SZ[9])", 14, "root node")]
    [InlineData("(;SZ[9];B[aa];W[aa])", 13, "occupied")]
    [InlineData("(;SZ[2]AB[aa][bb];W[ab])", 17, "suicide")]
    [InlineData("(;RU[GoZero:ko=7])", 4, "rule")]
    [InlineData("(;SZ[5]AB[aa]AW[ab][ba])", 9, "black stone at aa without a liberty")]
    [InlineData("(;SZ[5]AW[aa:bb]AB[ca][cb][ac][bc];B[ee])", 9, "white stone at ab without a liberty")]
    public void MalformedFilesFailAtTheRightOffset(string text, int offset, string reason)
    {
        var error = Assert.Throws<SgfFormatException>(() => SgfReader.Read(text));

        Assert.Equal(offset, error.Offset);
        Assert.Contains(reason, error.Reason);
        Assert.Contains($"offset {offset}", error.Message);
    }

    [Fact]
    public void ErrorsGiveLineAndColumn()
    {
        var error = Assert.Throws<SgfFormatException>(() => SgfReader.Read("(;SZ[9]\n;B[ee]\n;W[ee])"));

        Assert.Equal((15, 3, 1), (error.Offset, error.Line, error.Column));
    }

    [Fact]
    public void DeepNestingAndLongLinesDoNotOverflowTheStack()
    {
        const int depth = 200_000;
        var text = new StringBuilder("(;");
        for (int i = 0; i < depth; i++) text.Append("(;");
        text.Append(')', depth + 1);

        var root = SgfParser.Parse(text.ToString()).Single();

        Assert.Equal(depth + 1, root.MainLine().Count());
        var error = Assert.Throws<SgfFormatException>(() => SgfParser.Parse(new string('(', depth)));
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void LoadingAMissingFileNamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gozero-missing-{Guid.NewGuid():N}", "game.sgf");

        var error = Assert.Throws<InputFileException>(() => SgfReader.Load(path));

        Assert.Equal($"{path}: no such file", error.Message);
    }

    [Fact]
    public void SaveReplacesTheFileAtomicallyAndLoadNamesTheFileInErrors()
    {
        string directory = Directory.CreateTempSubdirectory("gozero-sgf-").FullName;
        try
        {
            string path = Path.Combine(directory, "game.sgf");
            File.WriteAllText(path, "(;B[aa]");
            var error = Assert.Throws<SgfFormatException>(() => SgfReader.Load(path));
            Assert.Equal(path, error.Path);
            Assert.Contains(path, error.Message);
            Assert.Equal(7, error.Offset);

            var record = SgfGame.FromGame(PlayGtp(9, "E5", "D4")) with { WhitePlayer = "Å ö 围棋" };
            SgfWriter.Save(record, path);
            SgfWriter.Save(record, path);

            Assert.Equal([path], Directory.GetFiles(directory));
            var loaded = SgfReader.Load(path);
            Assert.Equal(record.Moves.Select(m => m.Move), loaded.Moves.Select(m => m.Move));
            Assert.Equal("Å ö 围棋", loaded.WhitePlayer);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void FileThatIsNotUtf8IsReadAsLatin1()
    {
        string path = Path.Combine(Path.GetTempPath(), $"gozero-latin1-{Guid.NewGuid():N}.sgf");
        try
        {
            File.WriteAllBytes(path, [.. "(;PB[Ren"u8, 0xE9, .. "])"u8]);

            Assert.Equal("René", SgfReader.Load(path).BlackPlayer);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("AP[YuanYu]KM[375]RU[Chinese]", 7.5)]
    [InlineData("AP[YuanYu]KM[750]RU[Japanese]", 7.5)]
    [InlineData("AP[YuanYu]KM[650]RU[Japanese]", 6.5)]
    [InlineData("AP[YuanYu]KM[6.5]", 6.5)]
    [InlineData("AP[YuanYu]KM[0]RU[Japanese]", 0)]
    [InlineData("AP[CGoban:3]KM[375]", 375)]
    public void FoxKomiInHundredthsIsReadAsPoints(string properties, double komi) =>
        Assert.Equal(komi, SgfReader.Read($"(;GM[1]FF[4]SZ[19]{properties};B[pd])").Rules.Komi);
}
