using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.SelfPlay;

/// <summary>
/// The network evaluator self-play plays with, replaced when a new network is promoted while games go on: an
/// evaluation in flight finishes on the network it started with, the next one uses the new network, and the old one is
/// disposed once nothing uses it.
/// </summary>
public sealed class ReplaceableNetworkEvaluator : IEvaluator, IDisposable
{
    private readonly ReaderWriterLockSlim gate = new();
    private readonly int threads;
    private readonly ulong seed;
    private readonly ModelPlacement placement;
    private IInferenceModel network;
    private NetworkPolicyEvaluator evaluator;

    public ReplaceableNetworkEvaluator(NetworkWeights weights, int threads, ulong seed, ModelPlacement? placement = null)
    {
        this.threads = threads;
        this.seed = seed;
        this.placement = placement ?? ModelPlacement.Default;
        network = ModelFactory.OpenInference(weights, threads, this.placement.Backend, this.placement.Device);
        evaluator = new NetworkPolicyEvaluator(network, seed: seed);
    }

    /// <summary>How many times the network was replaced.</summary>
    public int Replacements { get; private set; }

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        gate.EnterReadLock();
        try { evaluator.Evaluate(batch); }
        finally { gate.ExitReadLock(); }
    }

    public void Replace(NetworkWeights weights)
    {
        var newNetwork = ModelFactory.OpenInference(weights, threads, this.placement.Backend, this.placement.Device);
        var newEvaluator = new NetworkPolicyEvaluator(newNetwork, seed: seed + (ulong)Replacements + 1);
        IInferenceModel old;
        gate.EnterWriteLock();
        try
        {
            old = network;
            network = newNetwork;
            evaluator = newEvaluator;
            Replacements++;
        }
        finally { gate.ExitWriteLock(); }
        old.Dispose();
    }

    public void Dispose()
    {
        gate.EnterWriteLock();
        try { network.Dispose(); }
        finally { gate.ExitWriteLock(); }
        gate.Dispose();
    }
}
