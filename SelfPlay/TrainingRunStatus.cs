namespace GoZero.SelfPlay;

/// <summary>What a training run is doing, for a live display.</summary>
public sealed record TrainingRunStatus(
    string Phase,
    int Generation,
    int BestGeneration,
    double BestElo,
    SelfPlayStatistics SelfPlay,
    double GamesPerHour,
    double BatchFill,
    long TrainingSteps,
    int StepInGeneration,
    int StepsPerGeneration,
    double? Loss,
    double? PolicyLoss,
    double? ValueLoss,
    MatchSummary? Gating,
    int GatingGames,
    TimeSpan RunTime,
    GenerationRecord? Last,
    double? GatingLogLikelihoodRatio = null);
