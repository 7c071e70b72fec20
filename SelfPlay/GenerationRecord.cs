namespace GoZero.SelfPlay;

/// <summary>
/// One line of a training run's ledger (ledger.jsonl): a candidate network, how it was trained, how it fared against
/// the best network, and where the run stood. Elo is relative to the random network of generation 0 (Elo 0): a
/// candidate's is the best network's plus the gating match's Elo difference, so promoted generations chain.
/// <see cref="GatingLogLikelihoodRatio"/> is the sequential test's ratio at the end of gating, where gating runs one.
/// <see cref="OwnershipLoss"/> and <see cref="ScoreLoss"/> are the candidate's mean unweighted ownership and score
/// losses (<see cref="Network.Training.TrainingLoss"/>) where the run's networks have those heads, else null.
/// <see cref="TotalLoss"/> stays policy plus value, comparable across runs with and without the heads.
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
    double? ScoreLoss = null);
