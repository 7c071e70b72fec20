namespace GoZero.SelfPlay;

/// <summary>What a training run is doing, for a live display.</summary>
/// <param name="Games">The finished games in the run, counted on disk (<see cref="RunLayout.CountGames"/>).</param>
/// <param name="SelfPlay">The counts of the self-play games this machine played or received (selfplay.json).</param>
/// <param name="LastAnchor">The ledger's latest generation with an anchor match (<see cref="AnchorMatch"/>), if any.</param>
/// <param name="Received">With workers (<see cref="TrainingRun.Server"/>): their chunks stored, and those rejected.</param>
public sealed record TrainingRunStatus(
    string Phase,
    int Generation,
    int BestGeneration,
    double BestElo,
    long Games,
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
    double? GatingLogLikelihoodRatio = null,
    double? OwnershipLoss = null,
    double? ScoreLoss = null,
    (long Stored, long Rejected)? Received = null,
    GenerationRecord? LastAnchor = null);
