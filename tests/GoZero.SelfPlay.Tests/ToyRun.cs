namespace GoZero.SelfPlay.Tests;

/// <summary>A training run at toy scale — 5×5, a 1×8 network, a few playouts and steps — so a test runs it in seconds.</summary>
public static class ToyRun
{
    public static readonly TrainingRunConfig Config = TrainingRunConfig.AlphaGoZero9x9 with
    {
        BoardSize = 5,
        Blocks = 1,
        Filters = 8,
        SelfPlayPlayouts = 12,
        GamesAtOnce = 4,
        GamesPerChunk = 2,
        MinimumGames = 4,
        GamesPerGeneration = 4,
        StepsPerGeneration = 5,
        TrainingBatch = 16,
        WindowSamples = 1000,
        GatingGames = 2,
        GatingPlayouts = 8,
    };
}
