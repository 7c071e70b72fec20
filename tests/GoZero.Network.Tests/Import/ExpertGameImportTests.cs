using GoZero.Engine;
using GoZero.Network.Import;
using GoZero.Network.Training;

namespace GoZero.Network.Tests.Import;

public sealed class ExpertGameImportTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-import-").FullName;
    private readonly List<string> warnings = [];

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string In(string name) => Path.Combine(folder, name);

    private ImportSummary Import(ImportOptions options, Action<ImportProgress>? progress = null, CancellationToken cancel = default) =>
        ExpertGameImport.Run(options, warnings.Add, progress, cancel);

    private static List<TrainingSample> Samples(string outFolder) =>
        TrainingDataSet.ChunkPaths(outFolder).SelectMany(path =>
        {
            using var reader = TrainingChunkReader.Open(path, 19);
            return reader.ReadSamples().ToList();
        }).ToList();

    /// <summary>The record of a Tygem line as the importer reads it: its moves under Tygem's rules.</summary>
    private static SgfGame Replayable(ulong id)
    {
        string line = ExpertFixture.TygemLine(id);
        return SgfReader.Read("(;GM[1]SZ[19]" + line[(line.IndexOf('\t') + 1)..] + ")", TygemArchive.Rules);
    }

    [Fact]
    public void TygemGamesGiveOneSamplePerMoveWithTheExpertMoveAsPolicyAndTheResultFromTheMoversView()
    {
        var summary = Import(new ImportOptions(In("out"), Tygem: ExpertFixture.WriteTygem(In("tygem"))));

        var samples = Samples(In("out"));
        Assert.Equal(3, summary.GamesImported);
        Assert.Equal(samples.Count, summary.Samples);
        // B+Resign, W+Resign, B+0.5: one sample before each move, the planes of self-play's capture of that position.
        var winners = new[] { Color.Black, Color.White, Color.Black };
        int at = 0;
        for (int g = 0; g < 3; g++)
        {
            ulong id = ExpertFixture.TygemIds[g];
            var record = Replayable(id);
            var game = new Game(19, TygemArchive.Rules);
            foreach (var move in record.Moves)
            {
                var sample = samples[at++];
                Assert.Equal(id, sample.GameId);
                Assert.Equal(game.MoveCount, sample.MoveNumber);
                Assert.Equal(move.Player, sample.ToMove);
                int played = game.Geometry.PolicyIndexOf(move.Move);
                var policy = new float[362];
                policy[played] = 1f;
                Assert.Equal(policy, sample.Policy.ToArray());
                Assert.Equal(TrainingSample.Capture(game, policy, id).PackedPlanes.ToArray(), sample.PackedPlanes.ToArray());
                Assert.Equal(move.Player == winners[g] ? 1 : -1, sample.Outcome);
                game.Play(move.Player, move.Move);
            }
        }
        Assert.Equal(samples.Count, at);
        // Both colours win and lose somewhere.
        Assert.Contains(samples, s => s.ToMove == Color.Black && s.Outcome == 1);
        Assert.Contains(samples, s => s.ToMove == Color.Black && s.Outcome == -1);
        Assert.Contains(samples, s => s.ToMove == Color.White && s.Outcome == 1);
        Assert.Contains(samples, s => s.ToMove == Color.White && s.Outcome == -1);
        Assert.Equal(new Dictionary<double, long> { [6.5] = 3 }, summary.Komi);
    }

    /// <summary><paramref name="count"/> moves of the players in turn, on distinct points of the first rows (SGF
    /// a, b, c, …): point i is column i mod size, row 2·(i div size) + i mod 2, so no stone is ever captured.</summary>
    private static string Moves(int count, int size, Color first = Color.Black) => string.Concat(Enumerable.Range(0, count).Select(i =>
        $";{((i % 2 == 0) == (first == Color.Black) ? "B" : "W")}[{(char)('a' + i % size)}{(char)('a' + i / size * 2 + i % 2)}]"));

    [Fact]
    public void ACountedGameGivesItsMarginAsTheScoreTargetAndNoGameAnOwnership()
    {
        // The Tygem games end B+Resign, W+Resign and B+0.5.
        Import(new ImportOptions(In("out"), Tygem: ExpertFixture.WriteTygem(In("tygem"))));
        var byGame = Samples(In("out")).GroupBy(s => s.GameId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.All(byGame[ExpertFixture.TygemIds[0]], s => Assert.Null(s.FinalTargets));
        Assert.All(byGame[ExpertFixture.TygemIds[1]], s => Assert.Null(s.FinalTargets));
        var counted = byGame[ExpertFixture.TygemIds[2]];
        Assert.All(counted, s => Assert.Same(counted[0].FinalTargets, s.FinalTargets));
        Assert.All(counted, s => Assert.Equal(s.ToMove == Color.Black ? 0.5f : -0.5f, s.Score));
        Assert.False(counted[0].FinalTargets!.HasOwnership);
    }

    [Theory]
    [InlineData("W+12.5", -12.5f)]
    [InlineData("0", 0f)]
    [InlineData("B+", null)]
    [InlineData("B+R", null)]
    [InlineData("W+5000", null)]
    public void TheScoreTargetIsBlacksMarginWhereTheResultGivesOne(string result, float? blackScore)
    {
        Directory.CreateDirectory(In("sgf"));
        File.WriteAllText(In("sgf/game.sgf"), $"(;GM[1]SZ[19]KM[7.5]RE[{result}]{Moves(20, 19)})");
        Import(new ImportOptions(In("out"), Sgf: In("sgf"), MinMoves: 20));
        var samples = Samples(In("out"));
        Assert.Equal(20, samples.Count);
        Assert.All(samples, s => Assert.Equal(blackScore is float b ? (s.ToMove == Color.Black ? b : -b) : null, s.Score));
        Assert.All(samples, s => Assert.False(s.FinalTargets?.HasOwnership ?? false));
    }

    [Fact]
    public void APassIsTheLastPolicyEntryAndADrawIsZeroForBothPlayers()
    {
        Directory.CreateDirectory(In("sgf"));
        File.WriteAllText(In("sgf/draw.sgf"), $"(;GM[1]SZ[19]KM[0]RE[0]{Moves(20, 19)};B[];W[])");

        var summary = Import(new ImportOptions(In("out"), Sgf: In("sgf"), MinMoves: 22));

        var samples = Samples(In("out"));
        Assert.Equal(22, samples.Count);
        Assert.All(samples, s => Assert.Equal(0, s.Outcome));
        Assert.Equal(1f, samples[^1].Policy[361]);
        Assert.Equal(1f, samples[^2].Policy[361]);
        Assert.Equal(new Dictionary<double, long> { [0] = 1 }, summary.Komi);
    }

    [Fact]
    public void SkippedGamesAreCountedByReasonAndUnreadableOnesNamedByFileAndLine()
    {
        string good = ExpertFixture.TygemLine(407331387);
        string goodMoves = good[(good.IndexOf('\t') + 1)..];
        string[] games =
        [
            good,                                       // line 1: imported
            "not a game line",                          // line 2: malformed, no ID
            "1001\t;B[pd];W[zz];B[dd]",                  // line 3: malformed, W[zz] is off the board
            "1002\t" + goodMoves,                       // line 4: not in the index: no usable result
            "1003\t" + goodMoves,                       // line 5: B+Time
            "1004\t;B[pd];W[dd];B[pp]",                  // line 6: too short
            "1005\t;B[pd];W[pd];B[dd]" + goodMoves[6..],  // line 7: W plays on Black's stone
            "",                                         // line 8: blank, not a game
            "1006\t" + goodMoves[..6] + ";B[" + goodMoves[9..], // line 9: Black twice
        ];
        string[] index =
        [
            .. ExpertFixture.IndexLines,
            "1001\tC2011.01.01 00:01\tw\tw\t0\tb\tb\t0\tW+Resign\t3\t20/3 0m",
            "garbage",
            "1003\tC2011.01.01 00:01\tw\tw\t0\tb\tb\t0\tB+Time\t200\t20/3 0m",
            "1004\tC2011.01.01 00:01\tw\tw\t0\tb\tb\t0\tB+Resign\t3\t20/3 0m",
            "1005\tC2011.01.01 00:01\tw\tw\t0\tb\tb\t0\tB+Resign\t200\t20/3 0m",
            "1006\tC2011.01.01 00:01\tw\tw\t0\tb\tb\t0\tB+Resign\t200\t20/3 0m",
        ];
        string tygem = ExpertFixture.WriteTygem(In("tygem"), games, index);
        Directory.CreateDirectory(In("sgf/deeper"));
        File.WriteAllText(In("sgf/nine.sgf"), $"(;GM[1]SZ[9]KM[7]RE[B+R]{Moves(30, 9)})");
        File.WriteAllText(In("sgf/handicap.sgf"), $"(;GM[1]SZ[19]HA[2]AB[pp][dp]KM[0.5]RE[W+R]{Moves(30, 19, Color.White)})");
        File.WriteAllText(In("sgf/unknown.sgf"), "(;GM[1]SZ[19]RE[?]" + goodMoves + ")");
        File.WriteAllText(In("sgf/deeper/no-result.SGF"), "(;GM[1]SZ[19]" + goodMoves + ")");
        File.WriteAllText(In("sgf/deeper/broken.sgf"), "(;GM[1]SZ[19]RE[B+R]\n;B[pd];W[dd]\n;B[pp");
        File.WriteAllText(In("sgf/deeper/game.sgf"), "(;GM[1]SZ[19]KM[7.5]RE[W+3.5]" + goodMoves + ")");
        File.WriteAllText(In("sgf/notes.txt"), "not a game");

        var summary = Import(new ImportOptions(In("out"), Tygem: tygem, Sgf: In("sgf")));

        Assert.Equal(8 + 6, summary.GamesRead);
        Assert.Equal(2, summary.GamesImported);
        Assert.Equal(3, summary.Skipped[SkipReason.Malformed]);
        Assert.Equal(2, summary.Skipped[SkipReason.IllegalMove]);
        Assert.Equal(1, summary.Skipped[SkipReason.OtherBoardSize]);
        Assert.Equal(1, summary.Skipped[SkipReason.Handicap]);
        Assert.Equal(4, summary.Skipped[SkipReason.NoUsableResult]);
        Assert.Equal(1, summary.Skipped[SkipReason.TooShort]);
        Assert.Equal(summary.GamesRead, summary.GamesImported + summary.GamesSkipped);
        Assert.Equal(new Dictionary<double, long> { [6.5] = 1, [7.5] = 1 }, summary.Komi);

        string zip = Path.Combine(tygem, "2011-01.zip");
        Assert.Contains(warnings, w => w.StartsWith($"{zip}:2011-01 line 2: not a game line", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith($"{zip}:2011-01 line 3, column 14 (game 1001): W[zz] is not a move", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith($"{zip}:2011-01 line 7, column 12 (game 1005): move 2", StringComparison.Ordinal) && w.Contains("occupied"));
        Assert.Contains(warnings, w => w.StartsWith($"{Path.Combine(tygem, "index-2011.zip")}:Kifu2011.index line 7: not an index line", StringComparison.Ordinal));
        Assert.Contains(warnings, w => w.StartsWith(In("sgf/deeper/broken.sgf"), StringComparison.Ordinal) && w.Contains("line 3"));
        Assert.Contains(warnings, w => w == $"{zip}:2011-01 line 9: Black moves out of turn at move 2");
        Assert.Equal(6, warnings.Count);
        Assert.Equal(summary.Warnings, warnings.Count);
    }

    [Fact]
    public void TheSameInputsGiveTheSameChunksAndChunkKHoldsTheKthGamesOfEachChunkSize()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        var options = new ImportOptions(In("a"), Tygem: tygem, Sgf: ExpertFixture.SgfFolder, GamesPerChunk: 2);

        var first = Import(options);
        Import(options with { Out = In("b") });

        Assert.Equal(["chunk-000001.chunk", "chunk-000002.chunk"], TrainingDataSet.ChunkPaths(In("a")).Select(Path.GetFileName));
        foreach (string path in TrainingDataSet.ChunkPaths(In("a")))
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(In("b"), Path.GetFileName(path))));
        using (var second = TrainingChunkReader.Open(Path.Combine(In("a"), "chunk-000002.chunk")))
            Assert.Equal([407333205, SgfFolder.IdOf("master-gu-li.sgf")], second.ReadSamples().Select(s => s.GameId).Distinct());
        Assert.Equal(4, first.GamesImported);
        Assert.Equal(2, first.ChunksWritten);
        Assert.Equal(first.ChunkBytes, TrainingDataSet.ChunkPaths(In("a")).Sum(p => new FileInfo(p).Length));
    }

    [Fact]
    public void AnImportStoppedHalfWayIsContinuedByRunningItAgainAndEndsAsAnUninterruptedOne()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        var options = new ImportOptions(In("out"), Tygem: tygem, Sgf: ExpertFixture.SgfFolder, GamesPerChunk: 1);
        using var stop = new CancellationTokenSource();

        var stopped = Import(options, p => { if (p.GamesImported == 3) stop.Cancel(); }, stop.Token);

        Assert.True(stopped.Stopped);
        Assert.Equal(3, stopped.Chunks);
        Assert.Empty(Directory.GetFiles(In("out"), "*.part"));
        // A kill leaves the chunk in progress as a .part file, which the next run writes over.
        File.WriteAllText(Path.Combine(In("out"), "chunk-000004.chunk.part"), "killed half-way");
        File.Delete(Path.Combine(In("out"), "chunk-000002.chunk"));

        var resumed = Import(options);

        Assert.False(resumed.Stopped);
        Assert.Equal(4, resumed.GamesImported);
        Assert.Equal(2, resumed.ChunksKept);
        Assert.Equal(2, resumed.ChunksWritten);
        Assert.Empty(Directory.GetFiles(In("out"), "*.part"));
        var fresh = Import(options with { Out = In("fresh") });
        Assert.Equal(fresh with { Elapsed = default, ChunksKept = 2, ChunksWritten = 2 }, resumed with { Elapsed = default, Skipped = fresh.Skipped, Komi = fresh.Komi });
        Assert.Equal(fresh.Skipped, resumed.Skipped);
        foreach (string path in TrainingDataSet.ChunkPaths(In("fresh")))
            Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(Path.Combine(In("out"), Path.GetFileName(path))));
    }

    [Fact]
    public void AFolderMadeWithOtherSettingsOrHoldingOtherChunksIsRefused()
    {
        string tygem = ExpertFixture.WriteTygem(In("tygem"));
        Import(new ImportOptions(In("out"), Tygem: tygem, GamesPerChunk: 2));

        var other = Assert.Throws<ImportFolderException>(() => Import(new ImportOptions(In("out"), Tygem: tygem, GamesPerChunk: 3)));
        Assert.Contains("--games-per-chunk 2 there, 3 here", other.Message);
        var more = Assert.Throws<ImportFolderException>(() => Import(new ImportOptions(In("out"), Tygem: tygem, Sgf: ExpertFixture.SgfFolder, GamesPerChunk: 2)));
        Assert.Contains("other inputs", more.Message);

        Directory.CreateDirectory(In("selfplay"));
        File.Copy(TrainingDataSet.ChunkPaths(In("out"))[0], Path.Combine(In("selfplay"), "chunk-000001.chunk"));
        var foreign = Assert.Throws<ImportFolderException>(() => Import(new ImportOptions(In("selfplay"), Tygem: tygem)));
        Assert.Contains("not an import's", foreign.Message);

        var again = Import(new ImportOptions(In("out"), Tygem: tygem, GamesPerChunk: 2));
        Assert.Equal(2, again.ChunksKept);
        Assert.Equal(0, again.ChunksWritten);
    }

    [Fact]
    public void AnIllegalMoveIsToldApartFromTextThatIsNotAGame()
    {
        var results = new Dictionary<ulong, string> { [1] = "B+Resign" };
        Assert.Equal(SkipReason.IllegalMove, TygemArchive.ReadLine("x", "1\t;B[pd];W[pd]", 1, results).Unreadable);
        Assert.Equal(SkipReason.Malformed, TygemArchive.ReadLine("x", "1\t;B[pd];W[p]", 1, results).Unreadable);
        Assert.Equal(SkipReason.Malformed, TygemArchive.ReadLine("x", "1\t;B[pd];W[pd", 1, results).Unreadable);
        Assert.Equal(SkipReason.Malformed, TygemArchive.ReadLine("x", "1\t;B[pd];(W[pd])", 1, results).Unreadable);
        Assert.Equal(SkipReason.Malformed, TygemArchive.ReadLine("x", "1 ;B[pd]", 1, results).Unreadable);
        var read = TygemArchive.ReadLine("x", "1\t;B[pd];W[]", 1, results);
        Assert.Null(read.Unreadable);
        Assert.Equal(new GameResult(Color.Black, ResultKind.Resignation), read.Game!.Result);
        Assert.True(read.Game.Moves[1].Move.IsPass);
        Assert.Null(TygemArchive.ReadLine("x", "2\t;B[pd]", 1, results).Game!.Result);
    }

    [Fact]
    public void OptionsThatCannotBeUsedAreRefusedByName()
    {
        Assert.Contains("--tygem", Assert.Throws<ArgumentException>(() => new ImportOptions("out").Validated()).Message);
        Assert.Contains("--games-per-chunk", Assert.Throws<ArgumentException>(() => new ImportOptions("out", Sgf: "s", GamesPerChunk: 0).Validated()).Message);
        Assert.Contains("--games", Assert.Throws<ArgumentException>(() => new ImportOptions("out", Sgf: "s", Games: 0).Validated()).Message);
        Assert.Contains("--board", Assert.Throws<ArgumentException>(() => new ImportOptions("out", Sgf: "s", BoardSize: 1).Validated()).Message);
        Assert.Contains("--min-moves", Assert.Throws<ArgumentException>(() => new ImportOptions("out", Sgf: "s", MinMoves: 0).Validated()).Message);
    }

    [Fact]
    public void GamesStopsAfterThatManyImported()
    {
        var summary = Import(new ImportOptions(In("out"), Tygem: ExpertFixture.WriteTygem(In("tygem")), Games: 2));
        Assert.Equal(2, summary.GamesImported);
        Assert.Equal(2, summary.GamesRead);
        Assert.Equal([407331387UL, 407332240UL], Samples(In("out")).Select(s => s.GameId).Distinct());
    }
}
