using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// The evaluator that needs no network: uniform priors over the legal moves, and as value the mean result of
/// <see cref="Playouts"/> light random playouts (<see cref="Playout"/>) scored by area with the game's komi: +1 a win
/// for the player to move, −1 a loss, 0 a draw. For tests and as the engine's fallback. Each batch gets its own
/// playout generator, seeded from <paramref name="seed"/> and a call counter, so one search thread with a fixed seed
/// sees the same values run to run.
/// </summary>
public sealed class RolloutEvaluator(int playouts = 8, ulong seed = 1) : IEvaluator
{
    private long calls;

    public int Playouts { get; } = playouts > 0 ? playouts : throw new ArgumentOutOfRangeException(nameof(playouts), playouts, "at least one playout");

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        if (batch.IsEmpty) return;
        ulong call = (ulong)Interlocked.Increment(ref calls);
        var playout = new Playout(batch[0].Game.Geometry, Mix(seed, call));
        foreach (var request in batch)
        {
            int count = request.MoveCount;
            request.Priors.AsSpan(0, count).Fill(1f / count);
            var start = request.Game.Current;
            double komi = request.Game.Rules.Komi;
            Color player = start.ToMove;
            int sum = 0;
            for (int i = 0; i < Playouts; i++)
            {
                playout.Run(start);
                double blackLead = AreaScoring.BlackMinusWhite(playout.FinalPosition, komi);
                double lead = player == Color.Black ? blackLead : -blackLead;
                sum += Math.Sign(lead);
            }
            request.Value = (float)sum / Playouts;
        }
    }

    /// <summary>SplitMix64's finaliser over the seed and the call number.</summary>
    private static ulong Mix(ulong seed, ulong call)
    {
        ulong z = seed + call * 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
