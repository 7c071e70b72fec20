using System.Buffers;
using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// An <see cref="IEvaluator"/> that remembers what another one said (Leela Zero's NNCache). The key hashes the last
/// 8 positions — all the network sees — with the board size and komi, so a position reached by another move order
/// is looked up again only when the network would see the same history. Priors are stored per board point and
/// gathered over the request's legal moves on a hit (renormalised, in case superko forbids a move the first time did
/// not). A fixed number of entries, each slot overwritten by the newest key that maps to it; thread-safe by striped
/// locks.
/// </summary>
public sealed class EvaluationCache : IEvaluator
{
    private const int Stripes = 64;

    private readonly IEvaluator inner;
    private readonly ulong[] keys;
    private readonly bool[] used;
    private readonly float[] values;
    private readonly float[][] priors;
    private readonly Lock[] locks;
    private long hits, misses;

    public EvaluationCache(IEvaluator inner, int capacity = 100_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        this.inner = inner;
        Capacity = capacity;
        keys = new ulong[capacity];
        used = new bool[capacity];
        values = new float[capacity];
        priors = new float[capacity][];
        locks = new Lock[Stripes];
        for (int i = 0; i < Stripes; i++) locks[i] = new Lock();
    }

    public int Capacity { get; }

    public long Hits => Interlocked.Read(ref hits);

    public long Misses => Interlocked.Read(ref misses);

    public void Evaluate(ReadOnlySpan<EvaluationRequest> batch)
    {
        var missed = ArrayPool<EvaluationRequest>.Shared.Rent(batch.Length);
        var missedKeys = ArrayPool<ulong>.Shared.Rent(batch.Length);
        int missCount = 0;
        try
        {
            foreach (var request in batch)
            {
                ulong key = KeyOf(request.Game);
                if (TryGet(key, request)) Interlocked.Increment(ref hits);
                else
                {
                    missedKeys[missCount] = key;
                    missed[missCount++] = request;
                }
            }
            if (missCount == 0) return;
            Interlocked.Add(ref misses, missCount);
            inner.Evaluate(missed.AsSpan(0, missCount));
            for (int i = 0; i < missCount; i++) Store(missedKeys[i], missed[i]);
        }
        finally
        {
            Array.Clear(missed, 0, missCount);
            ArrayPool<EvaluationRequest>.Shared.Return(missed);
            ArrayPool<ulong>.Shared.Return(missedKeys);
        }
    }

    /// <summary>The key of the game's position now with its last 8 boards, board size and komi.</summary>
    public static ulong KeyOf(Game game)
    {
        ulong key = (ulong)game.Size * 0x9E3779B97F4A7C15UL ^ (ulong)BitConverter.DoubleToInt64Bits(game.Rules.Komi);
        for (int h = 0; h < EvaluationRequest.HistoryBoards; h++)
        {
            var position = game.PositionBefore(h);
            // Fewer than 8 boards of history is a different input from the same boards with more behind them.
            ulong board = position is null ? 0xD6E8FEB86659FD93UL * (ulong)(h + 1) : position.Hash;
            key = (key ^ board) * 0xBF58476D1CE4E5B9UL;
            key ^= key >> 31;
        }
        // SplitMix64's finaliser, so that every bit of the key mixes into the slot index.
        key = (key ^ (key >> 30)) * 0xBF58476D1CE4E5B9UL;
        key = (key ^ (key >> 27)) * 0x94D049BB133111EBUL;
        return key ^ (key >> 31);
    }

    private int SlotOf(ulong key) => (int)(key % (ulong)Capacity);

    private bool TryGet(ulong key, EvaluationRequest request)
    {
        int slot = SlotOf(key);
        var geometry = request.Game.Geometry;
        lock (locks[slot % Stripes])
        {
            if (!used[slot] || keys[slot] != key || priors[slot].Length != geometry.Area + 1) return false;
            var stored = priors[slot];
            var moves = request.Moves;
            double sum = 0;
            for (int m = 0; m < moves.Length; m++) sum += request.Priors[m] = stored[geometry.PolicyIndexOf(moves[m])];
            if (sum > 0) for (int m = 0; m < moves.Length; m++) request.Priors[m] = (float)(request.Priors[m] / sum);
            else request.Priors.AsSpan(0, moves.Length).Fill(1f / moves.Length);
            request.Value = values[slot];
            return true;
        }
    }

    private void Store(ulong key, EvaluationRequest request)
    {
        int slot = SlotOf(key);
        var geometry = request.Game.Geometry;
        lock (locks[slot % Stripes])
        {
            var stored = priors[slot];
            if (stored is null || stored.Length != geometry.Area + 1) priors[slot] = stored = new float[geometry.Area + 1];
            else Array.Clear(stored);
            var moves = request.Moves;
            for (int m = 0; m < moves.Length; m++) stored[geometry.PolicyIndexOf(moves[m])] = request.Priors[m];
            keys[slot] = key;
            values[slot] = request.Value;
            used[slot] = true;
        }
    }
}
