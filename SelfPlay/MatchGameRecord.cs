using System.Text.Json.Serialization;
using GoZero.Engine;

namespace GoZero.SelfPlay;

/// <summary>One finished game of a match.</summary>
/// <param name="Number">1 for the first game of the match.</param>
/// <param name="AIsBlack">Whether player A had Black.</param>
/// <param name="Result">The result as SGF writes it ("B+3.5", "W+R", "B+F" for a forfeit, "0").</param>
/// <param name="Ending">How it ended, in words: "two passes", "resignation", "move limit", or why a player forfeited.</param>
/// <param name="Moves">Moves played, passes included, the opening included.</param>
/// <param name="Seconds">Wall time of the game.</param>
/// <param name="SgfFile">The game record's file name in the match folder.</param>
/// <param name="Counts">For a game ended by two passes, the players' own counts of it (GTP <c>final_score</c>) by
/// player name, where they gave one; null otherwise, and in ledgers of older gozero.</param>
public sealed record MatchGameRecord(int Number, bool AIsBlack, string Result, string Ending, int Moves, double Seconds, string SgfFile,
                                     IReadOnlyDictionary<string, string>? Counts = null)
{
    /// <summary>The counts that differ from the referee's result (winner or margin), by player name; empty when every
    /// count agrees or none was given.</summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string> Disagreements =>
        Counts is null ? new Dictionary<string, string>()
        : Counts.Where(c => GameResult.Parse(c.Value) != GameResult.Parse(Result)).ToDictionary();

    /// <summary>1 when A won, ½ for a draw, 0 when B won.</summary>
    [JsonIgnore]
    public double ScoreOfA
    {
        get
        {
            var result = GameResult.Parse(Result) ?? throw new InvalidOperationException($"game {Number} has no result '{Result}'");
            if (result.IsDraw) return 0.5;
            return (result.Winner == Color.Black) == AIsBlack ? 1 : 0;
        }
    }

    /// <summary>Whether two passes left a dispute that the players settled by a cleanup (<see cref="MatchOptions.CleanupDisputes"/>).</summary>
    [JsonIgnore]
    public bool HadCleanup => Ending.Contains(MatchGame.CleanupEnding, StringComparison.Ordinal);

    /// <summary>Whether the game ended by a forfeit (a crash, a hang or an illegal move).</summary>
    [JsonIgnore]
    public bool IsForfeit => GameResult.Parse(Result)?.Kind == ResultKind.Forfeit;
}
