namespace GoZero.Mcts;

/// <summary>
/// KataGo's forced playouts and policy target pruning (Wu 2019, "Accelerating Self-Play Learning in Go", section 3.2).
/// During the search a root child c of prior P(c) whose visits are below n_forced(c) = √(k·P(c)·ΣN) is searched
/// before any other (<see cref="IsForced"/>), so that moves the noised prior favours get enough visits to show their
/// worth; afterwards the visits a child only got from that rule are taken back out of the policy target
/// (<see cref="PrunedVisits"/>), so that the network does not learn its own exploration noise.
/// </summary>
public static class ForcedPlayouts
{
    /// <summary>n_forced = √(k·P(c)·ΣN), ΣN the parent's visits (KataGo: k = 2).</summary>
    public static double Minimum(double prior, int parentVisits, double k) => Math.Sqrt(k * prior * parentVisits);

    /// <summary>Whether a root child with <paramref name="childVisits"/> visits (those in flight included) must be
    /// searched next: below its n_forced. A child of prior 0 never is.</summary>
    public static bool IsForced(double prior, int childVisits, int parentVisits, double k) =>
        prior > 0 && childVisits < Minimum(prior, parentVisits, k);

    /// <summary>
    /// The policy target's visit counts after pruning (Wu 2019, section 3.2): c*, the most visited child (first of
    /// <paramref name="moves"/>, which the search sorts most visited first), keeps its visits; from every other child
    /// up to n_forced visits are subtracted, as long as its PUCT value Q(c) + c_puct·P(c)·√ΣN/(1+N(c)) with the visits
    /// left stays at most that of c*; a child left with at most one visit is dropped. Values are from the root
    /// player's view, ΣN is <paramref name="parentVisits"/> (the root's visits), and the counts are fractional, as
    /// KataGo's playout weights are. Writes one count per move into <paramref name="pruned"/>.
    /// </summary>
    public static void PrunedVisits(IReadOnlyList<RootMoveStats> moves, int parentVisits, double cPuct, double k, Span<double> pruned)
    {
        if (pruned.Length < moves.Count) throw new ArgumentException($"{moves.Count} moves need as many pruned counts, not {pruned.Length}");
        if (moves.Count == 0) return;
        var best = moves[0];
        double scale = cPuct * Math.Sqrt(Math.Max(parentVisits, 1));
        double bestPuct = best.Q + scale * best.Prior / (1 + best.Visits);
        pruned[0] = best.Visits;
        for (int i = 1; i < moves.Count; i++)
        {
            var move = moves[i];
            double visits = move.Visits;
            if (visits > 0)
            {
                // The fewest visits at which PUCT(c) ≤ PUCT(c*): 1 + N ≥ c_puct·P(c)·√ΣN / (PUCT(c*) − Q(c)). A child
                // whose Q alone reaches PUCT(c*) earned all its visits.
                double gap = bestPuct - move.Q;
                double earned = gap <= 0 ? visits : Math.Min(visits, scale * move.Prior / gap - 1);
                visits = Math.Max(visits - Minimum(move.Prior, parentVisits, k), earned);
                if (visits <= 1) visits = 0;
            }
            pruned[i] = visits;
        }
    }
}
