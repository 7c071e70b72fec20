namespace GoZero.Engine;

/// <summary>
/// Which stones are dead at the end of a game, which live in seki, and the area score once the dead stones are off
/// the board: what GTP's final_score and final_status_list report. Made by <see cref="Judge"/>; immutable.
/// </summary>
/// <remarks>
/// <para>The judgement goes from certain to statistical, and always a whole chain at a time:</para>
/// <para>1. Benson's algorithm (<see cref="PassAlive"/>): a pass-alive chain is alive whatever the playouts say, and a
/// chain inside the opponent's pass-alive territory is dead.</para>
/// <para>2. Every other chain is judged by Monte-Carlo ownership: <see cref="DeadStoneOptions.Playouts"/> light random
/// playouts from the position, each scored as Tromp-Taylor scores it. A chain is dead when the opponent owns its
/// points in at least <see cref="DeadStoneOptions.DeadThreshold"/> of the playouts, averaged over its stones. The
/// playouts never fill a player's single-point eye (<see cref="Position.IsEyeOf"/>) and never put two or more of a
/// player's own stones into atari (<see cref="SelfAtari"/>), so that both sides of a seki survive them, and capture a
/// chain the opponent has just played into atari (<see cref="Playout.CapturesLastMoveInAtari"/>), so that a capturing
/// race left open at the end is not a coin toss.</para>
/// <para>2'. Or, where a network with KataGo's ownership head is at hand (<see cref="JudgeByOwnership"/>), every
/// other chain is judged by that ownership instead: an ownership o of Black's in [−1, 1] is read as Black owning the
/// point with probability (1 + o)/2 (the head is a tanh trained on ±1 final owners, so this is its expected share),
/// and the same <see cref="DeadStoneOptions.DeadThreshold"/> applies: at 0.7 a chain is dead when the opponent's mean
/// ownership of its points is at least 0.4. The playouts still run, for step 3 only: an ownership near 0 cannot tell
/// a seki's shared liberty from dame that either side may fill.</para>
/// <para>3. Seki. A shared liberty is an empty point next to living, not pass-alive stones of both colours that the
/// playouts leave empty and neutral in at least <see cref="DeadStoneOptions.SekiThreshold"/> of their ends; the
/// living, not pass-alive chains next to a shared liberty are in seki. Dame are no shared liberties: nothing keeps the
/// playouts from filling them. A pass-alive chain is never in seki (it could fill the point without self-atari).</para>
/// <para>The score is Tromp-Taylor area scoring of the board with the dead stones removed: the point of a dead stone
/// counts for whoever surrounds it, a seki's shared liberties for nobody, the eye of a seki group for its owner (as
/// Chinese rules count it).</para>
/// </remarks>
public sealed class DeadStones
{
    private readonly Position position;
    private readonly StoneStatus[] status;
    private readonly double[] blackOwnership;
    private readonly List<int> deadPoints = [];
    private readonly List<int> sharedLiberties;
    private readonly List<int> unsettledPoints;

    public DeadStoneOptions Options { get; }

    public BoardGeometry Geometry => position.Geometry;

    /// <summary>The dead stones, in dense-index order.</summary>
    public IReadOnlyList<int> DeadPoints => deadPoints;

    /// <summary>The shared liberties of sekis (empty points that count for nobody), in dense-index order.</summary>
    public IReadOnlyList<int> SharedLiberties => sharedLiberties;

    /// <summary>
    /// The stones of chains whose fate is open: neither pass-alive nor in the opponent's pass-alive territory, and
    /// owned by the opponent in a share of the playouts (or by the network's ownership) between
    /// 1 − <see cref="DeadStoneOptions.DeadThreshold"/> and the threshold — a fight both players left on the board, which
    /// a judgement can only guess. In dense-index order; empty when every chain is clearly alive or dead.
    /// </summary>
    public IReadOnlyList<int> UnsettledPoints => unsettledPoints;

    /// <summary>
    /// The empty points that count for nobody once the dead stones are off, other than a seki's shared liberties:
    /// dame and open borders, which either side may still fill. In dense-index order.
    /// </summary>
    public IReadOnlyList<int> OpenPoints()
    {
        Span<sbyte> owner = stackalloc sbyte[Geometry.PaddedArea];
        FillOwnership(owner);
        var open = new List<int>();
        foreach (int point in Geometry.Points)
            if (position[point] == Color.Empty && owner[point] == 0 && !sharedLiberties.Contains(point)) open.Add(point);
        return open;
    }

    /// <summary>Whether the game could end here as judged: no fight left open (<see cref="UnsettledPoints"/>) and no
    /// point left to fill (<see cref="OpenPoints"/>).</summary>
    public bool IsFinished() => unsettledPoints.Count == 0 && OpenPoints().Count == 0;

    private DeadStones(Position position, DeadStoneOptions options, StoneStatus[] status, double[] blackOwnership,
        List<int> sharedLiberties, List<int> unsettledPoints)
    {
        this.position = position;
        Options = options;
        this.status = status;
        this.blackOwnership = blackOwnership;
        this.sharedLiberties = sharedLiberties;
        this.unsettledPoints = unsettledPoints;
        foreach (int point in position.Geometry.Points)
            if (IsStone(point) && status[point] == StoneStatus.Dead) deadPoints.Add(point);
    }

    /// <summary>Judges the game's position now under its own suicide rule, with the default playouts and thresholds:
    /// the judgement a finished game is scored by (GTP final_score, matches, the pass rule).</summary>
    public static DeadStones Judge(Game game) => Judge(game.Current, DeadStoneOptions.Default with { Suicide = game.Rules.Suicide });

    /// <summary>Judges every stone of the position (which is copied, not changed). Deterministic for a given
    /// arrangement of stones and <see cref="DeadStoneOptions.Seed"/>; who is to move does not change it.</summary>
    public static DeadStones Judge(Position position, DeadStoneOptions? options = null) => Judge(position, options, default);

    /// <summary>Judges every stone of the position with a network's ownership (<paramref name="blackOwnership"/>: N²
    /// values in [−1, 1] from Black's view, dense-index order) in place of the playouts' for the chains Benson's
    /// algorithm leaves open; seki is still found by the playouts.</summary>
    public static DeadStones JudgeByOwnership(Position position, ReadOnlySpan<float> blackOwnership, DeadStoneOptions? options = null)
    {
        if (blackOwnership.Length != position.Geometry.Area)
            throw new ArgumentException($"an ownership of a {position.Size}×{position.Size} board has {position.Geometry.Area} entries, not {blackOwnership.Length}", nameof(blackOwnership));
        return Judge(position, options, blackOwnership);
    }

    private static DeadStones Judge(Position position, DeadStoneOptions? options, ReadOnlySpan<float> networkOwnership)
    {
        var judged = (options ?? DeadStoneOptions.Default).Validated();
        var copy = position.Clone();
        var geometry = copy.Geometry;

        var passAlive = new bool[geometry.PaddedArea];
        var inOpponentsTerritory = new bool[geometry.PaddedArea];
        FindCertainStatus(copy, judged.Suicide, passAlive, inOpponentsTerritory);

        var blackWins = new int[geometry.PaddedArea];
        var whiteWins = new int[geometry.PaddedArea];
        CountOwnership(copy, judged, blackWins, whiteWins);

        // Per point, the share of the ends Black owns and the share White owns.
        var blackShare = new double[geometry.PaddedArea];
        var whiteShare = new double[geometry.PaddedArea];
        var blackOwnership = new double[geometry.PaddedArea];
        foreach (int point in geometry.Points)
        {
            if (networkOwnership.IsEmpty)
            {
                blackShare[point] = blackWins[point] / (double)judged.Playouts;
                whiteShare[point] = whiteWins[point] / (double)judged.Playouts;
            }
            else
            {
                double owner = Math.Clamp(networkOwnership[geometry.DenseIndexOf(point)], -1f, 1f);
                blackShare[point] = (1 + owner) / 2;
                whiteShare[point] = (1 - owner) / 2;
            }
            blackOwnership[point] = blackShare[point] - whiteShare[point];
        }

        var unsettled = new List<int>();
        var status = JudgeChains(copy, judged, passAlive, inOpponentsTerritory, blackShare, whiteShare, unsettled);
        var shared = FindSharedLiberties(copy, judged, status, passAlive, blackWins, whiteWins);
        MarkSeki(copy, shared, status, passAlive);
        return new DeadStones(copy, judged, status, blackOwnership, shared, unsettled);
    }

    /// <summary>Black's area minus White's minus komi, with the dead stones judged under <paramref name="options"/>
    /// taken off first.</summary>
    public static double ScoreWithDeadRemoved(Position position, double komi, DeadStoneOptions? options = null) =>
        Judge(position, options).BlackMinusWhite(komi);

    /// <summary>The status of the stone on <paramref name="point"/>; throws where there is no stone.</summary>
    public StoneStatus StatusOf(int point)
    {
        if (!IsStone(point)) throw new ArgumentException($"there is no stone on point {point}", nameof(point));
        return status[point];
    }

    public bool IsDead(int point) => IsStone(point) && status[point] == StoneStatus.Dead;

    /// <summary>The stones with a status, in dense-index order: the answer to GTP's final_status_list.</summary>
    public IReadOnlyList<int> PointsWithStatus(StoneStatus wanted)
    {
        var points = new List<int>();
        foreach (int point in Geometry.Points)
            if (IsStone(point) && status[point] == wanted) points.Add(point);
        return points;
    }

    /// <summary>How much Black owned the point at the ends of the playouts, from -1 (White every time) to +1 (Black
    /// every time); with <see cref="JudgeByOwnership"/>, the network's ownership.</summary>
    public double BlackOwnership(int point) => blackOwnership[point];

    /// <summary>A copy of the judged position with the dead stones taken off.</summary>
    public Position WithDeadRemoved()
    {
        var cleared = position.Clone();
        foreach (int point in deadPoints) cleared.SetStone(point, Color.Empty);
        return cleared;
    }

    /// <summary>Per padded point +1 (Black's area), -1 (White's) or 0, with the dead stones taken off.</summary>
    public void FillOwnership(Span<sbyte> owner) => AreaScoring.FillOwnership(WithDeadRemoved(), owner);

    /// <summary>Black's area minus White's minus komi, with the dead stones taken off.</summary>
    public double BlackMinusWhite(double komi) => AreaScoring.BlackMinusWhite(WithDeadRemoved(), komi);

    public GameResult Result(double komi) => GameResult.FromScore(BlackMinusWhite(komi));

    private bool IsStone(int point) => Geometry.IsOnBoard(point) && position[point] is Color.Black or Color.White;

    private static void FindCertainStatus(Position position, SuicideRule suicide, bool[] passAlive,
        bool[] inOpponentsTerritory)
    {
        int paddedArea = position.Geometry.PaddedArea;
        var alive = new bool[paddedArea];
        var territory = new bool[paddedArea];
        foreach (Color player in (ReadOnlySpan<Color>)[Color.Black, Color.White])
        {
            PassAlive.Find(position, player, alive, territory, suicide);
            foreach (int point in position.Geometry.Points)
            {
                if (alive[point]) passAlive[point] = true;
                if (territory[point] && position[point] == player.Opponent()) inOpponentsTerritory[point] = true;
            }
        }
    }

    /// <summary>Counts, per point, the playouts that end with Black owning it and those that end with White owning it.
    /// The playouts take turns at who moves first, so that the judgement is the same whoever is to move: a game is
    /// judged after its two passes, and the pass rule judges the same stones one move earlier, with the other side to
    /// move (an open fight judged with one side moving first was once dead for the pass rule and alive for the
    /// referee).</summary>
    private static void CountOwnership(Position position, DeadStoneOptions options, int[] blackWins, int[] whiteWins)
    {
        var geometry = position.Geometry;
        var blackFirst = PlayableCopy(position, Color.Black);
        var whiteFirst = PlayableCopy(position, Color.White);
        var playout = new Playout(geometry, options.Seed) { AvoidsMultiStoneSelfAtari = true, CapturesLastMoveInAtari = true };
        Span<sbyte> owner = stackalloc sbyte[geometry.PaddedArea];
        for (int i = 0; i < options.Playouts; i++)
        {
            playout.Run(i % 2 == 0 ? blackFirst : whiteFirst);
            AreaScoring.FillOwnership(playout.FinalPosition, owner);
            foreach (int point in geometry.Points)
            {
                if (owner[point] > 0) blackWins[point]++;
                else if (owner[point] < 0) whiteWins[point]++;
            }
        }
    }

    /// <summary>
    /// The stones of the position on a fresh board, <paramref name="toMove"/> to move. <see cref="Playout.Run"/> stops
    /// at two consecutive passes, and a finished game has just had them; set-up stones carry no passes (nor a ko, which
    /// the end of a game can do without).
    /// </summary>
    private static Position PlayableCopy(Position position, Color toMove)
    {
        var start = new Position(position.Geometry);
        foreach (int point in position.Geometry.Points)
            if (position[point] is Color.Black or Color.White) start.SetStone(point, position[point]);
        start.SetToMove(toMove);
        return start;
    }

    /// <summary>Dead or alive for every chain; the stones of chains whose share is between 1 − threshold and the
    /// threshold go into <paramref name="unsettled"/>, in dense-index order.</summary>
    private static StoneStatus[] JudgeChains(Position position, DeadStoneOptions options, bool[] passAlive,
        bool[] inOpponentsTerritory, double[] blackShare, double[] whiteShare, List<int> unsettled)
    {
        var geometry = position.Geometry;
        var status = new StoneStatus[geometry.PaddedArea];
        var judged = new bool[geometry.PaddedArea];
        var open = new bool[geometry.PaddedArea];
        foreach (int point in geometry.Points)
        {
            Color color = position[point];
            if (color is not (Color.Black or Color.White) || judged[point]) continue;
            var chain = position.ChainStones(point).ToList();
            // Every stone of a chain is in the same region of the opponent, so the first stone speaks for the chain.
            bool certain = passAlive[point] || inOpponentsTerritory[point];
            double share = OpponentShare(chain, color, blackShare, whiteShare);
            bool dead = !passAlive[point] && (inOpponentsTerritory[point] || share >= options.DeadThreshold);
            bool unsure = !certain && share >= 1 - options.DeadThreshold && share < options.DeadThreshold;
            foreach (int stone in chain)
            {
                judged[stone] = true;
                open[stone] = unsure;
                status[stone] = dead ? StoneStatus.Dead : StoneStatus.Alive;
            }
        }
        foreach (int point in geometry.Points)
            if (open[point]) unsettled.Add(point);
        return status;
    }

    /// <summary>The share of the ends in which the opponent owned the chain's points, averaged over its stones.</summary>
    private static double OpponentShare(List<int> chain, Color color, double[] blackShare, double[] whiteShare)
    {
        double opponent = 0;
        foreach (int stone in chain) opponent += color == Color.Black ? whiteShare[stone] : blackShare[stone];
        return opponent / chain.Count;
    }

    private static List<int> FindSharedLiberties(Position position, DeadStoneOptions options, StoneStatus[] status,
        bool[] passAlive, int[] blackWins, int[] whiteWins)
    {
        var shared = new List<int>();
        foreach (int point in position.Geometry.Points)
        {
            if (position[point] != Color.Empty) continue;
            int neutral = options.Playouts - blackWins[point] - whiteWins[point];
            if (neutral < options.SekiThreshold * options.Playouts) continue;
            if (NextToUnsettledLiving(position, point, Color.Black, status, passAlive) &&
                NextToUnsettledLiving(position, point, Color.White, status, passAlive))
                shared.Add(point);
        }
        return shared;
    }

    /// <summary>Whether a living stone of <paramref name="color"/> that is not pass-alive stands next to the point.</summary>
    private static bool NextToUnsettledLiving(Position position, int point, Color color, StoneStatus[] status,
        bool[] passAlive)
    {
        foreach (int offset in position.Geometry.NeighbourOffsets)
        {
            int neighbour = point + offset;
            if (position[neighbour] == color && status[neighbour] != StoneStatus.Dead && !passAlive[neighbour]) return true;
        }
        return false;
    }

    private static void MarkSeki(Position position, List<int> sharedLiberties, StoneStatus[] status, bool[] passAlive)
    {
        foreach (int liberty in sharedLiberties)
            foreach (int offset in position.Geometry.NeighbourOffsets)
            {
                int neighbour = liberty + offset;
                if (position[neighbour] is not (Color.Black or Color.White) ||
                    status[neighbour] != StoneStatus.Alive || passAlive[neighbour]) continue;
                foreach (int stone in position.ChainStones(neighbour)) status[stone] = StoneStatus.Seki;
            }
    }
}
