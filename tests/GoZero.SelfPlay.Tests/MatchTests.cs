using GoZero.Engine;
using GoZero.Mcts;
using GoZero.SelfPlay;

namespace GoZero.SelfPlay.Tests;

public sealed class MatchTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "gozero-match-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private static MatchOptions Options(int games) => new(games, 5, RulesOptions.Default with { Komi = 0.5 });

    private static readonly MovePolicyOptions NoResignation = new() { ResignThreshold = 0 };

    private static SearchPlayer Rollout(string name, int playouts = 16) =>
        new(name, new RolloutEvaluator(playouts: 2), new SearchOptions { MaxPlayouts = playouts }, NoResignation);

    [Fact]
    public void EveryGameLeavesAnSgfAndALedgerEntry()
    {
        var match = new Match(Options(4), Rollout("a"), Rollout("b"), folder);
        var seen = new List<MatchGameRecord>();
        var summary = match.Run((game, _) => seen.Add(game));
        Assert.Equal(4, summary.Games);
        Assert.Equal(4, summary.AWins + summary.BWins + summary.Draws);
        Assert.Equal([1, 2, 3, 4], seen.Select(g => g.Number));
        Assert.Equal([true, false, true, false], seen.Select(g => g.AIsBlack));
        foreach (var game in seen)
        {
            var record = SgfReader.Load(Path.Combine(folder, game.SgfFile));
            Assert.Equal(game.Result, record.Result?.ToString());
            Assert.Equal(game.AIsBlack ? "a" : "b", record.BlackPlayer);
            Assert.Equal(game.Moves, record.ToGame().MoveCount);
        }
        Assert.True(File.Exists(match.Layout.LedgerPath));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void ADecidedMatchStopsEarlyAndStaysDecidedWhenResumed()
    {
        var match = new Match(Options(10), Rollout("a"), Rollout("b"), folder);
        var summary = match.Run(decided: s => s.Games >= 3);
        Assert.Equal(3, summary.Games);
        Assert.Equal(3, Directory.GetFiles(folder, "*.sgf").Length);

        var resumed = new Match(Options(10), Rollout("a"), Rollout("b"), folder);
        Assert.Equal(3, resumed.Run(decided: s => s.Games >= 3).Games);
        Assert.Equal(5, resumed.Run(decided: s => s.Games >= 5).Games); // a later decision point plays on to it
    }

    [Fact]
    public void PairsOfGamesShareTheirOpeningWithColoursSwapped()
    {
        var options = Options(4) with { OpeningMoves = 2 };
        new Match(options, Rollout("a"), Rollout("b"), folder).Run();
        var openings = Enumerable.Range(1, 4)
            .Select(i => SgfReader.Load(Path.Combine(folder, $"game-{i:D4}.sgf")).Moves.Take(2).Select(m => m.Move).ToList())
            .ToList();
        Assert.Equal(openings[0], openings[1]);
        Assert.Equal(openings[2], openings[3]);
        Assert.NotEqual(openings[0], openings[2]);
    }

    [Fact]
    public void RunningAgainOnTheSameFolderContinuesTheMatch()
    {
        var first = new Match(Options(2), Rollout("a"), Rollout("b"), folder);
        first.Run();
        var played = first.Games.ToList();

        var second = new Match(Options(4), Rollout("a"), Rollout("b"), folder);
        Assert.Equal(played, second.Games);
        var summary = second.Run();
        Assert.Equal(4, summary.Games);
        Assert.Equal(played, second.Games.Take(2));
        Assert.True(File.Exists(Path.Combine(folder, "game-0004.sgf")));
    }

    [Fact]
    public void StoppedMatchKeepsTheGamesItFinished()
    {
        using var stop = new CancellationTokenSource();
        var match = new Match(Options(6), Rollout("a"), Rollout("b"), folder);
        match.Run((game, _) => { if (game.Number == 3) stop.Cancel(); }, stop.Token);
        Assert.Equal(3, new Match(Options(6), Rollout("a"), Rollout("b"), folder).Games.Count);
    }

    [Fact]
    public void FolderOfAnotherMatchIsRefused()
    {
        new Match(Options(2), Rollout("a"), Rollout("b"), folder).Run();
        var otherPlayers = Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("c"), folder));
        Assert.Contains("not a against c", otherPlayers.Message);
        var otherBoard = Assert.Throws<InvalidDataException>(() => new Match(Options(2) with { BoardSize = 7 }, Rollout("a"), Rollout("b"), folder));
        Assert.Contains("other settings", otherBoard.Message);
    }

    private static readonly SearchOptions Search = new() { MaxPlayouts = 16 };

    private static MatchPlayerSettings RolloutSettings(int playouts = 16) =>
        MatchPlayerSettings.Rollout(new RolloutEvaluator(playouts: 2), Search with { MaxPlayouts = playouts }, NoResignation);

    [Fact]
    public void ResumingWithOtherPlayoutsIsRefusedNamingTheSettingAndBothValues()
    {
        new Match(Options(1), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16)).Run();
        var error = Assert.Throws<InvalidDataException>(() =>
            new Match(Options(2), Rollout("a", 400), Rollout("b"), folder, RolloutSettings(400), RolloutSettings(16)));
        Assert.Contains("A's maxPlayouts 16 then, 400 now", error.Message);
        Assert.DoesNotContain("B's", error.Message);
        Assert.Contains("use another folder", error.Message);
        Assert.NotNull(new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16)));
    }

    [Fact]
    public void AnotherNetworkUnderTheSameNameIsRefused()
    {
        new Match(Options(1), Rollout("net.gzn"), Rollout("b"), folder, MatchPlayerSettings.Network("aa11", Search, NoResignation), RolloutSettings()).Run();
        var error = Assert.Throws<InvalidDataException>(() =>
            new Match(Options(2), Rollout("net.gzn"), Rollout("b"), folder, MatchPlayerSettings.Network("bb22", Search, NoResignation), RolloutSettings()));
        Assert.Contains("A's networkSha256 aa11 then, bb22 now", error.Message);
    }

    [Fact]
    public void AnotherLambdaIsRefusedAndLambdaZeroMatchesALedgerFromBeforeIt()
    {
        var rollouts = new RolloutEvaluator(playouts: 8);
        Assert.Equal(MatchPlayerSettings.Network("aa11", Search, NoResignation).Values, MatchPlayerSettings.Network("aa11", Search, NoResignation, lambda: 0).Values);
        new Match(Options(1), Rollout("net.gzn"), Rollout("b"), folder, MatchPlayerSettings.Network("aa11", Search, NoResignation, 0.5, rollouts), RolloutSettings()).Run();
        var error = Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("net.gzn"), Rollout("b"), folder,
            MatchPlayerSettings.Network("aa11", Search, NoResignation), RolloutSettings()));
        Assert.Contains("A's lambda 0.5 then, none now", error.Message);
        Assert.Contains("A's rolloutsPerLeaf 8 then, none now", error.Message);
    }

    [Fact]
    public void AnotherEngineCommandIsRefused()
    {
        var level1 = MatchPlayerSettings.Engine("gnugo", ["--mode", "gtp", "--level", "1"], TimeSpan.FromSeconds(60));
        var level10 = MatchPlayerSettings.Engine("gnugo", ["--mode", "gtp", "--level", "10"], TimeSpan.FromSeconds(60));
        new Match(Options(1), Rollout("a"), Rollout("gnugo"), folder, RolloutSettings(), level1).Run();
        var error = Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("gnugo"), folder, RolloutSettings(), level10));
        Assert.Contains("B's engine gnugo --mode gtp --level 1 then, gnugo --mode gtp --level 10 now", error.Message);
    }

    [Fact]
    public void OtherKomiIsRefusedNamingIt()
    {
        new Match(Options(1), Rollout("a"), Rollout("b"), folder).Run();
        var error = Assert.Throws<InvalidDataException>(() =>
            new Match(Options(2) with { Rules = RulesOptions.Default with { Komi = 6.5 } }, Rollout("a"), Rollout("b"), folder));
        Assert.Contains("rules.komi 0.5 then, 6.5 now", error.Message);
    }

    [Fact]
    public void LedgerWithoutPlayerSettingsIsContinuedAndRecordsThemFromThen()
    {
        // A ledger as gozero wrote it before players' settings were recorded.
        new Match(Options(1), Rollout("a"), Rollout("b"), folder).Run();
        string ledgerPath = Path.Combine(folder, MatchLayout.LedgerFileName);
        var ledger = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ledgerPath))!.AsObject();
        ledger.Remove("settingsA");
        ledger.Remove("settingsB");
        File.WriteAllText(ledgerPath, ledger.ToJsonString());

        var resumed = new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16));
        Assert.True(resumed.SettingsAssumed);
        Assert.Single(resumed.Games);
        resumed.Run();

        Assert.False(new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16)).SettingsAssumed);
        Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(32)));
    }

    /// <summary>Rewrites both players' recorded settings in the folder's ledger, as an older gozero wrote them.</summary>
    private void EditRecordedSettings(Action<System.Text.Json.Nodes.JsonObject> edit)
    {
        string ledgerPath = Path.Combine(folder, MatchLayout.LedgerFileName);
        var ledger = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ledgerPath))!.AsObject();
        foreach (string side in new[] { "settingsA", "settingsB" }) edit(ledger[side]!.AsObject());
        File.WriteAllText(ledgerPath, ledger.ToJsonString());
    }

    [Fact]
    public void LedgerFromBeforeCleanupsIsContinuedOnlyWithoutThem()
    {
        new Match(Options(1), Rollout("a"), Rollout("b"), folder).Run();
        string ledgerPath = Path.Combine(folder, "match.json");
        var ledger = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(ledgerPath))!.AsObject();
        Assert.True(ledger["options"]!.AsObject().Remove("cleanupDisputes"));
        File.WriteAllText(ledgerPath, ledger.ToJsonString());

        var error = Assert.Throws<InvalidDataException>(() => new Match(Options(2) with { CleanupDisputes = true }, Rollout("a"), Rollout("b"), folder));
        Assert.Contains("cleanupDisputes false then, true now", error.Message);
        Assert.Single(new Match(Options(2), Rollout("a"), Rollout("b"), folder).Games);
    }

    [Fact]
    public void LedgerFromBeforeTheMovePolicyHadItsOwnSettingsIsContinued()
    {
        // The resignation settings were the search's then, beside its temperature (always 0 in a match); the policy's
        // other settings did not exist.
        new Match(Options(1), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16)).Run();
        EditRecordedSettings(settings =>
        {
            Assert.Equal("0", (string?)settings["resignThreshold"]);
            settings.Remove("temperatureMoves");
            settings.Remove("noResignShare");
            settings.Remove("passScoring");
            settings["temperature"] = "0";
        });

        var resumed = new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16));
        Assert.Single(resumed.Games);
        var error = Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("b"), folder,
            MatchPlayerSettings.Rollout(new RolloutEvaluator(playouts: 2), Search, NoResignation with { TemperatureMoves = 4 }), RolloutSettings(16)));
        Assert.Contains("A's temperatureMoves 0 then, 4 now", error.Message);
    }

    [Fact]
    public void LedgerFromBeforeLcbSelectionIsContinuedAsTheMostVisitedMove()
    {
        var mostVisited = MatchPlayerSettings.Rollout(new RolloutEvaluator(playouts: 2), Search, NoResignation with { LcbSelection = false });
        new Match(Options(1), Rollout("a"), Rollout("b"), folder, mostVisited, mostVisited).Run();
        EditRecordedSettings(settings =>
        {
            Assert.Equal("false", (string?)settings["lcbSelection"]);
            settings.Remove("lcbSelection");
        });

        Assert.Single(new Match(Options(2), Rollout("a"), Rollout("b"), folder, mostVisited, mostVisited).Games);
        var error = Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), mostVisited));
        Assert.Contains("A's lcbSelection false then, true now", error.Message);
    }

    [Fact]
    public void CallerWithoutSettingsKeepsTheRecordedOnes()
    {
        new Match(Options(1), Rollout("a"), Rollout("b"), folder, RolloutSettings(16), RolloutSettings(16)).Run();
        new Match(Options(2), Rollout("a"), Rollout("b"), folder).Run(); // as the training loop's gating does
        Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("b"), folder, RolloutSettings(99), RolloutSettings(16)));
    }

    [Fact]
    public void CorruptLedgerIsAClearError()
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, MatchLayout.LedgerFileName), "{ not json");
        var error = Assert.Throws<InvalidDataException>(() => new Match(Options(2), Rollout("a"), Rollout("b"), folder));
        Assert.Contains("is not a match ledger", error.Message);
    }

    [Theory]
    [InlineData(0, 9, 0, null, null)]
    [InlineData(2, 26, 0, null, null)]
    [InlineData(2, 9, 1, null, null)]
    [InlineData(2, 5, 2, null, null)]
    [InlineData(2, 9, 0, -1, null)]
    [InlineData(2, 9, 0, null, 0)]
    public void InvalidOptionsAreRefusedWithAReason(int games, int size, int handicap, int? opening, int? maxMoves)
    {
        var options = new MatchOptions(games, size, RulesOptions.Default, handicap, opening, maxMoves);
        var error = Assert.Throws<ArgumentException>(() => options.Validated());
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    /// <summary>A count that differs from the referee's is a disagreement the summary, the ledger (read back by a
    /// resumed match) and the game record all keep; the referee's result still decides the game.</summary>
    [Fact]
    public void AnEngineCountingOtherwiseIsRecordedAsADisagreement()
    {
        var timeout = TimeSpan.FromSeconds(20);
        using (var engine = FakeEngine.Player("fake", timeout, "--count-bias", "100"))
        {
            var summary = new Match(Options(2), Rollout("a"), engine, folder).Run();
            Assert.Equal(summary.Games - summary.AForfeits - summary.BForfeits, summary.Counted);
            Assert.True(summary.Counted > 0);
            Assert.Equal(summary.Counted, summary.CountDisagreements);
        }
        using var again = FakeEngine.Player("fake", timeout, "--count-bias", "100");
        var resumed = new Match(Options(2), Rollout("a"), again, folder);
        var game = resumed.Games.First(g => g.Counts is not null);
        Assert.Equal(game.Counts!["fake"], Assert.Single(game.Disagreements).Value);
        Assert.NotEqual(game.Result, game.Counts["fake"]);
        Assert.Equal(resumed.Games.Count(g => g.Counts is not null), resumed.Summary.CountDisagreements);
        Assert.Contains("fake counts " + game.Counts["fake"], SgfReader.Load(Path.Combine(folder, game.SgfFile)).Comment);
    }

    /// <summary>A match stopped after the first game of a pair is resumed by another process, which must draw the
    /// pair's opening again. The openings were once seeded by HashCode.Combine, which is random in every process; so
    /// these are pinned: the same in every run of the tests.</summary>
    [Fact]
    public void TheOpeningsOfAMatchAreTheSameInEveryProcess()
    {
        string Opening(int seed, int pair)
        {
            var game = MatchOpening.Create(9, RulesOptions.Default, 0, 2, new Random(Match.OpeningSeed(seed, pair)));
            return string.Join(" ", game.Moves.Select(m => Vertex.ToGtp(m, game.Geometry)));
        }
        Assert.Equal("E5 E4 / G5 E7 / G6 D4", Opening(1, 0) + " / " + Opening(1, 1) + " / " + Opening(7, 0));
    }
}
