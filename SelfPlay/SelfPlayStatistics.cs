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
    int Chunks = 0)
{
    /// <summary>Share of the no-resign games in which resigning would have lost a game that was won; AlphaGo Zero
    /// kept it below 5%. NaN before any such game.</summary>
    [JsonIgnore]
    public double FalseResignationRate => NoResignGames == 0 ? double.NaN : (double)FalseResignations / NoResignGames;

    public SelfPlayStatistics Add(SelfPlayRecord record) => this with
    {
        NextGameId = Math.Max(NextGameId, record.Id + 1),
        Games = Games + 1,
        Samples = Samples + record.Moves.Count,
        Moves = Moves + record.Game.MoveCount,
        Resignations = Resignations + (record.Result.Kind == Engine.ResultKind.Resignation ? 1 : 0),
        NoResignGames = NoResignGames + (record.ResignationAllowed ? 0 : 1),
        WouldHaveResigned = WouldHaveResigned + (record.WouldHaveResigned != Engine.Color.Empty ? 1 : 0),
        FalseResignations = FalseResignations + (record.FalseResignation ? 1 : 0),
        BlackWins = BlackWins + (record.Result.Winner == Engine.Color.Black ? 1 : 0),
        WhiteWins = WhiteWins + (record.Result.Winner == Engine.Color.White ? 1 : 0),
    };
}
