namespace GoZero.Mcts;

/// <summary>
/// The root of a Gumbel AlphaZero search (Danihelka et al., ICLR 2022, "Policy improvement by planning with Gumbel"):
/// m moves are sampled without replacement by Gumbel-top-k (the m largest g(a) + logits(a), g ~ Gumbel(0, 1), section
/// 3), the playouts are shared among them by Sequential Halving (section 4), the move played is the best survivor by
/// g(a) + logits(a) + σ(q̂(a)), and the policy target is softmax(logits + σ(completedQ)) (section 4, equation 11).
/// Below the root the search stays PUCT; the paper's non-root selection of section 5 (deterministic, matching visits to
/// the improved policy) is not used.
/// <para>
/// Sequential Halving is run as DeepMind's mctx runs it (seq_halving.py): a table fixed in advance gives, for each
/// simulation, the visit count a move must have to be searched next, and among the moves with exactly that count the
/// one of highest g + logits + σ(q̂) is. So the first m simulations visit the top m by g + logits, and each later
/// phase gives the better half of the survivors ⌊n/(⌈log₂ m⌉·survivors)⌋ more visits each. Leaves in flight count as
/// visits; a batch of B leaves of one search is chosen before the earlier ones of the batch are backed up, so their
/// q̂ are a batch old (with a batch of 1 it is the paper's sequential schedule).
/// </para>
/// Values: q̂ = (1 + Q)/2, the win rate, the known bounds of a board game's value mapped onto [0, 1] (the paper
/// normalises q̂ to [0, 1]); σ(q̂) = (c_visit + max_b N(b))·c_scale·q̂ (equation 8). The search keeps no tree from
/// move to move in this mode, as the table counts a fresh root's visits.
/// </summary>
public sealed class GumbelRoot
{
    private readonly Lock gate = new();
    private double[] gumbel = [];
    private int[] pending = [];
    private int[] consideredVisits = [];
    private int children;

    public GumbelRoot(SearchOptions options) => Options = options;

    public SearchOptions Options { get; }

    /// <summary>
    /// The visit count a move must have to be searched at each of <paramref name="simulations"/> simulations when
    /// <paramref name="considered"/> moves are sampled (mctx get_sequence_of_considered_visits): phases of
    /// max(1, ⌊n/(⌈log₂ m⌉·survivors)⌋) rounds over the survivors, the survivors halved (to no fewer than 2) after
    /// each phase; with one move, that move every time.
    /// </summary>
    public static int[] ConsideredVisits(int considered, int simulations)
    {
        var sequence = new int[simulations];
        if (considered <= 1)
        {
            for (int i = 0; i < simulations; i++) sequence[i] = i;
            return sequence;
        }
        int log2 = (int)Math.Ceiling(Math.Log2(considered));
        var visits = new int[considered];
        int survivors = considered, at = 0;
        while (at < simulations)
        {
            int rounds = Math.Max(1, simulations / (log2 * survivors));
            for (int r = 0; r < rounds && at < simulations; r++)
            {
                for (int i = 0; i < survivors && at < simulations; i++) sequence[at++] = visits[i];
                for (int i = 0; i < survivors; i++) visits[i]++;
            }
            survivors = Math.Max(2, survivors / 2);
        }
        return sequence;
    }

    /// <summary>logits(a) = ln P(a) up to a constant, the priors being a softmax; a prior of 0 is a very low logit.</summary>
    public static double Logit(double prior) => Math.Log(Math.Max(prior, 1e-30));

    /// <summary>q̂: a value in [−1, 1] as a win rate in [0, 1].</summary>
    public static double Normalised(double q) => (1 + q) / 2;

    /// <summary>σ(q̂) = (c_visit + max_b N(b))·c_scale·q̂ (equation 8).</summary>
    public static double Sigma(double normalisedQ, int maxVisits, double cVisit, double cScale) => (cVisit + maxVisits) * cScale * normalisedQ;

    /// <summary>
    /// v_mix (Appendix D, equation 33): the network's value v̂ of the root mixed with the prior-weighted mean Q of the
    /// visited moves, 1/(1 + ΣN)·(v̂ + ΣN/Σ_visited P(b)·Σ_visited P(a)·q(a)); v̂ alone before any visit. What an
    /// unvisited move's Q is completed with (equation 10).
    /// </summary>
    public static double MixedValue(double rawValue, long totalVisits, double visitedPrior, double visitedPriorTimesQ)
    {
        if (totalVisits == 0 || visitedPrior <= 0) return rawValue;
        return (rawValue + totalVisits * visitedPriorTimesQ / visitedPrior) / (1 + totalVisits);
    }

    /// <summary>The root's own network value v̂, from what the tree kept: the root's value sum is −v̂ per visit of its
    /// own minus its children's sums (values flip sign from level to level), and its own visits are those no child
    /// took. 0 before the root was evaluated.</summary>
    public static double RawValue(SearchTree tree)
    {
        ref readonly SearchNode root = ref tree[SearchTree.Root];
        double childSums = 0;
        long childVisits = 0;
        for (int c = 0; c < root.ChildCount; c++)
        {
            ref readonly SearchNode child = ref tree[root.FirstChild + c];
            childSums += child.ValueSum;
            childVisits += child.Visits;
        }
        long own = root.Visits - childVisits;
        return own > 0 ? (-root.ValueSum - childSums) / own : 0;
    }

    /// <summary>
    /// The improved policy π' = softmax(logits + σ(completedQ)) over <paramref name="moves"/> (equation 11):
    /// completedQ is a visited move's Q and v_mix for the rest (<see cref="MixedValue"/>), both as win rates.
    /// </summary>
    public static void ImprovedPolicy(IReadOnlyList<RootMoveStats> moves, double rawValue, double cVisit, double cScale, Span<double> target)
    {
        if (target.Length < moves.Count) throw new ArgumentException($"{moves.Count} moves need as many targets, not {target.Length}");
        var totals = new RootTotals();
        foreach (var m in moves) totals.Add(m.Prior, m.Visits, m.Q);
        double mixed = totals.MixedValue(rawValue);
        double highest = double.NegativeInfinity;
        for (int i = 0; i < moves.Count; i++)
        {
            var m = moves[i];
            target[i] = ImprovedLogit(m.Prior, m.Visits, m.Q, mixed, totals.MostVisits, cVisit, cScale);
            highest = Math.Max(highest, target[i]);
        }
        double sum = 0;
        for (int i = 0; i < moves.Count; i++) sum += target[i] = Math.Exp(target[i] - highest);
        for (int i = 0; i < moves.Count; i++) target[i] /= sum;
    }

    /// <summary>
    /// Starts a search of <paramref name="simulations"/> playouts at the expanded root of <paramref name="tree"/>:
    /// draws g(a) for every root move (all 0 without <paramref name="explore"/>: the move is then the best by logits
    /// and values alone) and fixes the Sequential Halving table for m = min(m, legal moves).
    /// </summary>
    public void Start(SearchTree tree, Random random, bool explore, int simulations)
    {
        ref readonly SearchNode root = ref tree[SearchTree.Root];
        children = root.ChildCount;
        if (gumbel.Length < children)
        {
            gumbel = new double[children];
            pending = new int[children];
        }
        for (int c = 0; c < children; c++)
        {
            // g = −ln(−ln U), U kept inside (0, 1) so that g stays finite.
            gumbel[c] = explore ? -Math.Log(-Math.Log(1e-12 + random.NextDouble() * (1 - 2e-12))) : 0;
            pending[c] = 0;
        }
        consideredVisits = ConsideredVisits(Math.Min(Options.GumbelConsideredMoves, children), Math.Max(simulations, 1));
    }

    /// <summary>The root child the next playout descends to (tree index), claimed until <see cref="Release"/>.</summary>
    public int SelectChild(SearchTree tree)
    {
        lock (gate)
        {
            int first = tree[SearchTree.Root].FirstChild;
            long simulation = 0;
            for (int c = 0; c < children; c++) simulation += Volatile.Read(ref tree.Node(first + c).VisitCount) + pending[c];
            int considered = consideredVisits[(int)Math.Min(simulation, consideredVisits.Length - 1)];
            int best = Best(tree, considered, countPending: true);
            pending[best - first]++;
            return best;
        }
    }

    /// <summary>Ends the claim of a playout that descended to root child <paramref name="child"/> (tree index).</summary>
    public void Release(SearchTree tree, int child)
    {
        lock (gate) pending[child - tree[SearchTree.Root].FirstChild]--;
    }

    /// <summary>The move to play after the search: of the moves with the most visits, the highest g + logits + σ(q̂).</summary>
    public Engine.Move Choice(SearchTree tree)
    {
        lock (gate)
        {
            ref readonly SearchNode root = ref tree[SearchTree.Root];
            int most = 0;
            for (int c = 0; c < root.ChildCount; c++) most = Math.Max(most, tree[root.FirstChild + c].Visits);
            return tree[Best(tree, most, countPending: false)].Move;
        }
    }

    /// <summary>The child (tree index) of highest g + logits + σ(completedQ) among those with exactly
    /// <paramref name="considered"/> visits; any child when none has.</summary>
    private int Best(SearchTree tree, int considered, bool countPending)
    {
        ref readonly SearchNode root = ref tree[SearchTree.Root];
        int first = root.FirstChild;
        var totals = new RootTotals();
        for (int c = 0; c < children; c++)
        {
            ref readonly SearchNode child = ref tree[first + c];
            totals.Add(child.Prior, Volatile.Read(ref tree.Node(first + c).VisitCount), child.Q);
        }
        double mixed = totals.MixedValue(RawValue(tree));
        int best = -1, fallback = first;
        double bestScore = double.NegativeInfinity, fallbackScore = double.NegativeInfinity;
        for (int c = 0; c < children; c++)
        {
            ref readonly SearchNode child = ref tree[first + c];
            int visits = Volatile.Read(ref tree.Node(first + c).VisitCount);
            double score = gumbel[c] + ImprovedLogit(child.Prior, visits, child.Q, mixed, totals.MostVisits, Options.GumbelCVisit, Options.GumbelCScale);
            if (score > fallbackScore) { fallbackScore = score; fallback = first + c; }
            if (visits + (countPending ? pending[c] : 0) == considered && score > bestScore) { bestScore = score; best = first + c; }
        }
        return best >= 0 ? best : fallback;
    }

    /// <summary>logits(a) + σ(completedQ(a)): completedQ is the move's Q once visited, else <paramref name="mixed"/>
    /// (v_mix, equation 10), both as win rates.</summary>
    private static double ImprovedLogit(double prior, int visits, double q, double mixed, int mostVisits, double cVisit, double cScale) =>
        Logit(prior) + Sigma(Normalised(visits > 0 ? q : mixed), mostVisits, cVisit, cScale);

    /// <summary>What v_mix and σ need of the root's moves: their visits, the most of them, and the priors and
    /// prior-weighted Q of the visited ones.</summary>
    private struct RootTotals
    {
        public long Visits;
        public int MostVisits;
        private double visitedPrior, visitedPriorTimesQ;

        public void Add(double prior, int visits, double q)
        {
            Visits += visits;
            MostVisits = Math.Max(MostVisits, visits);
            if (visits == 0) return;
            visitedPrior += prior;
            visitedPriorTimesQ += prior * q;
        }

        public readonly double MixedValue(double rawValue) => GumbelRoot.MixedValue(rawValue, Visits, visitedPrior, visitedPriorTimesQ);
    }
}
