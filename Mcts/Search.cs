using System.Diagnostics;
using GoZero.Engine;

namespace GoZero.Mcts;

/// <summary>
/// PUCT Monte-Carlo tree search (AlphaGo Zero, Methods): from the root, each playout descends by
/// a = argmax Q(s,a) + c_puct·P(s,a)·√N(s)/(1+N(s,a)), values from the view of the player to move, until a leaf; the
/// leaf is evaluated (or, after two passes, scored by area with komi), expanded, and its value backed up.
/// <para>
/// Parallel: <see cref="SearchOptions.Threads"/> threads share the tree with virtual loss. Each thread descends for
/// its share ⌈B/T⌉ of a batch of <see cref="SearchOptions.BatchSize"/> B leaves, claiming each leaf (a leaf another
/// descent claimed is a collision: the descent is undone), and hands its leaves in to one queue; a batch of up to B
/// queued leaves goes to the evaluator as soon as it is full or no thread could add to it (see the worker), so T
/// threads of one leaf fill batches as in Leela Zero, and one thread gathers a whole batch as in Ceres. Each playout
/// takes a ticket first and a collision gives its ticket back, so the root's visits grow by exactly the playouts done.
/// </para>
/// The tree of the move played (by either side, see <see cref="Play"/>) is kept for the next search.
/// <para>
/// With an evaluator that <see cref="IEvaluator.EvaluatesOwnershipAndScore"/>, each node also averages the score
/// estimates backed up through it (<see cref="SearchNode.ScoreMean"/>), and the search averages the ownership of every
/// leaf it evaluates for the root's position (<see cref="FillBlackOwnership"/>), as KataGo's analysis
/// averages its leaves' ownership rather than trusting the root's alone.
/// </para>
/// </summary>
public sealed class Search
{
    private readonly IEvaluator evaluator;
    private readonly Game game;
    private readonly Random random;
    private SearchTree tree;
    private bool rootNoised;
    private readonly GumbelRoot? gumbelRoot;

    // The ownership of the leaves backed up since the root was last changed, from Black's view, dense-index order;
    // guarded by ownershipLock. Kept only with an evaluator that evaluates ownership.
    private readonly bool ownershipAndScore;
    private readonly double[] blackOwnershipSum;
    private readonly Lock ownershipLock = new();
    private int ownershipLeaves;

    // The state of one run, shared by its threads.
    private int ticketsLeft;
    private int playoutsDone;
    private volatile bool stopping;
    private volatile bool budgetReached;
    private volatile bool timedOut;
    private volatile bool earlyStopped;
    private int allowedPlayouts;
    // Whether this run's root descents go by the Gumbel root (started on an expanded root) or force playouts.
    private bool gumbelActive;
    private bool forcing;
    private SearchLimits limits = SearchLimits.None;
    private readonly Stopwatch runClock = new();
    private long nextAnalysisTicks;
    private int analysing;

    // The leaves search threads have handed in for evaluation, and who waits on them; guarded by queueLock.
    private readonly object queueLock = new();
    private readonly List<(Worker Owner, int Slot)> queue = [];
    private int activeWorkers;
    private int waitingWorkers;
    private Exception? failure;

    public Search(Game game, IEvaluator evaluator, SearchOptions? options = null)
    {
        Options = (options ?? SearchOptions.Default).Validated();
        this.game = game.Clone();
        this.evaluator = evaluator;
        random = new Random((int)(Options.Seed ^ (Options.Seed >> 32)));
        tree = new SearchTree(Options.NodeBudget);
        if (Options.GumbelRoot) gumbelRoot = new GumbelRoot(Options);
        ownershipAndScore = evaluator.EvaluatesOwnershipAndScore;
        blackOwnershipSum = new double[ownershipAndScore ? game.Geometry.Area : 0];
    }

    /// <summary>Whether the search averages scores and ownership (<see cref="IEvaluator.EvaluatesOwnershipAndScore"/>).</summary>
    public bool HasOwnershipAndScore => ownershipAndScore;

    public SearchOptions Options { get; }

    /// <summary>The tree as it stands between searches.</summary>
    public SearchTree Tree => tree;

    /// <summary>The player to move at the root.</summary>
    public Color ToMove => game.ToMove;

    /// <summary>The root's visits, those kept from earlier searches included.</summary>
    public int RootVisits => tree[SearchTree.Root].Visits;

    /// <summary>A copy of the root's game.</summary>
    public Game Game => game.Clone();

    /// <summary>
    /// Searches until <see cref="SearchOptions.MaxPlayouts"/> playouts are done, the root has
    /// <see cref="SearchOptions.MaxVisits"/> visits, the node budget is reached, the best move is decided (with
    /// <see cref="SearchOptions.EarlyStop"/>) or <paramref name="cancellation"/> fires.
    /// </summary>
    public SearchResult Run(CancellationToken cancellation = default) => Run(SearchLimits.None, cancellation);

    /// <summary>
    /// Searches for the time <paramref name="timeManager"/> gives the player to move on <paramref name="clock"/>
    /// (no time limit when the clock has none), within the playout and visit limits of the options, and for at least
    /// its <see cref="TimeManagerOptions.MinimumPlayouts"/> whatever the clock says.
    /// </summary>
    public SearchResult Run(GameClock clock, TimeManager timeManager, SearchLimits? limits = null, CancellationToken cancellation = default)
    {
        TimeSpan? budget = timeManager.Budget(clock, game.ToMove, game.Size, game.MoveCount);
        int minimum = budget is null ? 0 : timeManager.Options.MinimumPlayouts;
        return Run((limits ?? SearchLimits.None) with { TimeLimit = budget, MinimumPlayouts = minimum }, cancellation);
    }

    /// <summary>As <see cref="Run(CancellationToken)"/>, also stopping at the time limit of <paramref name="runLimits"/>
    /// and reporting to its analysis callback.</summary>
    public SearchResult Run(SearchLimits runLimits, CancellationToken cancellation = default)
    {
        limits = runLimits.Validated();
        runClock.Restart();
        int rootVisits = tree[SearchTree.Root].Visits;
        int playoutCap = limits.MaxPlayouts ?? Options.MaxPlayouts;
        long allowed = Math.Min(playoutCap, (long)Options.MaxVisits - rootVisits);
        ticketsLeft = (int)Math.Max(0, allowed);
        allowedPlayouts = ticketsLeft;
        playoutsDone = 0;
        stopping = false;
        budgetReached = false;
        timedOut = false;
        earlyStopped = false;
        nextAnalysisTicks = limits.AnalysisInterval.Ticks;
        analysing = 0;
        gumbelActive = false;
        forcing = Options.ForcedPlayoutsK > 0 && limits.RootExploration;
        if (limits.TimeLimit is { } limit && limit <= TimeSpan.Zero && limits.MinimumPlayouts == 0) timedOut = stopping = true;

        if (Options.DirichletNoise && limits.RootExploration && !rootNoised && ticketsLeft > 0)
        {
            if (!tree[SearchTree.Root].IsExpanded) RunWorkers(1, 1, cancellation, untilRootExpanded: true);
            if (tree[SearchTree.Root].IsExpanded) AddRootNoise();
        }
        if (gumbelRoot is not null && ticketsLeft > 0) StartGumbelRoot(gumbelRoot, cancellation);
        // Each thread gathers its share of a batch, so that T threads together fill one batch of B.
        int threads = Options.Threads;
        RunWorkers(threads, (Options.BatchSize + threads - 1) / threads, cancellation, untilRootExpanded: false);

        var reason = budgetReached ? StopReason.NodeBudget
            : timedOut && playoutsDone < allowed ? StopReason.TimeLimit
            : earlyStopped && playoutsDone < allowed ? StopReason.EarlyStop
            : playoutsDone < allowed && cancellation.IsCancellationRequested ? StopReason.Cancelled
            : allowed < playoutCap ? StopReason.VisitLimit
            : StopReason.PlayoutLimit;
        var elapsed = runClock.Elapsed;
        limits.Analysis?.Invoke(Analyze(isFinal: true));
        var gumbelMove = gumbelActive ? gumbelRoot!.Choice(tree) : (Move?)null;
        return new SearchResult(playoutsDone, tree[SearchTree.Root].Visits, reason, RootMoves(), tree.Count, elapsed, gumbelMove);
    }

    /// <summary>
    /// Expands the root first (the paper's simulations start from an evaluated root, so that evaluation is a playout
    /// this run gets on top of its budget), then starts the Gumbel root on the playouts left.
    /// </summary>
    private void StartGumbelRoot(GumbelRoot root, CancellationToken cancellation)
    {
        if (!tree[SearchTree.Root].IsExpanded)
        {
            ticketsLeft++;
            allowedPlayouts++;
            RunWorkers(1, 1, cancellation, untilRootExpanded: true);
        }
        if (!tree[SearchTree.Root].IsExpanded || ticketsLeft <= 0) return;
        root.Start(tree, random, limits.RootExploration, ticketsLeft);
        gumbelActive = true;
    }

    /// <summary>
    /// The search's checks between batches, by whichever thread comes by: the time limit, the early stop and, when
    /// due, the analysis callback (one thread at a time; the others search on).
    /// </summary>
    private void Tick()
    {
        long now = runClock.Elapsed.Ticks;
        if (limits.TimeLimit is { } limit && now >= limit.Ticks && Volatile.Read(ref playoutsDone) >= limits.MinimumPlayouts)
        {
            timedOut = true;
            stopping = true;
            return;
        }
        if (Options.EarlyStop && BestMoveDecided())
        {
            earlyStopped = true;
            stopping = true;
            return;
        }
        if (limits.Analysis is { } analysis && now >= Volatile.Read(ref nextAnalysisTicks)
            && Interlocked.CompareExchange(ref analysing, 1, 0) == 0)
        {
            try
            {
                Volatile.Write(ref nextAnalysisTicks, now + Math.Max(1, limits.AnalysisInterval.Ticks));
                analysis(Analyze(isFinal: false));
            }
            finally { Volatile.Write(ref analysing, 0); }
        }
    }

    /// <summary>
    /// True when the most visited root child leads the second by more than the playouts this run has left (those in
    /// flight included), or is the only move, so no way of spending them changes the move (Leela Zero
    /// UCTSearch::have_alternate_moves).
    /// </summary>
    private bool BestMoveDecided()
    {
        ref readonly SearchNode root = ref tree[SearchTree.Root];
        if (Volatile.Read(ref tree.Node(SearchTree.Root).State) != SearchNode.Expanded) return false;
        int first = 0, second = 0;
        for (int c = 0; c < root.ChildCount; c++)
        {
            int visits = Volatile.Read(ref tree.Node(root.FirstChild + c).VisitCount);
            if (visits > first) { second = first; first = visits; }
            else if (visits > second) second = visits;
        }
        // An only move (a pass, when nothing else is legal) has no rival to overtake it.
        if (root.ChildCount == 1) return first > 0;
        int left = allowedPlayouts - Volatile.Read(ref playoutsDone);
        return first > (long)second + left;
    }

    /// <summary>
    /// The visited root moves as <c>lz-analyze</c> reports them, most visited first (or as
    /// <see cref="SearchLimits.AnalysisRankedByLcb"/> of the run says), each with its principal variation; safe to call
    /// while a search runs (the counts are then a moment's).
    /// </summary>
    public SearchAnalysis Analyze() => Analyze(isFinal: false);

    private SearchAnalysis Analyze(bool isFinal)
    {
        var moves = new List<AnalysisMove>();
        var rootMoves = limits.AnalysisRankedByLcb ? MovePolicy.RankedByLcb(RootMoves()) : RootMoves();
        foreach (var stats in rootMoves)
        {
            if (stats.Visits == 0) break;
            double winRate = Math.Clamp((1 + stats.Q) / 2, 0, 1);
            moves.Add(new AnalysisMove(stats.Move, stats.Visits, winRate, stats.Prior,
                Math.Clamp(stats.Lcb, 0, winRate), moves.Count, PrincipalVariation(stats.Move),
                ownershipAndScore ? stats.ScoreMean : null));
        }
        float[]? ownership = null;
        if (ownershipAndScore)
        {
            ownership = new float[blackOwnershipSum.Length];
            if (!FillBlackOwnership(ownership)) ownership = null;
        }
        return new SearchAnalysis(Volatile.Read(ref tree.Node(SearchTree.Root).VisitCount), Volatile.Read(ref playoutsDone),
            runClock.Elapsed, moves, isFinal, ownership);
    }

    /// <summary>
    /// Writes into <paramref name="owners"/> (N², dense-index order) the mean ownership from Black's view, in [−1, 1],
    /// of the leaves the evaluator valued since the root position was set (this run's and earlier runs' on the same
    /// root; finished games, scored without the network, do not count); false, writing nothing, before the first such
    /// leaf or without an evaluator of ownership. Safe to call while a search runs.
    /// </summary>
    public bool FillBlackOwnership(Span<float> owners)
    {
        if (!ownershipAndScore) return false;
        if (owners.Length != blackOwnershipSum.Length)
            throw new ArgumentException($"an ownership of this board has {blackOwnershipSum.Length} entries, not {owners.Length}", nameof(owners));
        lock (ownershipLock)
        {
            if (ownershipLeaves == 0) return false;
            for (int i = 0; i < owners.Length; i++) owners[i] = (float)(blackOwnershipSum[i] / ownershipLeaves);
        }
        return true;
    }

    /// <summary>Adds one leaf's ownership, given from the view of <paramref name="view"/>, to the root's mean.</summary>
    private void AddOwnership(ReadOnlySpan<float> ownership, Color view)
    {
        double sign = view == Color.Black ? 1 : -1;
        lock (ownershipLock)
        {
            for (int i = 0; i < ownership.Length; i++) blackOwnershipSum[i] += sign * ownership[i];
            ownershipLeaves++;
        }
    }

    /// <summary>The root move, then from each node its most visited child (ties: higher prior), while one is visited.</summary>
    private List<Move> PrincipalVariation(Move rootMove)
    {
        var pv = new List<Move> { rootMove };
        int index = tree.ChildByMove(SearchTree.Root, rootMove);
        while (index >= 0 && Volatile.Read(ref tree.Node(index).State) == SearchNode.Expanded)
        {
            ref readonly SearchNode node = ref tree[index];
            int best = -1, bestVisits = 0;
            float bestPrior = 0;
            for (int c = 0; c < node.ChildCount; c++)
            {
                ref readonly SearchNode child = ref tree[node.FirstChild + c];
                int visits = Volatile.Read(ref tree.Node(node.FirstChild + c).VisitCount);
                if (visits > bestVisits || (visits == bestVisits && visits > 0 && child.Prior > bestPrior))
                {
                    best = node.FirstChild + c;
                    bestVisits = visits;
                    bestPrior = child.Prior;
                }
            }
            if (best < 0) break;
            pv.Add(tree[best].Move);
            index = best;
        }
        return pv;
    }

    private void RunWorkers(int threads, int leavesPerThread, CancellationToken cancellation, bool untilRootExpanded)
    {
        var workers = new Worker[threads];
        for (int t = 0; t < threads; t++) workers[t] = new Worker(this, leavesPerThread);
        queue.Clear();
        activeWorkers = threads;
        waitingWorkers = 0;
        failure = null;
        if (threads == 1) workers[0].Run(cancellation, untilRootExpanded);
        else
        {
            var tasks = new Task[threads];
            for (int t = 0; t < threads; t++)
            {
                var worker = workers[t];
                tasks[t] = Task.Factory.StartNew(() => worker.Run(cancellation, untilRootExpanded),
                    CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
            }
            Task.WaitAll(tasks);
        }
        Debug.Assert(failure is not null || queue.Count == 0);
        if (failure is not null)
        {
            // Leaves of the failed batch are still claimed and their paths carry virtual loss: free them, so that the
            // next search does not wait on them for ever.
            queue.Clear();
            tree.ReleasePending();
            throw new AggregateException("the search failed", failure);
        }
    }

    /// <summary>Every root move with its statistics and its share of the policy target, most visited first.</summary>
    public IReadOnlyList<RootMoveStats> RootMoves()
    {
        ref readonly SearchNode root = ref tree[SearchTree.Root];
        var moves = new List<RootMoveStats>(root.ChildCount);
        for (int c = 0; c < root.ChildCount; c++)
        {
            ref readonly SearchNode child = ref tree[root.FirstChild + c];
            moves.Add(new RootMoveStats(child.Move, child.Visits, child.Q, child.Prior, child.ValueVariance) { ScoreMean = child.ScoreMean });
        }
        moves.Sort((a, b) => a.Visits != b.Visits ? b.Visits.CompareTo(a.Visits) : b.Prior.CompareTo(a.Prior));
        var target = new double[moves.Count];
        PolicyTarget(moves, target);
        for (int i = 0; i < moves.Count; i++) moves[i] = moves[i] with { PolicyTarget = target[i] };
        return moves;
    }

    /// <summary>
    /// π, the policy target of the last run, one share per move of <paramref name="moves"/> (all 0 when nothing was
    /// visited): the Gumbel root's improved policy; or the visit counts, pruned of the forced playouts when they were
    /// on (KataGo); or the visit counts (AlphaGo Zero).
    /// </summary>
    private void PolicyTarget(List<RootMoveStats> moves, Span<double> target)
    {
        if (gumbelActive)
        {
            GumbelRoot.ImprovedPolicy(moves, GumbelRoot.RawValue(tree), Options.GumbelCVisit, Options.GumbelCScale, target);
            return;
        }
        if (forcing) ForcedPlayouts.PrunedVisits(moves, tree[SearchTree.Root].Visits, Options.CPuct, Options.ForcedPlayoutsK, target);
        else for (int i = 0; i < moves.Count; i++) target[i] = moves[i].Visits;
        double total = 0;
        foreach (double t in target) total += t;
        if (total > 0) for (int i = 0; i < target.Length; i++) target[i] /= total;
    }

    /// <summary>Plays a move (either side's) at the root; the subtree of that move, counts kept, is the new tree.</summary>
    public void Play(Move move)
    {
        game.Play(move);
        int child = tree.ChildByMove(SearchTree.Root, move);
        // The Gumbel root's Sequential Halving counts a fresh root's visits: it keeps no tree.
        tree = child >= 0 && gumbelRoot is null ? tree.Subtree(child) : new SearchTree(Options.NodeBudget);
        rootNoised = false;
        lock (ownershipLock)
        {
            Array.Clear(blackOwnershipSum);
            ownershipLeaves = 0;
        }
    }

    private void AddRootNoise()
    {
        ref SearchNode root = ref tree.Node(SearchTree.Root);
        int n = root.ChildCount;
        var noise = DirichletNoise.Sample(random, Options.AlphaFor(game.Size), n);
        double epsilon = Options.DirichletEpsilon;
        for (int c = 0; c < n; c++)
        {
            ref SearchNode child = ref tree.Node(root.FirstChild + c);
            child.PriorValue = (float)((1 - epsilon) * child.PriorValue + epsilon * noise[c]);
        }
        rootNoised = true;
    }

    /// <summary>Adds atomically; returns the value before the addition.</summary>
    private static double AddToDouble(ref double location, double value)
    {
        double current = Volatile.Read(ref location);
        while (true)
        {
            double seen = Interlocked.CompareExchange(ref location, current + value, current);
            if (seen.Equals(current)) return current;
            current = seen;
        }
    }

    private static void AddToFloat(ref float location, float value)
    {
        float current = Volatile.Read(ref location);
        while (true)
        {
            float seen = Interlocked.CompareExchange(ref location, current + value, current);
            if (seen.Equals(current)) return;
            current = seen;
        }
    }

    /// <summary>The area score of the finished game, komi included, for the player to move; its sign is the value:
    /// +1 when they win, −1 when they lose, 0 for a draw.</summary>
    private static float TerminalScore(Game game)
    {
        double blackLead = AreaScoring.BlackMinusWhite(game.Current, game.Rules.Komi);
        return (float)(game.ToMove == Color.Black ? blackLead : -blackLead);
    }

    /// <summary>
    /// One search thread: its games (one per slot, each a copy of the root's) and paths. It gathers up to its share of a
    /// batch, hands the leaves in to the shared queue and waits until they are backed up. Whoever finds B leaves
    /// queued, or finds every live thread waiting, or has nothing of its own to do, takes a batch off the queue,
    /// evaluates it and backs it up for their owners. So every queued leaf is evaluated as soon as no thread could add
    /// to its batch: no deadlock for any T and B.
    /// </summary>
    private sealed class Worker
    {
        private readonly Search search;
        private readonly SearchTree tree;
        private readonly EvaluationRequest[] requests;
        private readonly List<int>[] paths;
        private readonly int[] leaves;
        private readonly EvaluationRequest[] batch;
        private readonly List<(Worker Owner, int Slot)> taken = [];
        private int outstanding;

        public Worker(Search search, int slots)
        {
            this.search = search;
            tree = search.tree;
            requests = new EvaluationRequest[slots];
            paths = new List<int>[slots];
            leaves = new int[slots];
            batch = new EvaluationRequest[search.Options.BatchSize];
            for (int i = 0; i < slots; i++)
            {
                // The recent boards only: a copy of the whole history would cost each run time in the game's length.
                requests[i] = new EvaluationRequest(search.game.CloneRecent(EvaluationRequest.HistoryBoards));
                paths[i] = new List<int>(64);
            }
        }

        private enum Descent { Leaf, Terminal, Collision }

        public void Run(CancellationToken cancellation, bool untilRootExpanded)
        {
            try
            {
                var spin = new SpinWait();
                while (!search.stopping && !cancellation.IsCancellationRequested)
                {
                    search.Tick();
                    if (search.stopping) break;
                    if (untilRootExpanded && tree[SearchTree.Root].IsExpanded) return;
                    int gathered = 0;
                    bool outOfTickets = false, collided = false;
                    // At most one descent a slot before the checks above run again: a round of descents that all end
                    // in finished games (two passes) gathers no leaf, and without this bound an unlimited search of
                    // such a tree would never look at its clock or its cancellation again.
                    for (int descents = 0; descents < requests.Length && gathered < requests.Length; descents++)
                    {
                        if (search.stopping || cancellation.IsCancellationRequested) break;
                        if (!TakeTicket()) { outOfTickets = true; break; }
                        var descent = Descend(gathered, out float terminalScore);
                        if (descent == Descent.Leaf) { gathered++; continue; }
                        if (descent == Descent.Terminal) { BackupTerminal(gathered, terminalScore); Rewind(gathered); continue; }
                        Interlocked.Increment(ref search.ticketsLeft);
                        UndoVirtualLoss(paths[gathered]);
                        Rewind(gathered);
                        collided = true;
                        break;
                    }
                    if (gathered > 0)
                    {
                        spin.Reset();
                        HandIn(gathered);
                        WaitForLeaves();
                        if (outOfTickets) return;
                        continue;
                    }
                    if (EvaluateQueued(onlyIfFull: false)) continue;
                    if (outOfTickets || search.stopping) return;
                    if (collided) spin.SpinOnce();
                }
            }
            catch (Exception exception)
            {
                lock (search.queueLock)
                {
                    search.failure ??= exception;
                    search.stopping = true;
                }
            }
            finally
            {
                lock (search.queueLock)
                {
                    search.activeWorkers--;
                    Monitor.PulseAll(search.queueLock);
                }
            }
        }

        private void HandIn(int gathered)
        {
            lock (search.queueLock)
            {
                for (int i = 0; i < gathered; i++) search.queue.Add((this, i));
                outstanding += gathered;
            }
        }

        /// <summary>Until this thread's leaves are backed up, evaluates batches when it is the one to.</summary>
        private void WaitForLeaves()
        {
            lock (search.queueLock) search.waitingWorkers++;
            try
            {
                while (true)
                {
                    lock (search.queueLock)
                    {
                        if (outstanding == 0 || search.failure is not null) return;
                        int queued = search.queue.Count;
                        bool due = queued >= search.Options.BatchSize || (queued > 0 && search.waitingWorkers == search.activeWorkers);
                        if (!due)
                        {
                            Monitor.Wait(search.queueLock);
                            continue;
                        }
                        search.waitingWorkers--;
                    }
                    try { EvaluateQueued(onlyIfFull: false); }
                    finally { lock (search.queueLock) search.waitingWorkers++; }
                }
            }
            finally
            {
                lock (search.queueLock) search.waitingWorkers--;
            }
        }

        /// <summary>Takes up to B queued leaves (any thread's), evaluates and backs them up; false when none were queued.</summary>
        private bool EvaluateQueued(bool onlyIfFull)
        {
            int size = search.Options.BatchSize;
            lock (search.queueLock)
            {
                int queued = search.queue.Count;
                if (queued == 0 || (onlyIfFull && queued < size)) return false;
                int count = Math.Min(size, queued);
                taken.Clear();
                for (int i = 0; i < count; i++) taken.Add(search.queue[i]);
                search.queue.RemoveRange(0, count);
            }
            try
            {
                for (int i = 0; i < taken.Count; i++) batch[i] = taken[i].Owner.requests[taken[i].Slot];
                search.evaluator.Evaluate(batch.AsSpan(0, taken.Count));
                foreach (var (owner, slot) in taken) owner.Complete(slot);
            }
            catch (Exception exception)
            {
                // Before the owners wake: their slots were not rewound, so they must not search on.
                lock (search.queueLock)
                {
                    search.failure ??= exception;
                    search.stopping = true;
                }
                throw;
            }
            finally
            {
                lock (search.queueLock)
                {
                    foreach (var (owner, _) in taken) owner.outstanding--;
                    Monitor.PulseAll(search.queueLock);
                }
                Array.Clear(batch);
            }
            return true;
        }

        /// <summary>Expands the slot's leaf with its evaluation and backs the value up; its owner is waiting meanwhile.</summary>
        private void Complete(int slot)
        {
            var request = requests[slot];
            if (!Expand(leaves[slot], request))
            {
                search.budgetReached = true;
                search.stopping = true;
            }
            Backup(paths[slot], Math.Clamp(request.Value, -1f, 1f), request.Score);
            if (search.ownershipAndScore) search.AddOwnership(request.Ownership, request.Game.ToMove);
            Rewind(slot);
        }

        /// <summary>Backs up a finished game's result: its value is the sign of its area score. Its ownership is not
        /// added to the root's: Tromp-Taylor area counts every stone alive, so a search that passes at the end of a
        /// game would pull a dead stone's point towards its owner, the very judgement the ownership is to correct.</summary>
        private void BackupTerminal(int slot, float score) => Backup(paths[slot], Math.Sign(score), score);

        private bool TakeTicket()
        {
            while (true)
            {
                int left = Volatile.Read(ref search.ticketsLeft);
                if (left <= 0) return false;
                if (Interlocked.CompareExchange(ref search.ticketsLeft, left - 1, left) == left) return true;
            }
        }

        private Descent Descend(int slot, out float terminalScore)
        {
            var game = requests[slot].Game;
            var path = paths[slot];
            int virtualLoss = search.Options.VirtualLoss;
            int index = SearchTree.Root;
            path.Add(index);
            Interlocked.Add(ref tree.Node(index).VirtualLossCount, virtualLoss);
            terminalScore = 0;
            while (true)
            {
                // The root is searched even when the game already ended there (both players passed, as a controller
                // may ask for analysis at the end of a game): the passes before it are history, and only a pass
                // played inside the tree ends the game it searches. Leela Zero and KataGo analyse such positions too.
                if (index != SearchTree.Root && game.Current.ConsecutivePasses >= 2)
                {
                    terminalScore = TerminalScore(game);
                    return Descent.Terminal;
                }
                ref SearchNode node = ref tree.Node(index);
                int state = Volatile.Read(ref node.State);
                if (state == SearchNode.Expanded)
                {
                    index = index == SearchTree.Root && search.gumbelActive
                        ? search.gumbelRoot!.SelectChild(tree)
                        : SelectChild(ref node, forcing: index == SearchTree.Root && search.forcing);
                    Interlocked.Add(ref tree.Node(index).VirtualLossCount, virtualLoss);
                    path.Add(index);
                    game.Play(tree.Node(index).Move);
                    continue;
                }
                if (state == SearchNode.Unexpanded &&
                    Interlocked.CompareExchange(ref node.State, SearchNode.Expanding, SearchNode.Unexpanded) == SearchNode.Unexpanded)
                {
                    leaves[slot] = index;
                    requests[slot].ListLegalMoves();
                    return Descent.Leaf;
                }
                return Descent.Collision;
            }
        }

        /// <summary>argmax Q + U over the children; unvisited children get the first-play urgency value. With
        /// <paramref name="forcing"/> (the root under forced playouts), a child below its n_forced goes first
        /// (<see cref="ForcedPlayouts"/>), the highest Q + U of them when several are.</summary>
        private int SelectChild(ref SearchNode parent, bool forcing)
        {
            var options = search.Options;
            int first = parent.FirstChildIndex, count = parent.ChildCountField;
            int parentVisits = Volatile.Read(ref parent.VisitCount);
            int parentN = parentVisits + Volatile.Read(ref parent.VirtualLossCount);
            // The parent's Q for its player to move: its stored values are from the view of the player who moved into it.
            double parentQ = parentVisits > 0 ? -Volatile.Read(ref parent.ValueSumField) / parentVisits : 0;
            double visitedPolicy = 0;
            for (int c = 0; c < count; c++)
            {
                ref SearchNode child = ref tree.Node(first + c);
                if (Volatile.Read(ref child.VisitCount) > 0) visitedPolicy += child.PriorValue;
            }
            double fpu = parentQ - options.FpuReduction * Math.Sqrt(visitedPolicy);
            double scale = options.CPuct * Math.Sqrt(Math.Max(parentN, 1));
            int best = first;
            double bestScore = double.NegativeInfinity;
            for (int c = 0; c < count; c++)
            {
                ref SearchNode child = ref tree.Node(first + c);
                int visits = Volatile.Read(ref child.VisitCount);
                int lost = Volatile.Read(ref child.VirtualLossCount);
                int n = visits + lost;
                // Virtual loss: each pending descent counts as VirtualLoss lost visits (Leela Zero UCTNode::get_eval).
                double q = n == 0 ? fpu : (Volatile.Read(ref child.ValueSumField) - lost) / n;
                double score = q + scale * child.PriorValue / (1 + n);
                if (forcing && ForcedPlayouts.IsForced(child.PriorValue, n, parentN, search.Options.ForcedPlayoutsK)) score += ForcedBonus;
                if (score > bestScore)
                {
                    bestScore = score;
                    best = first + c;
                }
            }
            return best;
        }

        /// <summary>Lifts a forced child above any Q + U, which stay within a few units.</summary>
        private const double ForcedBonus = 1e9;

        private bool Expand(int leaf, EvaluationRequest request)
        {
            ref SearchNode node = ref tree.Node(leaf);
            int count = request.MoveCount;
            int first = tree.Allocate(count);
            if (first < 0)
            {
                Volatile.Write(ref node.State, SearchNode.Unexpanded);
                return false;
            }
            var moves = request.Moves;
            for (int c = 0; c < count; c++)
            {
                ref SearchNode child = ref tree.Node(first + c);
                child.MovePoint = (short)moves[c].Point;
                child.PriorValue = request.Priors[c];
            }
            node.FirstChildIndex = first;
            node.ChildCountField = (short)count;
            Volatile.Write(ref node.State, SearchNode.Expanded);
            return true;
        }

        /// <summary>Adds the leaf's value (and, where the search keeps scores, its score) to every node of the path,
        /// from each mover's view, and lifts the virtual loss.</summary>
        private void Backup(List<int> path, float valueForLeafPlayerToMove, float scoreForLeafPlayerToMove)
        {
            int virtualLoss = search.Options.VirtualLoss;
            bool scores = search.ownershipAndScore;
            double value = -valueForLeafPlayerToMove;
            float score = -scoreForLeafPlayerToMove;
            for (int i = path.Count - 1; i >= 0; i--)
            {
                ref SearchNode node = ref tree.Node(path[i]);
                double sumBefore = AddToDouble(ref node.ValueSumField, value);
                int visitsBefore = Interlocked.Increment(ref node.VisitCount) - 1;
                // Welford's update from the sum and count this thread's addition saw; another thread's concurrent
                // update may shift them by one value, a small error Leela Zero's UCTNode::update accepts too.
                if (visitsBefore > 0)
                    AddToFloat(ref node.SquaredDeviationSumField,
                        (float)LowerConfidenceBound.SquaredDeviationIncrement(sumBefore, visitsBefore, value));
                if (scores) AddToFloat(ref node.ScoreSumField, score);
                Interlocked.Add(ref node.VirtualLossCount, -virtualLoss);
                value = -value;
                score = -score;
            }
            ReleaseRootClaim(path);
            Interlocked.Increment(ref search.playoutsDone);
        }

        private void UndoVirtualLoss(List<int> path)
        {
            int virtualLoss = search.Options.VirtualLoss;
            foreach (int index in path) Interlocked.Add(ref tree.Node(index).VirtualLossCount, -virtualLoss);
            ReleaseRootClaim(path);
        }

        /// <summary>Ends the Gumbel root's claim on the root child a finished or undone descent went through.</summary>
        private void ReleaseRootClaim(List<int> path)
        {
            if (search.gumbelActive && path.Count > 1) search.gumbelRoot!.Release(tree, path[1]);
        }

        /// <summary>Takes the slot's game back to the root.</summary>
        private void Rewind(int slot)
        {
            var path = paths[slot];
            var game = requests[slot].Game;
            for (int i = 1; i < path.Count; i++) game.Undo();
            path.Clear();
        }
    }
}
