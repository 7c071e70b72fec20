namespace GoZero.Network.HeldOut;

/// <summary>
/// How well the network did on one held-out position: whether the move played was its first choice or among its
/// first five, the policy's cross-entropy against the target, and the value's squared error against the result.
/// </summary>
/// <param name="CrossEntropy">−Σₘ πₘ log pₘ in nats: −log p(move played) when π is one-hot on it, as it is for an
/// expert game's sample (<see cref="Import.ExpertSamples"/>); for a self-play sample π is the search's visit
/// distribution, the target the trainer's loss uses (AlphaGo Zero paper, eq. 1).</param>
/// <param name="SquaredError">(v − z)², z from the view of the player to move: 0 to 4.</param>
public readonly record struct PositionScore(bool Top1, bool Top5, double CrossEntropy, double SquaredError)
{
    /// <summary>The smallest probability taken into a logarithm: a float softmax can underflow to 0 for a move the
    /// network rules out entirely, which would make one position's cross-entropy infinite; −ln 10⁻³⁰ ≈ 69 nats.</summary>
    public const double ProbabilityFloor = 1e-30;

    /// <summary>
    /// Scores the network's <paramref name="policy"/> (probabilities over the N² points and pass, on the board's own
    /// orientation) and <paramref name="value"/> against the sample's <paramref name="target"/> π and result
    /// <paramref name="outcome"/>. The move to predict is π's largest entry (the first of equal ones): the move played
    /// for an expert game. It is among the network's first k choices when fewer than k other moves have a probability
    /// as large or larger: a tie counts against the network, so that a policy that says nothing (uniform, or all on
    /// moves it ties) scores no hits rather than all of them; a trained network all but never gives equal floats.
    /// </summary>
    public static PositionScore Of(ReadOnlySpan<float> policy, ReadOnlySpan<float> target, float value, int outcome)
    {
        if (policy.Length != target.Length || policy.Length == 0)
            throw new ArgumentException($"the policy has {policy.Length} entries and the target {target.Length}: they must be the same, and more than 0");
        int played = 0;
        for (int m = 1; m < target.Length; m++)
            if (target[m] > target[played]) played = m;
        float p = policy[played];
        int better = 0;
        double crossEntropy = 0;
        for (int m = 0; m < policy.Length; m++)
        {
            if (policy[m] >= p && m != played) better++;
            if (target[m] > 0) crossEntropy -= target[m] * Math.Log(Math.Max(policy[m], ProbabilityFloor));
        }
        double error = value - (double)outcome;
        return new PositionScore(better < 1, better < 5, crossEntropy, error * error);
    }
}
