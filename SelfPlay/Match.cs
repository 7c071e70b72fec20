using System.Text.Json;
using System.Text.Json.Serialization;
using GoZero.Engine;
using GoZero.Network;

namespace GoZero.SelfPlay;

/// <summary>
/// A match between two players, A and B, in a folder of its own: one SGF per game (game-0001.sgf, …) and a ledger,
/// match.json, holding the match's description and every finished game. Both are written atomically after each game,
/// so a match killed at any moment loses at most the game in progress, and running it again on the same folder with
/// the same description continues where it stopped. Games come in pairs that share a random opening with colours
/// swapped.
/// </summary>
public sealed class Match
{
    public const string LedgerFileName = "match.json";

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
    private readonly string folder;
    private readonly List<MatchGameRecord> games;

    /// <summary>Opens the match in <paramref name="folder"/>, made if missing. A ledger already there must describe the
    /// same match (players' names and options), else <see cref="InvalidDataException"/> says how they differ.</summary>
    public Match(MatchOptions options, IMatchPlayer a, IMatchPlayer b, string folder)
    {
        this.options = options.Validated();
        this.a = a;
        this.b = b;
        this.folder = folder;
        Directory.CreateDirectory(folder);
        games = LoadLedger();
    }

    public IReadOnlyList<MatchGameRecord> Games => games;

    public MatchSummary Summary => MatchSummary.Of(games);

    public string LedgerPath => Path.Combine(folder, LedgerFileName);

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
                new Random(HashCode.Combine(options.Seed, index / 2)));
            var (black, white) = aIsBlack ? (a, b) : (b, a);
            var outcome = MatchGame.Play(black, white, start, options.MaxMovesFor);

            string sgfName = $"game-{index + 1:D4}.sgf";
            var record = SgfGame.FromGame(outcome.Game, outcome.Comments) with
            {
                Result = outcome.Result,
                BlackPlayer = black.Name,
                WhitePlayer = white.Name,
                Date = DateTime.UtcNow.ToString("yyyy-MM-dd"),
                Comment = $"Game {index + 1} of {options.Games}; ended by {outcome.Ending}; {outcome.Result}",
            };
            SgfWriter.Save(record, Path.Combine(folder, sgfName));
            var finished = new MatchGameRecord(index + 1, aIsBlack, outcome.Result.ToString(), outcome.Ending,
                outcome.Game.MoveCount, Math.Round(outcome.Elapsed.TotalSeconds, 2), sgfName);
            games.Add(finished);
            SaveLedger();
            onGame?.Invoke(finished, Summary);
        }
        return Summary;
    }

    private sealed record Ledger(string A, string B, MatchOptions Options, List<MatchGameRecord> Games);

    private List<MatchGameRecord> LoadLedger()
    {
        if (!File.Exists(LedgerPath)) return [];
        Ledger? ledger;
        try
        {
            ledger = JsonSerializer.Deserialize<Ledger>(File.ReadAllText(LedgerPath), Json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{LedgerPath} is not a match ledger: {e.Message}", e);
        }
        if (ledger?.Options is null || ledger.Games is null) throw new InvalidDataException($"{LedgerPath} is not a match ledger");
        if (ledger.A != a.Name || ledger.B != b.Name)
            throw new InvalidDataException($"{LedgerPath} is a match of {ledger.A} against {ledger.B}, not {a.Name} against {b.Name}; use another folder");
        if (ledger.Options with { Games = options.Games } != options)
            throw new InvalidDataException($"{LedgerPath} was played with other settings ({Describe(ledger.Options)}) than these ({Describe(options)}); use another folder");
        return ledger.Games.Take(options.Games).ToList();
    }

    private void SaveLedger() =>
        AtomicFile.Write(LedgerPath, stream => JsonSerializer.Serialize(stream, new Ledger(a.Name, b.Name, options, games), Json));

    private static string Describe(MatchOptions o) => JsonSerializer.Serialize(o with { Games = 0 }, Json).ReplaceLineEndings(" ");
}
