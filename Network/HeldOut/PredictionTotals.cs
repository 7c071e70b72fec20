namespace GoZero.Network.HeldOut;

/// <summary>The sums of <see cref="PositionScore"/>s over a set of positions, and the means the report gives. Sums are
/// taken in the order the positions come, so the same positions give the same figures to the last bit.</summary>
public sealed class PredictionTotals
{
    public long Positions { get; private set; }

    public long Top1Hits { get; private set; }

    public long Top5Hits { get; private set; }

    public double CrossEntropySum { get; private set; }

    public double SquaredErrorSum { get; private set; }

    public void Add(PositionScore score)
    {
        Positions++;
        if (score.Top1) Top1Hits++;
        if (score.Top5) Top5Hits++;
        CrossEntropySum += score.CrossEntropy;
        SquaredErrorSum += score.SquaredError;
    }

    /// <summary>The fraction of positions whose move played was the network's first choice; 0 of none.</summary>
    public double Top1 => Mean(Top1Hits);

    public double Top5 => Mean(Top5Hits);

    /// <summary>The mean cross-entropy in nats (ln 362 ≈ 5.89 for a uniform 19×19 policy).</summary>
    public double CrossEntropy => Mean(CrossEntropySum);

    /// <summary>The value's mean squared error (1 for a value that always says 0 in decided games).</summary>
    public double ValueMse => Mean(SquaredErrorSum);

    private double Mean(double sum) => Positions == 0 ? 0 : sum / Positions;
}
