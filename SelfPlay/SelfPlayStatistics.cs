using System.Text.Json.Serialization;

namespace GoZero.SelfPlay;

/// <summary>Counts of the self-play games written so far in a folder, kept in its selfplay.json.</summary>
/// <param name="NextGameId">The id the next game gets.</param>
/// <param name="NoResignGames">Games played out without resignation to check it.</param>
/// <param name="WouldHaveResigned">Those of them in which a side fell below the threshold.</param>
/// <param name="FalseResignations">Those in which that side went on to win.</param>
public sealed record SelfPlayStatistics(
    long NextGameId = 0,
    long Games = 0,
    long Samples = 0,
    long Moves = 0,
    long Resignations = 0,
    long NoResignGames = 0,
    long WouldHaveResigned = 0,
    long FalseResignations = 0,
    long BlackWins = 0,
    long WhiteWins = 0,
    int Chunks = 0,
    double[]? RecentWinnerMinima = null)
{
    /// <summary>Played-out games the resignation threshold is calibrated on (the most recent ones are kept).</summary>
    public const int CalibrationGames = 200;

    /// <summary>Played-out games needed before anybody resigns.</summary>
    public const int MinimumCalibrationGames = 20;

    /// <summary>The share of wrong resignations the calibrated threshold allows (AlphaGo Zero: 5%).</summary>
    public const double FalseResignationTarget = 0.05;

    /// <summary>
    /// The resignation threshold to play with now (AlphaGo Zero, Methods: "v_resign is selected automatically to keep
    /// the fraction of false positives below 5%"): the highest threshold, at most <paramref name="cap"/>, below which
    /// at most 5% of the recent played-out games' winners ever fell; 0 (nobody resigns) until
    /// <see cref="MinimumCalibrationGames"/> such games are known. Early networks, whose value head is noise, thus
    /// resign rarely or never, and resignation tightens as the value head learns.
    /// </summary>
    public double ResignThreshold(double cap)
    {
        var minima = RecentWinnerMinima ?? [];
        if (cap <= 0 || minima.Length < MinimumCalibrationGames) return 0;
        var sorted = minima.Order().ToArray();
        double threshold = sorted[(int)Math.Floor(FalseResignationTarget * sorted.Length)];
        return Math.Min(cap, threshold);
    }

    /// <summary>Share of the no-resign games in which resigning would have lost a game that was won; AlphaGo Zero
    /// kept it below 5%. NaN before any such game.</summary>
    [JsonIgnore]
    public double FalseResignationRate => NoResignGames == 0 ? double.NaN : (double)FalseResignations / NoResignGames;

    public SelfPlayStatistics Add(SelfPlayRecord record) => Add(SelfPlayGameSummary.Of(record));

    public SelfPlayStatistics Add(SelfPlayGameSummary game) => this with
    {
        NextGameId = Math.Max(NextGameId, game.Id + 1),
        Games = Games + 1,
        Samples = Samples + game.Samples,
        Moves = Moves + game.Moves,
        Resignations = Resignations + (game.Resigned ? 1 : 0),
        NoResignGames = NoResignGames + (game.ResignationAllowed ? 0 : 1),
        WouldHaveResigned = WouldHaveResigned + (game.WouldHaveResigned != Engine.Color.Empty ? 1 : 0),
        FalseResignations = FalseResignations + (game.FalseResignation ? 1 : 0),
        BlackWins = BlackWins + (game.Winner == Engine.Color.Black ? 1 : 0),
        WhiteWins = WhiteWins + (game.Winner == Engine.Color.White ? 1 : 0),
        RecentWinnerMinima = game.ResignationAllowed || !double.IsFinite(game.WinnerMinimumWinRate)
            ? RecentWinnerMinima
            : [.. (RecentWinnerMinima ?? []).TakeLast(CalibrationGames - 1), game.WinnerMinimumWinRate],
    };
}
