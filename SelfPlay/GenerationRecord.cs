namespace GoZero.SelfPlay;

/// <summary>
/// One line of a training run's ledger (ledger.jsonl): a candidate network, how it was trained, how it fared against
/// the best network, and where the run stood. Elo is relative to the random network of generation 0 (Elo 0): a
/// candidate's is the best network's plus the gating match's Elo difference, so promoted generations chain.
/// <see cref="GatingLogLikelihoodRatio"/> is the sequential test's ratio at the end of gating, where gating runs one.
/// <see cref="OwnershipLoss"/> and <see cref="ScoreLoss"/> are the candidate's mean unweighted ownership and score
/// losses (<see cref="Network.Training.TrainingLoss"/>) where the run's networks have those heads, else null.
/// <see cref="TotalLoss"/> stays policy plus value, comparable across runs with and without the heads.
/// The Anchor fields hold the anchor match played after this generation by its best network
/// (<see cref="BestGeneration"/>) against <see cref="AnchorEngine"/> (<see cref="AnchorMatch"/>), null where none was:
/// wins and losses are the network's, <see cref="AnchorElo"/> is its Elo over the anchor (the anchor = 0, a sweep taken
/// half a game from the end as <see cref="MatchSummary.EloDifference"/> does), and the interval's ends in Elo are
/// <see cref="MatchSummary.Elo"/> of the score's (infinite at 0 or 1, so the ledger keeps the score's).
/// </summary>
public sealed record GenerationRecord(
    int Generation,
    string Candidate,
    long TrainingSteps,
    double LearningRate,
    long SelfPlayGames,
    long SelfPlaySamples,
    int WindowSamples,
    double TotalLoss,
    double PolicyLoss,
    double ValueLoss,
    int OpponentGeneration,
    int GatingGames,
    int GatingWins,
    int GatingLosses,
    int GatingDraws,
    double GatingScore,
    double GatingScoreLow,
    double GatingScoreHigh,
    double EloDifference,
    bool Promoted,
    double Elo,
    int BestGeneration,
    double BestElo,
    double GamesPerHour,
    double BatchFill,
    long NoResignGames,
    long FalseResignations,
    double TrainingSeconds,
    double GatingSeconds,
    double WallSeconds,
    DateTime FinishedUtc,
    double? GatingLogLikelihoodRatio = null,
    double? OwnershipLoss = null,
    double? ScoreLoss = null,
    string? AnchorEngine = null,
    int? AnchorGames = null,
    int? AnchorWins = null,
    int? AnchorLosses = null,
    int? AnchorDraws = null,
    double? AnchorScore = null,
    double? AnchorScoreLow = null,
    double? AnchorScoreHigh = null,
    double? AnchorElo = null)
{
    /// <summary>This record with the anchor match's result.</summary>
    public GenerationRecord WithAnchor(string engine, MatchSummary summary) => this with
    {
        AnchorEngine = engine,
        AnchorGames = summary.Games,
        AnchorWins = summary.AWins,
        AnchorLosses = summary.BWins,
        AnchorDraws = summary.Draws,
        AnchorScore = summary.Score,
        AnchorScoreLow = summary.ScoreInterval.Low,
        AnchorScoreHigh = summary.ScoreInterval.High,
        AnchorElo = summary.EloDifference,
    };
}
