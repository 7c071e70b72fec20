using System.Collections.Concurrent;
using GoZero.Network;

namespace GoZero.Mcts;

/// <summary>
/// Evaluates a batch with a model in one forward pass (<see cref="InferenceBatch"/>): each position is encoded under a
/// random one of the 8 symmetries (AlphaGo Zero, Methods: "positions are evaluated under a random rotation or
/// reflection"), or under all 8 with the mean taken (<paramref name="averageSymmetries"/>, Leela Zero's AVERAGE
/// ensemble). The softmax over all N²+1 moves is mapped back onto the board and renormalised over the legal moves. May
/// be called from several search threads at once; each call takes a batch from a pool, so steady state allocates
/// nothing. The model stays the caller's to dispose. With <paramref name="ownershipAndScore"/> (a model with the
/// ownership and score heads) it runs those heads too and writes each request's ownership and score, mapped back and
/// averaged over the same symmetries.
/// </summary>
public sealed class NetworkPolicyEvaluator(IInferenceModel model, bool averageSymmetries = false, ulong seed = 1,
    bool ownershipAndScore = false) : IEvaluator
{
    private readonly bool auxiliary = ownershipAndScore && Check(model);

    private readonly ConcurrentBag<InferenceBatch> batches = [];
    private long calls;

    public IInferenceModel Model { get; } = model;

    public bool AverageSymmetries { get; } = averageSymmetries;

    public bool EvaluatesOwnershipAndScore => auxiliary;

    /// <summary>An evaluator for the GTP engine, the referee and analysis: with the ownership and score heads
    /// whenever the model has them.</summary>
    public static NetworkPolicyEvaluator WithHeadsOf(IInferenceModel model, ulong seed) =>
        new(model, seed: seed, ownershipAndScore: model.Description.Has(HeadKind.Ownership));

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        if (batch.IsEmpty) return;
        int size = Model.Description.BoardSize;
        int perPosition = AverageSymmetries ? Engine.Symmetry.Count : 1;
        if (!batches.TryTake(out var inference)) inference = new InferenceBatch(Model, auxiliary);
        try
        {
            inference.Start(batch.Length, perPosition);
            for (int i = 0; i < batch.Length; i++)
            {
                if (batch[i].Game.Size != size)
                    throw new ArgumentException($"the network is for {size}×{size}, a position is {batch[i].Game.Size}×{batch[i].Game.Size}");
                for (int k = 0; k < perPosition; k++) inference.Encode(i, k, batch[i].Game, AverageSymmetries ? k : NextSymmetry());
            }
            inference.Run();

            Span<float> policy = stackalloc float[size * size + 1];
            for (int i = 0; i < batch.Length; i++)
            {
                var request = batch[i];
                request.Value = Math.Clamp(inference.Combine(i, policy), -1f, 1f);
                if (auxiliary) request.Score = inference.CombineAuxiliary(i, request.Ownership);
                var geometry = request.Game.Geometry;
                var moves = request.Moves;
                double sum = 0;
                for (int m = 0; m < moves.Length; m++)
                {
                    float p = policy[geometry.PolicyIndexOf(moves[m])];
                    request.Priors[m] = p;
                    sum += p;
                }
                // A softmax underflowing to zero over every legal move is possible with extreme logits: fall back to uniform.
                if (sum > 0) for (int m = 0; m < moves.Length; m++) request.Priors[m] = (float)(request.Priors[m] / sum);
                else request.Priors.AsSpan(0, moves.Length).Fill(1f / moves.Length);
            }
        }
        finally
        {
            batches.Add(inference);
        }
    }

    private static bool Check(IInferenceModel model) => model.Description.Has(HeadKind.Ownership)
        ? true
        : throw new ArgumentException("the model has no ownership and score heads", nameof(model));

    private int NextSymmetry()
    {
        ulong z = seed + (ulong)Interlocked.Increment(ref calls) * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) >> 61);
    }
}
