using System.Buffers;

namespace GoZero.Mcts;

/// <summary>
/// AlphaGo's leaf evaluation (Silver et al. 2016, "Mastering the game of Go with deep neural networks and tree
/// search", Methods): the priors are the network's, the value mixes the value network's v with a rollout's result z,
/// V(s_L) = (1 − λ)·v_θ(s_L) + λ·z_L, λ = 0.5 in AlphaGo. Both values are from the player to move's view, so the mix
/// is too. λ = 0 is exactly the network's evaluation (the rollouts are not even run); λ = 1 is a pure rollout value
/// with the network's priors.
/// <para>
/// AlphaGo's rollouts followed a fast linear policy; ours are <see cref="RolloutEvaluator"/>'s light random games, so
/// its value is the mean of several of them rather than one.
/// </para>
/// <para>
/// No cache belongs around this evaluator: <see cref="EvaluationCache"/> would keep the first rollout's result for a
/// position and hand it back on every later visit, turning a fresh random sample into a frozen one. To cache, wrap
/// the network alone (<c>new MixedValueEvaluator(new EvaluationCache(network), rollouts, λ)</c>): its value is
/// deterministic up to the symmetry drawn, and the rollouts stay fresh on each evaluation.
/// </para>
/// </summary>
public sealed class MixedValueEvaluator : IEvaluator
{
    private readonly IEvaluator network;
    private readonly IEvaluator rollouts;

    public MixedValueEvaluator(IEvaluator network, IEvaluator rollouts, double lambda)
    {
        if (!IsValidLambda(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must be in [0, 1]");
        this.network = network;
        this.rollouts = rollouts;
        Lambda = lambda;
    }

    /// <summary>The rollouts' weight in the value, in [0, 1].</summary>
    public double Lambda { get; }

    /// <summary>Whether <paramref name="lambda"/> is a weight the mix accepts: a number in [0, 1].</summary>
    public static bool IsValidLambda(double lambda) => lambda is >= 0 and <= 1;

    /// <summary>The network's ownership and score pass through unmixed: the rollouts have neither.</summary>
    public bool EvaluatesOwnershipAndScore => network.EvaluatesOwnershipAndScore;

    /// <summary>(1 − λ)·v + λ·z, kept in [−1, 1] against rounding.</summary>
    public static float Mix(float networkValue, float rolloutValue, double lambda) =>
        (float)Math.Clamp((1 - lambda) * networkValue + lambda * rolloutValue, -1.0, 1.0);

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        if (batch.IsEmpty) return;
        if (Lambda == 0)
        {
            network.Evaluate(batch);
            return;
        }
        // The rollouts run first and their values are set aside: the rollout evaluator writes priors of its own
        // (uniform), which the network's then overwrite.
        var rolloutValues = ArrayPool<float>.Shared.Rent(batch.Length);
        try
        {
            rollouts.Evaluate(batch);
            for (int i = 0; i < batch.Length; i++) rolloutValues[i] = batch[i].Value;
            network.Evaluate(batch);
            for (int i = 0; i < batch.Length; i++) batch[i].Value = Mix(batch[i].Value, rolloutValues[i], Lambda);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rolloutValues);
        }
    }
}
