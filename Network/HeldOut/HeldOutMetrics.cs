namespace GoZero.Network.HeldOut;

/// <summary>The held-out figures of all positions and of each <see cref="GamePhase"/>.</summary>
public sealed class HeldOutMetrics
{
    private readonly PredictionTotals[] phases = Enum.GetValues<GamePhase>().Select(_ => new PredictionTotals()).ToArray();

    public PredictionTotals All { get; } = new();

    public PredictionTotals this[GamePhase phase] => phases[(int)phase];

    /// <summary>Adds the score of the position before move <paramref name="moveNumber"/> (from 1).</summary>
    public void Add(PositionScore score, int moveNumber)
    {
        All.Add(score);
        phases[(int)GamePhases.Of(moveNumber)].Add(score);
    }
}
