using System.Text.Json;
using System.Text.Json.Serialization;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.SelfPlay;

/// <summary>
/// A match between two players, A and B, in a folder of its own (<see cref="MatchLayout"/>): one SGF per game and a
/// ledger holding the match's description and every finished game. Both are written atomically after each game,
/// so a match killed at any moment loses at most the game in progress, and running it again on the same folder with
/// the same description continues where it stopped. The description is everything that decides the games: the
/// players' names, the <see cref="MatchOptions"/> (but for the number of games) and, when the caller gives them, each
/// player's <see cref="MatchPlayerSettings"/>. Games come in pairs that share a random opening with colours swapped.
/// </summary>
public sealed class Match
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    private readonly MatchOptions options;
    private readonly IMatchPlayer a;
    private readonly IMatchPlayer b;
    private readonly List<MatchGameRecord> games;
    private IReadOnlyDictionary<string, string>? settingsA;
    private IReadOnlyDictionary<string, string>? settingsB;
    private readonly MatchReferee? referee;

    /// <summary>Opens the match in <paramref name="folder"/>, made if missing. A ledger already there must describe the
    /// same match — players' names, options, and each player's settings where both the ledger and the caller have
    /// them — else <see cref="InvalidDataException"/> names every setting that differs, with both values. The
    /// <paramref name="referee"/> judges each finished game's dead stones (null: the random playouts); a ledger of
    /// games refereed otherwise is refused too.</summary>
    public Match(MatchOptions options, IMatchPlayer a, IMatchPlayer b, string folder,
                 MatchPlayerSettings? settingsA = null, MatchPlayerSettings? settingsB = null, MatchReferee? referee = null)
    {
        this.referee = referee;
        this.options = options.Validated();
        this.a = a;
        this.b = b;
        Layout = new MatchLayout(folder);
        this.settingsA = settingsA?.Values;
        this.settingsB = settingsB?.Values;
        Directory.CreateDirectory(folder);
        games = LoadLedger();
    }

    /// <summary>True when the ledger, written before players' settings were recorded, had none to check the given
    /// ones against; they are taken as the games' and recorded from now on.</summary>
    public bool SettingsAssumed { get; private set; }

    public IReadOnlyList<MatchGameRecord> Games => games;

    public MatchSummary Summary => MatchSummary.Of(games);

    public MatchLayout Layout { get; }

    /// <summary>Plays the games still missing, calling <paramref name="onGame"/> after each; stops between games when
    /// <paramref name="cancellation"/> fires, or early when <paramref name="decided"/> says the games so far decide the
    /// match (a sequential test; it is asked before every game, so a resumed match that was already decided plays none).</summary>
    public MatchSummary Run(Action<MatchGameRecord, MatchSummary>? onGame = null, CancellationToken cancellation = default,
                            Func<MatchSummary, bool>? decided = null)
    {
        while (games.Count < options.Games && !cancellation.IsCancellationRequested && decided?.Invoke(Summary) != true)
        {
            int index = games.Count;
            bool aIsBlack = index % 2 == 0;
            var start = MatchOpening.Create(options.BoardSize, options.Rules, options.Handicap, options.OpeningMovesFor,
                new Random(OpeningSeed(options.Seed, index / 2)));
            var (black, white) = aIsBlack ? (a, b) : (b, a);
            var outcome = MatchGame.Play(black, white, start, options.MaxMovesFor, referee?.Judge, options.CleanupDisputes);

            string sgfName = MatchLayout.GameFileName(index + 1);
            var record = SgfGame.FromGame(outcome.Game, outcome.Comments) with
            {
                Result = outcome.Result,
                BlackPlayer = black.Name,
                WhitePlayer = white.Name,
                Date = DateTime.UtcNow.ToString("yyyy-MM-dd"),
                Comment = $"Game {index + 1} of {options.Games}; ended by {outcome.Ending}; {outcome.Result}" +
                          string.Concat((outcome.Counts ?? new Dictionary<string, string>()).Select(c => $"; {c.Key} counts {c.Value}")),
            };
            SgfWriter.Save(record, Layout.GamePath(sgfName));
            var finished = new MatchGameRecord(index + 1, aIsBlack, outcome.Result.ToString(), outcome.Ending,
                outcome.Game.MoveCount, Math.Round(outcome.Elapsed.TotalSeconds, 2), sgfName, outcome.Counts);
            games.Add(finished);
            SaveLedger();
            onGame?.Invoke(finished, Summary);
        }
        return Summary;
    }

    /// <param name="RefereeSha256">The SHA-256 of the network that judged dead stones; null for the random playouts
    /// (and in ledgers written before a referee could be chosen, which the playouts judged).</param>
    private sealed record Ledger(string A, string B, MatchOptions Options, IReadOnlyDictionary<string, string>? SettingsA,
                                 IReadOnlyDictionary<string, string>? SettingsB, List<MatchGameRecord> Games, string? RefereeSha256 = null);

    /// <summary>The most bytes a match.json may have: 256 MiB, about a million games' records.</summary>
    public const int MaxLedgerBytes = 256 << 20;

    private List<MatchGameRecord> LoadLedger()
    {
        if (!File.Exists(Layout.LedgerPath)) return [];
        Ledger? ledger;
        try
        {
            ledger = JsonSerializer.Deserialize<Ledger>(InputFile.ReadAllBytes(Layout.LedgerPath, MaxLedgerBytes, "a match ledger"), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{Layout.LedgerPath} is not a match ledger: {e.Message}", e);
        }
        if (ledger?.Options is null || ledger.Games is null) throw new InvalidDataException($"{Layout.LedgerPath} is not a match ledger");
        if (ledger.A != a.Name || ledger.B != b.Name)
            throw new InvalidDataException($"{Layout.LedgerPath} is a match of {ledger.A} against {ledger.B}, not {a.Name} against {b.Name}; use another folder");
        var differences = MatchPlayerSettings.Differences(Described(ledger.Options), Described(options))
            .Concat(settingsA is null || ledger.SettingsA is null ? [] : MatchPlayerSettings.Differences(ledger.SettingsA, settingsA, "A's "))
            .Concat(settingsB is null || ledger.SettingsB is null ? [] : MatchPlayerSettings.Differences(ledger.SettingsB, settingsB, "B's "))
            .Concat(ledger.RefereeSha256 == referee?.NetworkSha256 ? []
                : [$"referee: {RefereeName(ledger.RefereeSha256)} then, {RefereeName(referee?.NetworkSha256)} now"])
            .ToList();
        if (differences.Count > 0)
            throw new InvalidDataException($"{Layout.LedgerPath} holds games played with other settings: {string.Join("; ", differences)}. " +
                                           "Games played otherwise cannot be counted together: use another folder, or the settings recorded there");
        // A ledger from before players' settings were recorded cannot say how its games were played. Refusing it would
        // strand every match begun with an older gozero; its games were played by this same command in all likelihood,
        // so the settings given now are taken as theirs (the caller says so) and checked from here on. A caller
        // that gives none (the training loop, whose gating resigns at a threshold that moves) keeps what is recorded.
        SettingsAssumed = (settingsA is not null && ledger.SettingsA is null) || (settingsB is not null && ledger.SettingsB is null);
        settingsA ??= ledger.SettingsA;
        settingsB ??= ledger.SettingsB;
        return ledger.Games.Take(options.Games).ToList();
    }

    private void SaveLedger() =>
        AtomicFile.Write(Layout.LedgerPath, stream => JsonSerializer.Serialize(stream,
            new Ledger(a.Name, b.Name, options, settingsA, settingsB, games, referee?.NetworkSha256), Json));

    /// <summary>The seed of a pair's random opening: a fixed function of the match seed and the pair, so that a match
    /// resumed in another process (or a game replayed) draws the same opening. <see cref="HashCode.Combine{T1,T2}"/>
    /// would not do: it is seeded at random in every process, which split the pairs of a resumed match.</summary>
    public static int OpeningSeed(int matchSeed, int pair) => unchecked(matchSeed * 1_000_003 + pair * 7_919 + 17);

    private static string RefereeName(string? sha256) => sha256 is null ? "random playouts" : $"network {sha256}";

    // The number of games may change between runs: it only says how far to go.
    private static SortedDictionary<string, string> Described(MatchOptions o)
    {
        var values = new SortedDictionary<string, string>(MatchPlayerSettings.Flatten(o).ToDictionary(), StringComparer.Ordinal);
        values.Remove("games");
        return values;
    }
}
