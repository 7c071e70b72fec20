using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.Gtp;

/// <summary>What values positions for the search on one board size: a network, or the rollout fallback.</summary>
/// <param name="Description">How <c>version</c> and the log name it: "network: FILE, 9x9 6x64" or
/// "no network: rollout fallback".</param>
/// <param name="DefaultPlayouts">Playouts per move when the options give none.</param>
/// <param name="Network">The network, which the <see cref="NetworkLibrary"/> disposes; null for the fallback.</param>
public sealed record PlayingNetwork(IEvaluator Evaluator, string Description, int DefaultPlayouts, IInferenceModel? Network)
{
    public bool IsRolloutFallback => Network is null;
}
