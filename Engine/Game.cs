using System.Runtime.InteropServices;

namespace GoZero.Engine;

/// <summary>
/// A game: the rules, the starting position (with any handicap or set-up stones), every move since and the position
/// after each, so that superko can look back, undo is exact and the network can read the last boards.
/// Like Leela Zero's GameState over its KoState.
/// <para>
/// Past positions never change, so copies share them (<see cref="Clone"/>): only the position now is a game's own.
/// A copy then costs pointers, not boards, and a search's copies do not grow with a game of 100,000 moves.
/// </para>
/// </summary>
public sealed class Game
{
    private readonly List<Position> positions = [];
    private readonly List<Move> moves = [];
    private readonly List<Color> players = [];
    private readonly Dictionary<ulong, int> superkoKeys;
    private readonly Stack<Position> spare = new();
    // The first sharedPositions entries of positions may be another game's too: never changed, never recycled. The
    // last entry, the position now, is always this game's own.
    private int sharedPositions;
    private Color resigned = Color.Empty;

    public RulesOptions Rules { get; private set; }
    public BoardGeometry Geometry { get; }
    public int Size => Geometry.Size;

    /// <summary>The number of handicap stones placed before the first move.</summary>
    public int HandicapStones { get; private set; }

    public Game(int size, RulesOptions? rules = null)
    {
        Geometry = BoardGeometry.Of(size);
        Rules = (rules ?? RulesOptions.Default).Validated();
        superkoKeys = [];
        var start = new Position(Geometry);
        positions.Add(start);
        RecordSuperkoKey(start, +1);
    }

    /// <summary>The position now.</summary>
    public Position Current => positions[^1];

    public Color ToMove => Current.ToMove;

    /// <summary>Moves played since the start (passes included).</summary>
    public int MoveCount => moves.Count;

    public IReadOnlyList<Move> Moves => moves;

    /// <summary>Who played each move (GTP may play out of turn).</summary>
    public IReadOnlyList<Color> Players => players;

    /// <summary>The position <paramref name="movesAgo"/> moves back (0 = now), or null before the start.</summary>
    public Position? PositionBefore(int movesAgo) =>
        movesAgo >= 0 && movesAgo < positions.Count ? positions[positions.Count - 1 - movesAgo] : null;

    public Position InitialPosition => positions[0];

    /// <summary>Over after a resignation, or after two passes in a row. After two passes a move may still be played:
    /// it resumes the game, as GTP controllers do to settle a dispute or to clean up dead stones.</summary>
    public bool IsOver => resigned != Color.Empty || Current.ConsecutivePasses >= 2;

    /// <summary>The result once the game is over: by resignation, or by area score with every stone alive
    /// (Tromp-Taylor). Scoring that judges dead stones is <see cref="DeadStones"/>' work.</summary>
    public GameResult? Result =>
        resigned != Color.Empty ? GameResult.ByResignation(resigned)
        : Current.ConsecutivePasses >= 2 ? GameResult.FromScore(AreaScoring.BlackMinusWhite(Current, Rules.Komi))
        : null;

    /// <summary>Changes the komi (GTP komi, SGF KM); the game goes on.</summary>
    public void SetKomi(double komi) => Rules = (Rules with { Komi = komi }).Validated();

    /// <summary>Why <paramref name="player"/> may or may not play <paramref name="move"/> now.</summary>
    public MoveLegality CheckLegality(Color player, Move move)
    {
        if (resigned != Color.Empty) return MoveLegality.GameOver;
        var current = Current;
        var legality = current.CheckLegality(move, player, Rules.Suicide);
        if (legality != MoveLegality.Legal || !move.IsPlay || Rules.Ko == KoRule.Simple) return legality;
        return superkoKeys.ContainsKey(SuperkoKeyAfter(current, move, player)) ? MoveLegality.Superko : MoveLegality.Legal;
    }

    public MoveLegality CheckLegality(Move move) => CheckLegality(ToMove, move);

    public bool IsLegal(Color player, Move move) => CheckLegality(player, move) == MoveLegality.Legal;

    /// <summary>Plays the move if it is legal and says why not otherwise. A resignation ends the game.</summary>
    public MoveLegality TryPlay(Color player, Move move)
    {
        var legality = CheckLegality(player, move);
        if (legality != MoveLegality.Legal) return legality;
        if (move.IsResign)
        {
            resigned = player;
            moves.Add(move);
            players.Add(player);
            positions.Add(NextPosition(Current));
            return legality;
        }
        var next = NextPosition(Current);
        next.Play(move, player);
        positions.Add(next);
        moves.Add(move);
        players.Add(player);
        RecordSuperkoKey(next, +1);
        return legality;
    }

    /// <summary>Plays the move; throws <see cref="IllegalMoveException"/> (with the reason) when it is illegal.</summary>
    public void Play(Color player, Move move)
    {
        var legality = TryPlay(player, move);
        if (legality != MoveLegality.Legal)
            throw new IllegalMoveException(player, Vertex.ToGtp(move, Geometry), legality);
    }

    public void Play(Move move) => Play(ToMove, move);

    /// <summary>Takes back the last move; false when there is none (set-up and handicap are not moves).</summary>
    public bool Undo()
    {
        if (moves.Count == 0) return false;
        var last = positions[^1];
        if (moves[^1].IsResign) resigned = Color.Empty;
        else RecordSuperkoKey(last, -1);
        positions.RemoveAt(positions.Count - 1);
        moves.RemoveAt(moves.Count - 1);
        players.RemoveAt(players.Count - 1);
        spare.Push(last);
        if (positions.Count - 1 < sharedPositions)
        {
            // The position now must be this game's own: SetToMove and SetUp change it in place.
            sharedPositions = positions.Count - 1;
            positions[^1] = positions[^1].Clone();
        }
        return true;
    }

    /// <summary>Every legal move of the player to move, pass last (pass is always legal until a resignation).</summary>
    public List<Move> LegalMoves()
    {
        var legal = new List<Move>();
        if (resigned != Color.Empty) return legal;
        foreach (int point in Geometry.Points)
            if (CheckLegality(ToMove, new Move(point)) == MoveLegality.Legal) legal.Add(new Move(point));
        legal.Add(Move.Pass);
        return legal;
    }

    /// <summary>Places handicap stones for Black before the first move; White moves next.</summary>
    public void PlaceHandicap(IReadOnlyCollection<Move> stones)
    {
        if (moves.Count > 0 || Current.StoneCount(Color.Black) + Current.StoneCount(Color.White) > 0)
            throw new InvalidOperationException("handicap stones go on an empty board before the first move");
        if (stones.Count < 1 || stones.Count >= Geometry.Area)
            throw new ArgumentException($"a handicap is 1 to {Geometry.Area - 1} stones, not {stones.Count}");
        if (stones.Distinct().Count() != stones.Count)
            throw new ArgumentException("handicap stones must be on distinct points");
        foreach (var stone in stones)
            if (!stone.IsPlay || !Geometry.IsOnBoard(stone.Point))
                throw new ArgumentException($"handicap stone {stone} is not a point of the board");
        SetUp(stones.Select(s => (s, Color.Black)), Color.White);
        HandicapStones = stones.Count;
    }

    /// <summary>
    /// Puts set-up stones (SGF AB/AW/AE) on the starting position, before any move, and chooses who moves first.
    /// The history starts again from the set-up position.
    /// </summary>
    public void SetUp(IEnumerable<(Move Point, Color Color)> stones, Color toMove)
    {
        if (moves.Count > 0) throw new InvalidOperationException("set-up stones go on the board before the first move");
        var start = positions[0];
        RecordSuperkoKey(start, -1);
        foreach (var (point, color) in stones)
        {
            if (!point.IsPlay || !Geometry.IsOnBoard(point.Point))
                throw new ArgumentException($"set-up stone {point} is not a point of the board");
            start.SetStone(point.Point, color);
        }
        start.SetToMove(toMove);
        RecordSuperkoKey(start, +1);
    }

    /// <summary>Sets who moves next without a move (GTP play out of turn does this implicitly; SGF PL).</summary>
    public void SetToMove(Color player)
    {
        if (moves.Count == 0) SetUp([], player);
        else
        {
            RecordSuperkoKey(Current, -1);
            Current.SetToMove(player);
            RecordSuperkoKey(Current, +1);
        }
    }

    /// <summary>An independent copy, for a search or a what-if. The past positions are shared, not copied: the cost
    /// is a few pointers a move and one board.</summary>
    public Game Clone() => CloneRecent(positions.Count);

    /// <summary>
    /// An independent copy that keeps only the last <paramref name="boards"/> positions (the position now among them)
    /// and the moves between them, with every superko key of the whole game: what a search thread needs — the
    /// network reads the last few boards, superko all of them — at a cost that does not grow with the game's length.
    /// Its <see cref="MoveCount"/>, <see cref="Moves"/> and undo reach back only over the positions kept.
    /// </summary>
    public Game CloneRecent(int boards)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(boards, 1);
        int kept = Math.Min(boards, positions.Count);
        int first = positions.Count - kept;
        var copy = new Game(Geometry, Rules, new Dictionary<ulong, int>(superkoKeys));
        copy.positions.AddRange(CollectionsMarshal.AsSpan(positions)[first..^1]);
        copy.positions.Add(Current.Clone());
        copy.moves.AddRange(CollectionsMarshal.AsSpan(moves)[first..]);
        copy.players.AddRange(CollectionsMarshal.AsSpan(players)[first..]);
        copy.resigned = resigned;
        copy.HandicapStones = HandicapStones;
        copy.sharedPositions = kept - 1;
        sharedPositions = Math.Max(sharedPositions, positions.Count - 1);
        return copy;
    }

    private Game(BoardGeometry geometry, RulesOptions rules, Dictionary<ulong, int> superkoKeys)
    {
        Geometry = geometry;
        Rules = rules;
        this.superkoKeys = superkoKeys;
    }

    private Position NextPosition(Position from)
    {
        var next = spare.Count > 0 ? spare.Pop() : new Position(Geometry);
        next.CopyFrom(from);
        return next;
    }

    private ulong SuperkoKey(Position position) =>
        Rules.Ko == KoRule.SituationalSuperko ? position.Hash : position.StoneHash;

    private ulong SuperkoKeyAfter(Position position, Move move, Color player)
    {
        ulong stoneHash = position.StoneHashAfter(move, player);
        return Rules.Ko == KoRule.SituationalSuperko && player.Opponent() == Color.White
            ? stoneHash ^ Zobrist.WhiteToMove
            : stoneHash;
    }

    /// <summary>Keeps a count per key, so that undo can take a position out of the history again. Keys of both kinds
    /// are kept in one table: a rules change between positional and situational would need a rebuild, and
    /// <see cref="Rules"/> only changes komi.</summary>
    private void RecordSuperkoKey(Position position, int delta)
    {
        ulong key = SuperkoKey(position);
        int count = superkoKeys.GetValueOrDefault(key) + delta;
        if (count > 0) superkoKeys[key] = count;
        else superkoKeys.Remove(key);
    }
}
