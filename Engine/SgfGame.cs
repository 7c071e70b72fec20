namespace GoZero.Engine;

/// <summary>
/// A game as an SGF file records it: the main line of one game tree, with the game information a reader of the file
/// wants (players, date, result, comments). <see cref="SgfReader"/> builds one from text and <see cref="SgfWriter"/>
/// writes one; <see cref="FromGame"/> and <see cref="ToGame"/> convert to and from the engine's <see cref="Game"/>.
/// </summary>
public sealed record SgfGame
{
    /// <summary>SZ: the board is Size×Size. SGF's default is 19.</summary>
    public int Size { get; init; } = 19;

    /// <summary>RU and KM: ko and suicide rules, and the komi.</summary>
    public RulesOptions Rules { get; init; } = RulesOptions.Default;

    public double Komi => Rules.Komi;

    /// <summary>HA: the number of handicap stones; their places are in <see cref="Setup"/> (AB).</summary>
    public int Handicap { get; init; }

    /// <summary>AB, AW, AE before the first move, in the order the file gives them; <see cref="Color.Empty"/> for AE.</summary>
    public IReadOnlyList<(Move Point, Color Color)> Setup { get; init; } = [];

    /// <summary>PL: who moves first, when the file says so. When null, the player of the first move moves first, and
    /// without moves, White after handicap stones and Black otherwise (see <see cref="FirstPlayer"/>).</summary>
    public Color? PlayerToMove { get; init; }

    /// <summary>The main line: the first variation at every branch.</summary>
    public IReadOnlyList<SgfMove> Moves { get; init; } = [];

    /// <summary>RE; null when the game has no result or the file's result is unknown ("?", "Void").</summary>
    public GameResult? Result { get; init; }

    /// <summary>PB</summary>
    public string? BlackPlayer { get; init; }

    /// <summary>PW</summary>
    public string? WhitePlayer { get; init; }

    /// <summary>DT, as written: FF[4] wants ISO dates ("2025-01-31"), older files hold anything.</summary>
    public string? Date { get; init; }

    /// <summary>C of the root node: a comment on the whole game.</summary>
    public string? Comment { get; init; }

    /// <summary>Who moves first: <see cref="PlayerToMove"/> when the file gives it, else as the moves show.</summary>
    public Color FirstPlayer =>
        PlayerToMove ?? (Moves.Count > 0 ? Moves[0].Player : IsHandicapSetup(FinalSetup()) ? Color.White : Color.Black);

    /// <summary>
    /// The record of a game: its set-up or handicap stones, every move (a resignation is not a move in SGF: it is the
    /// result, RE), and its result if it is over. <paramref name="comments"/>, when given, holds a comment (or null)
    /// per move of <see cref="Game.Moves"/>.
    /// </summary>
    public static SgfGame FromGame(Game game, IReadOnlyList<string?>? comments = null)
    {
        if (comments is not null && comments.Count > game.MoveCount)
            throw new ArgumentException($"{comments.Count} comments for {game.MoveCount} moves", nameof(comments));
        var start = game.InitialPosition;
        var setup = new List<(Move, Color)>();
        foreach (int point in game.Geometry.Points)
            if (start[point] is Color.Black or Color.White) setup.Add((new Move(point), start[point]));
        var moves = new List<SgfMove>(game.MoveCount);
        for (int i = 0; i < game.MoveCount; i++)
            if (!game.Moves[i].IsResign)
                moves.Add(new SgfMove(game.Players[i], game.Moves[i], comments is not null && i < comments.Count ? comments[i] : null));
        var record = new SgfGame
        {
            Size = game.Size,
            Rules = game.Rules,
            Handicap = game.HandicapStones,
            Setup = setup,
            Moves = moves,
            Result = game.Result,
        };
        // PL only where the moves do not already say who starts, so that ordinary files carry no PL.
        return record.FirstPlayer == start.ToMove ? record : record with { PlayerToMove = start.ToMove };
    }

    /// <summary>
    /// Replays the record in a new <see cref="Game"/>: set-up (as a handicap when HA is given and only black stones are
    /// set up), then every move. A move the rules refuse throws <see cref="SgfFormatException"/> at the move's node.
    /// </summary>
    public Game ToGame()
    {
        var game = new Game(Size, Rules);
        var stones = FinalSetup();
        Color first = FirstPlayer;
        if (IsHandicapSetup(stones))
        {
            game.PlaceHandicap(stones.Select(s => s.Point).ToList());
            if (first != Color.White) game.SetToMove(first);
        }
        else if (stones.Count > 0 || first != Color.Black)
        {
            game.SetUp(stones, first);
        }
        for (int i = 0; i < Moves.Count; i++)
        {
            var (player, move, _, offset) = Moves[i];
            if (player is not (Color.Black or Color.White))
                throw new SgfFormatException(offset, $"move {i + 1} has no player");
            var legality = move.IsResign ? MoveLegality.OffBoard : game.TryPlay(player, move);
            if (legality != MoveLegality.Legal)
            {
                string where = move.IsPlay && game.Geometry.IsOnBoard(move.Point)
                    ? $"{player.ToLetter()}[{Vertex.ToSgf(move, game.Geometry)}] ({Vertex.ToGtp(move, game.Geometry)})"
                    : $"{player.ToLetter()} {move}";
                throw new SgfFormatException(offset, $"move {i + 1}, {where}, is illegal: {legality.Describe()}");
            }
        }
        return game;
    }

    /// <summary>The stones on the board once the set-up is done, in the order of the board's points.</summary>
    private List<(Move Point, Color Color)> FinalSetup()
    {
        if (Setup.Count == 0) return [];
        var board = new Dictionary<int, Color>();
        foreach (var (point, color) in Setup) board[point.Point] = color;
        return board.Where(p => p.Value != Color.Empty).OrderBy(p => p.Key).Select(p => (new Move(p.Key), p.Value)).ToList();
    }

    /// <summary>HA with only black stones set up: the engine places them as a handicap (so that
    /// <see cref="Game.HandicapStones"/> is known and White moves first).</summary>
    private bool IsHandicapSetup(List<(Move Point, Color Color)> stones) =>
        Handicap > 0 && stones.Count > 0 && stones.Count < Size * Size && stones.All(s => s.Color == Color.Black);
}
