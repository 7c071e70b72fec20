using System.Globalization;
using System.Text;

namespace GoZero.Engine;

/// <summary>
/// Reads a Go game from SGF: the first game tree of the collection, along its main line. Understands SZ KM HA RU AB AW
/// AE PL B W RE PB PW DT C and GM, and ignores every other property (markup, timing, variations off the main line).
/// The game is replayed before it is returned, so that a record this returns always converts with
/// <see cref="SgfGame.ToGame"/>.
/// </summary>
public static class SgfReader
{
    /// <summary>The most bytes an SGF file may have: 4 MiB. A game record is rarely over 100 KB, even with long
    /// comments; the cap keeps /dev/zero or a huge file from filling memory before the parser sees it (the parsed tree
    /// of a 4 MiB file can take several hundred MB).</summary>
    public const int MaxFileBytes = 4 << 20;

    /// <summary>The most moves a main line may have: 100,000. Replaying keeps a position per move (about 10 KB on
    /// 9×9, 20 KB on 19×19), so a 4 MiB file of passes (a million moves) alone would take tens of gigabytes; the cap
    /// bounds it at 1–2 GB. Games of Go end within a few hundred moves, and GoZero's own self-play and matches stop at
    /// 2·N² and 3·N² (1,875 at 25×25); the cap is far above them so that a long record (issue 14 loaded 100,000 passes)
    /// still loads and plays on, a move costing no more than in a short game.</summary>
    public const int MaxMoves = 100_000;

    /// <summary>Reads a file (UTF-8, or ISO-8859-1 — SGF's default character set — when it is not valid UTF-8).
    /// Throws <see cref="InputFileException"/> (an <see cref="IOException"/>) when the path names no readable file, or
    /// <see cref="SgfFormatException"/> with the path — also for a file over <see cref="MaxFileBytes"/>.</summary>
    public static SgfGame Load(string path, RulesOptions? basis = null)
    {
        using var file = InputFile.OpenRead(path);
        return Load(file, path, basis);
    }

    /// <summary>Reads SGF from a stream (a file, a pipe, a device), at most <see cref="MaxFileBytes"/> of it; errors
    /// name <paramref name="path"/>.</summary>
    public static SgfGame Load(Stream input, string path, RulesOptions? basis = null)
    {
        byte[] bytes = ReadAtMostMaxBytes(input, path);
        try
        {
            return Read(Decode(bytes), basis);
        }
        catch (SgfFormatException e)
        {
            throw e.InFile(path);
        }
    }

    private static byte[] ReadAtMostMaxBytes(Stream input, string path)
    {
        SgfFormatException TooLarge(long limit) =>
            new(checked((int)limit), $"the file is larger than {limit >> 20} MiB, the most GoZero reads of an SGF file", path);
        try
        {
            if (input.CanSeek && input.Length - input.Position > MaxFileBytes) throw TooLarge(MaxFileBytes);
            using var bounded = new BoundedStream(input, MaxFileBytes, TooLarge, leaveOpen: true);
            using var bytes = new MemoryStream();
            bounded.CopyTo(bytes);
            return bytes.ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InputFileException(path, InputFile.ReasonOf(e), e);
        }
    }

    /// <summary>
    /// Reads SGF text. <paramref name="basis"/> gives the rules and komi where the file has no RU or KM (or an RU the
    /// engine does not know, such as "Japanese"): <see cref="RulesOptions.Default"/> when null.
    /// Throws <see cref="SgfFormatException"/> for anything it cannot read, and for nothing else.
    /// </summary>
    public static SgfGame Read(string text, RulesOptions? basis = null)
    {
        var root = SgfParser.Parse(text)[0];
        var record = Interpret(text, root, basis ?? RulesOptions.Default);
        try
        {
            record.ToGame();
        }
        catch (SgfFormatException e)
        {
            // ToGame knows the node's offset but not the text: add the line and column.
            throw SgfFormatException.At(text, e.Offset, e.Reason);
        }
        return record;
    }

    private static string Decode(byte[] bytes)
    {
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    private static SgfGame Interpret(string text, SgfNode root, RulesOptions basis)
    {
        if (root.Find("GM") is { } gm && gm.Value.Trim() != "1")
            throw SgfFormatException.At(text, gm.ValueOffset, $"GM[{gm.Value}] is not a game of Go (GM[1])");
        int size = ReadSize(text, root);
        var geometry = BoardGeometry.Of(size);

        RulesOptions? rules = null;
        double? komi = null;
        string? application = null, rulesName = null;
        int handicap = 0;
        int handicapOffset = -1;
        Color? toMove = null;
        GameResult? result = null;
        string? blackPlayer = null, whitePlayer = null, date = null, rootComment = null;
        var setup = new List<(Move, Color)>();
        var setupOffsets = new List<int>();
        var moves = new List<SgfMove>();

        foreach (var node in root.MainLine())
        {
            SgfMove? move = null;
            string? comment = null;
            foreach (var property in node.Properties)
            {
                switch (property.Identifier)
                {
                    case "SZ" when node != root:
                        throw SgfFormatException.At(text, property.Offset, "SZ belongs in the root node, before any move");
                    case "KM":
                        komi = ReadKomi(text, property);
                        break;
                    case "HA":
                        handicap = ReadHandicap(text, property, geometry);
                        handicapOffset = property.ValueOffset;
                        break;
                    case "AP":
                        application = property.Value;
                        break;
                    case "RU":
                        rulesName = property.Value;
                        // An RU the engine cannot play (Japanese, AGA…) leaves the basis rules: the moves are replayed
                        // under those, and a file that needs another ko rule fails there with the move named.
                        if (RulesOptions.TryParseRules(property.Value, basis, out var known))
                            rules = known;
                        else if (property.Value.Trim().StartsWith("GoZero:", StringComparison.OrdinalIgnoreCase))
                            throw SgfFormatException.At(text, property.ValueOffset, $"RU[{property.Value}] names a rule the engine does not know");
                        break;
                    case "PL" when moves.Count == 0:
                        if (!ColorExtensions.TryParsePlayer(property.Value, out Color player))
                            throw SgfFormatException.At(text, property.ValueOffset, $"PL[{property.Value}] is neither B nor W");
                        toMove = player;
                        break;
                    case "AB" or "AW" or "AE":
                        if (moves.Count > 0)
                            throw SgfFormatException.At(text, property.Offset,
                                $"set-up stones ({property.Identifier}) after the first move are not supported: only a position set up before play can be replayed");
                        Color color = property.Identifier switch { "AB" => Color.Black, "AW" => Color.White, _ => Color.Empty };
                        for (int i = 0; i < property.Values.Count; i++)
                            foreach (var point in ReadPointList(text, property, i, geometry))
                            {
                                setup.Add((point, color));
                                setupOffsets.Add(property.ValueOffsets[i]);
                            }
                        break;
                    case "B" or "W":
                        if (move is not null)
                            throw SgfFormatException.At(text, property.Offset, "a node holds only one move (B or W)");
                        move = ReadMove(text, node, property, geometry);
                        break;
                    case "RE":
                        result = GameResult.Parse(property.Value);
                        break;
                    case "PB":
                        blackPlayer = property.Value;
                        break;
                    case "PW":
                        whitePlayer = property.Value;
                        break;
                    case "DT":
                        date = property.Value;
                        break;
                    case "C":
                        comment = property.Value;
                        break;
                }
            }
            if (move is { } played)
            {
                if (moves.Count == MaxMoves)
                    throw SgfFormatException.At(text, node.Offset,
                        $"the main line has more than {MaxMoves} moves, the most GoZero replays (a game rarely has 400)");
                moves.Add(played with { Comment = comment });
            }
            else if (comment is not null)
            {
                // A comment in a node without a move belongs to the move before it, or to the game before any move.
                if (moves.Count == 0) rootComment = Join(rootComment, comment);
                else moves[^1] = moves[^1] with { Comment = Join(moves[^1].Comment, comment) };
            }
        }

        if (handicap >= 2 && setup.TrueForAll(s => s.Item2 == Color.Empty))
        {
            // Old files give HA alone and leave the stones to the reader: the fixed placement, as GTP places them.
            if (handicap > Handicap.MaxFixed(size))
                throw SgfFormatException.At(text, handicapOffset,
                    $"HA[{handicap}] without AB stones, and a {size}×{size} board has no fixed placement of {handicap} stones");
            foreach (var point in Handicap.FixedPoints(geometry, handicap))
            {
                setup.Add((point, Color.Black));
                setupOffsets.Add(handicapOffset);
            }
        }
        CheckSetupLiberties(text, geometry, setup, setupOffsets);

        return new SgfGame
        {
            Size = size,
            Rules = (rules ?? basis) with { Komi = komi is { } written ? FoxKomi(written, application, rulesName) : basis.Komi },
            Handicap = handicap,
            Setup = setup,
            PlayerToMove = toMove,
            Moves = moves,
            Result = result,
            BlackPlayer = blackPlayer,
            WhitePlayer = whitePlayer,
            Date = date,
            Comment = rootComment,
        };
    }

    private static string Join(string? first, string second) => first is null ? second : first + "\n" + second;

    private static int ReadSize(string text, SgfNode root)
    {
        if (root.Find("SZ") is not { } sz) return 19;
        string value = sz.Value.Trim();
        // FF[4] writes a rectangle as "columns:rows"; a square written that way is still a board the engine plays.
        int colon = value.IndexOf(':');
        if (colon >= 0)
        {
            if (value[..colon].Trim() != value[(colon + 1)..].Trim())
                throw SgfFormatException.At(text, sz.ValueOffset, $"SZ[{sz.Value}] is a rectangular board; only square boards are played");
            value = value[..colon].Trim();
        }
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int size))
            throw SgfFormatException.At(text, sz.ValueOffset, $"SZ[{sz.Value}] is not a board size");
        if (size < BoardGeometry.MinSize || size > BoardGeometry.MaxSize)
            throw SgfFormatException.At(text, sz.ValueOffset,
                $"SZ[{size}] is outside the sizes the engine plays, {BoardGeometry.MinSize} to {BoardGeometry.MaxSize}");
        return size;
    }

    private static double ReadKomi(string text, SgfProperty km)
    {
        // Some servers write a decimal comma ("6,5").
        string value = km.Value.Trim().Replace(',', '.');
        if (!double.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double komi)
            || !double.IsFinite(komi) || Math.Abs(komi) > RulesOptions.MaxKomi)
            throw SgfFormatException.At(text, km.ValueOffset, $"KM[{km.Value}] is not a komi (a number of points within ±{RulesOptions.MaxKomi})");
        return komi;
    }

    /// <summary>
    /// The Fox Go Server's client (AP[YuanYu]) writes komi in hundredths: KM[650] and KM[750] are 6.5 and 7.5, and under
    /// Chinese rules in hundredths of stones (KM[375] = 3¾ stones = 7.5 points), as Sabaki's SGF parser also reads them.
    /// Its other files carry plain komi (KM[6.5]), so only a value no even game could have (50 points or more) is read so.
    /// </summary>
    private static double FoxKomi(double komi, string? application, string? rules)
    {
        if (application?.Trim().StartsWith("YuanYu", StringComparison.OrdinalIgnoreCase) != true || Math.Abs(komi) < 50) return komi;
        bool chinese = rules?.Trim().StartsWith("Chinese", StringComparison.OrdinalIgnoreCase) == true;
        return komi / 100 * (chinese ? 2 : 1);
    }

    private static int ReadHandicap(string text, SgfProperty ha, BoardGeometry geometry)
    {
        if (!int.TryParse(ha.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int stones) || stones >= geometry.Area)
            throw SgfFormatException.At(text, ha.ValueOffset, $"HA[{ha.Value}] is not a number of handicap stones on a {geometry.Size}×{geometry.Size} board");
        return stones;
    }

    private static SgfMove ReadMove(string text, SgfNode node, SgfProperty property, BoardGeometry geometry)
    {
        if (property.Values.Count > 1)
            throw SgfFormatException.At(text, property.ValueOffsets[1], $"{property.Identifier} takes one point, not {property.Values.Count}");
        string value = property.Value.Trim();
        if (!Vertex.TryParseSgf(value, geometry, out Move move, out string reason))
            throw SgfFormatException.At(text, property.ValueOffset, $"{property.Identifier}[{property.Value}] is not a move: {reason}");
        return new SgfMove(property.Identifier == "B" ? Color.Black : Color.White, move, null, node.Offset);
    }

    /// <summary>The points of one value of a list property, with FF[4]'s compressed rectangles ("aa:cc" is the nine
    /// points from aa to cc) expanded.</summary>
    private static List<Move> ReadPointList(string text, SgfProperty property, int index, BoardGeometry geometry)
    {
        string value = property.Values[index];
        int offset = property.ValueOffsets[index];
        int colon = value.IndexOf(':');
        if (colon < 0) return [ReadPoint(text, property, value, offset, geometry)];
        var a = ReadPoint(text, property, value[..colon], offset, geometry);
        var b = ReadPoint(text, property, value[(colon + 1)..], offset, geometry);
        int x0 = geometry.ColumnOf(a.Point), y0 = geometry.RowOf(a.Point);
        int x1 = geometry.ColumnOf(b.Point), y1 = geometry.RowOf(b.Point);
        var points = new List<Move>();
        // FF[4] writes the upper-left corner first; either order gives the same rectangle here.
        for (int y = Math.Min(y0, y1); y <= Math.Max(y0, y1); y++)
            for (int x = Math.Min(x0, x1); x <= Math.Max(x0, x1); x++)
                points.Add(new Move(geometry.PointAt(x, y)));
        return points;
    }

    /// <summary>
    /// Refuses a set-up position with a chain that has no liberty. SGF can draw one, but the engine's positions never
    /// hold one (a move always captures or is suicide first): such a chain would stay on the board, uncapturable, and
    /// its liberty counts would go wrong from the next move on.
    /// </summary>
    private static void CheckSetupLiberties(string text, BoardGeometry geometry, List<(Move Point, Color Color)> setup, List<int> offsets)
    {
        if (setup.Count == 0) return;
        var board = new Dictionary<int, (Color Color, int Offset)>();
        for (int i = 0; i < setup.Count; i++) board[setup[i].Point.Point] = (setup[i].Color, offsets[i]);
        var position = new Position(geometry);
        foreach (var (point, (color, _)) in board)
            if (color != Color.Empty) position.SetStone(point, color);
        foreach (var (point, (color, offset)) in board)
            if (color != Color.Empty && position.LibertiesOf(point) == 0)
                throw SgfFormatException.At(text, offset,
                    $"the set-up leaves the {color.ToString().ToLowerInvariant()} stone at {Vertex.ToSgf(new Move(point), geometry)} without a liberty");
    }

    private static Move ReadPoint(string text, SgfProperty property, string value, int offset, BoardGeometry geometry)
    {
        string point = value.Trim();
        if (!Vertex.TryParseSgf(point, geometry, out Move move, out string reason))
            throw SgfFormatException.At(text, offset, $"{property.Identifier}[{value}] is not a point: {reason}");
        if (!move.IsPlay)
            throw SgfFormatException.At(text, offset, $"{property.Identifier}[{value}] is a pass, not a point to put a stone on");
        return move;
    }
}
