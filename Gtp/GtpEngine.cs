using System.Diagnostics;
using System.Globalization;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp;

/// <summary>
/// A GTP v2 engine: the game, the search and the clock, and one handler per command. <see cref="Run"/> reads the
/// controller's lines (on their own thread, see <see cref="GtpLineReader"/>) and answers each in turn; analysis and
/// pondering search in the background until the next line arrives. No input stops it answering: a handler's failure
/// becomes a <c>?</c> response.
/// <para>
/// One <see cref="Search"/> is kept in step with the game while moves are played, so that the tree of the move played
/// is reused (Leela Zero keeps its UCTSearch the same way); anything else that changes the game — undo, a new board,
/// komi, handicap, loadsgf, a move out of turn — drops it, and the next search starts afresh.
/// </para>
/// </summary>
public sealed class GtpEngine : IDisposable
{
    public const string EngineName = "GoZero";
    public const string EngineVersion = "0.1";

    private readonly GtpEngineOptions options;
    private readonly NetworkLibrary networks;
    private readonly GtpOutput output;
    private readonly TextWriter log;
    private readonly Dictionary<string, Func<GtpCommand, string?>> handlers;
    private readonly TimeManager timeManager = new();
    private readonly GameClock clock = new(TimeControl.Unlimited);
    // Made with each network (its ownership judges dead stones for the pass rules); a policy without temperature
    // moves or played-out games carries nothing from one game to the next.
    private MovePolicy movePolicy;
    private Game game;
    private PlayingNetwork network;
    private Search? search;
    private BackgroundSearch? background;
    private bool quitting;

    /// <summary>Starts on the --weights network's board size, else on 19×19, GTP's default.</summary>
    public GtpEngine(GtpEngineOptions options, NetworkLibrary networks, TextWriter output, TextWriter log)
    {
        this.options = options.Validated();
        this.networks = networks;
        this.output = new GtpOutput(output);
        this.log = log;
        int size = networks.ChosenSize ?? 19;
        game = new Game(size, options.Rules);
        (network, movePolicy) = PlayWith(networks.For(size));
        log.WriteLine($"gtp: {EngineName} {EngineVersion} on {size}x{size}, playing with {network.Description}; dead stones judged by {JudgeFor(network).Description}");
        handlers = new Dictionary<string, Func<GtpCommand, string?>>(StringComparer.Ordinal)
        {
            ["protocol_version"] = _ => "2",
            ["name"] = _ => EngineName,
            ["version"] = _ => Version,
            ["known_command"] = c => handlers!.ContainsKey(Argument(c, 0, "a command name")) ? "true" : "false",
            ["list_commands"] = _ => string.Join('\n', handlers!.Keys),
            ["quit"] = _ => { quitting = true; return ""; },
            ["boardsize"] = BoardSize,
            ["clear_board"] = _ => { NewGame(game.Size); return ""; },
            ["komi"] = Komi,
            ["play"] = Play,
            ["genmove"] = c => GenerateAndPlay(c, cleanup: false),
            ["kgs-genmove_cleanup"] = c => GenerateAndPlay(c, cleanup: true),
            ["reg_genmove"] = RegGenmove,
            ["undo"] = Undo,
            ["showboard"] = _ => BoardDiagram.Render(game),
            ["fixed_handicap"] = c => PlaceHandicap(c, free: false),
            ["place_free_handicap"] = c => PlaceHandicap(c, free: true),
            ["set_free_handicap"] = SetFreeHandicap,
            ["final_score"] = _ => JudgeDeadStones().Result(game.Rules.Komi).ToString(),
            ["final_status_list"] = FinalStatusList,
            ["time_settings"] = c => SetTimeControl(ClockArguments.TimeSettings, c),
            ["kgs-time_settings"] = c => SetTimeControl(ClockArguments.KgsTimeSettings, c),
            ["time_left"] = TimeLeft,
            ["loadsgf"] = LoadSgf,
            ["printsgf"] = PrintSgf,
            ["is_legal"] = IsLegal,
            ["list_stones"] = ListStones,
            ["captures"] = c => game.Current.Captures(Player(c, 0)).ToString(CultureInfo.InvariantCulture),
            ["lz-analyze"] = c => Analyze(c, generate: false, kataGo: false),
            ["analyze"] = c => Analyze(c, generate: false, kataGo: false),
            ["lz-genmove_analyze"] = c => Analyze(c, generate: true, kataGo: false),
            ["genmove_analyze"] = c => Analyze(c, generate: true, kataGo: false),
            ["kata-analyze"] = c => Analyze(c, generate: false, kataGo: true),
            ["kata-genmove_analyze"] = c => Analyze(c, generate: true, kataGo: true),
        };
    }

    /// <summary>"0.1 (no network: rollout fallback)" or "0.1 (network: FILE, 9x9 6x64)".</summary>
    public string Version => $"{EngineVersion} ({network.Description})";

    /// <summary>Answers the controller's lines until quit or the end of the input.</summary>
    public void Run(Stream input)
    {
        var reader = new GtpLineReader(input);
        while (!quitting && !output.IsClosed)
        {
            if (background is not null)
            {
                reader.WaitForLine();
                StopBackground();
            }
            if (reader.ReadLine() is not { } line) break;
            Handle(line);
        }
        StopBackground();
    }

    public void Dispose()
    {
        StopBackground();
        networks.Dispose();
    }

    private void Handle(GtpLineReader.InputLine line)
    {
        string? cleaned = GtpPreprocessor.Clean(line.Text);
        if (line.TooLong)
        {
            // Answered, with the id if it can be read, but not run: a cut command is not the one that was sent.
            output.Respond(cleaned is null ? null : GtpCommand.Parse(cleaned).Id, false, $"syntax error: line longer than {GtpLineReader.MaxLineLength} bytes");
            return;
        }
        if (cleaned is null) return;
        var command = GtpCommand.Parse(cleaned);
        if (!handlers.TryGetValue(command.Name, out var handler))
        {
            output.Respond(command.Id, false, command.Name.Length == 0 ? "syntax error: no command" : "unknown command");
            return;
        }
        try
        {
            string? response = handler(command);
            // A null response: the handler answered itself (the analysis commands' multi-line responses).
            if (response is not null) output.Respond(command.Id, true, response);
        }
        catch (GtpError e)
        {
            output.Respond(command.Id, false, OneLine(e.Message));
        }
        catch (Exception e)
        {
            log.WriteLine($"gtp: '{cleaned}' failed: {e}");
            output.Respond(command.Id, false, OneLine(e.Message));
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    // ---- arguments ----

    private static string Argument(GtpCommand command, int index, string what) =>
        index < command.Arguments.Count ? command.Arguments[index] : throw GtpError.Syntax($"missing {what}");

    private static Color Player(GtpCommand command, int index)
    {
        string text = Argument(command, index, "a colour");
        return ColorExtensions.TryParsePlayer(text, out Color player) ? player : throw GtpError.Syntax($"'{text}' is not a colour");
    }

    private Move ParseVertex(string text)
    {
        if (!Vertex.TryParseGtp(text, game.Geometry, out Move move, out string reason) || move.IsResign)
            throw GtpError.Syntax($"'{text}' is not a vertex{(reason.Length > 0 ? ": " + reason : "")}");
        return move;
    }

    private static bool TryParseInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    private string Vertices(IEnumerable<int> points) => string.Join(' ', points.Select(p => Vertex.ToGtp(new Move(p), game.Geometry)));

    // ---- the game ----

    private void NewGame(int size)
    {
        var rules = game.Rules;
        game = new Game(size, rules);
        search = null;
        clock.Reset(clock.Control);
        var previous = network;
        (network, movePolicy) = PlayWith(networks.For(size));
        if (network.Description != previous.Description) log.WriteLine($"gtp: {size}x{size}, playing with {network.Description}");
    }

    /// <summary>The network and the move policy that plays with it: its pass rules and cleanup judge dead stones as
    /// <c>final_score</c> does (<see cref="JudgeDeadStones"/>).</summary>
    private (PlayingNetwork, MovePolicy) PlayWith(PlayingNetwork playing) => (playing, new MovePolicy(new MovePolicyOptions
    {
        ResignThreshold = options.ResignThreshold,
        LcbSelection = options.LcbSelection,
    }, options.Seed, JudgeFor(playing)));

    /// <summary>Changes the game some other way than a move by the player to move: the search starts afresh.</summary>
    private void Changed() => search = null;

    private string BoardSize(GtpCommand command)
    {
        string text = Argument(command, 0, "a board size");
        if (!TryParseInt(text, out int size))
        {
            // A number too large for an int is still a size, just not one anybody can play on.
            if (text.TrimStart('-', '+').All(char.IsAsciiDigit) && text.Any(char.IsAsciiDigit)) throw new GtpError("unacceptable size");
            throw GtpError.Syntax($"'{text}' is not a board size");
        }
        if (!networks.Supports(size)) throw new GtpError(size is >= BoardGeometry.MinSize and <= BoardGeometry.MaxSize
            ? $"unacceptable size: the network is for {networks.ChosenSize}x{networks.ChosenSize}"
            : "unacceptable size");
        NewGame(size);
        return "";
    }

    private string Komi(GtpCommand command)
    {
        string text = Argument(command, 0, "the komi");
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double komi) || !double.IsFinite(komi) || Math.Abs(komi) > 1000)
            throw GtpError.Syntax($"'{text}' is not a komi");
        game.SetKomi(komi);
        Changed();
        return "";
    }

    private string Play(GtpCommand command)
    {
        Color player = Player(command, 0);
        Move move = ParseVertex(Argument(command, 1, "a vertex"));
        var legality = game.CheckLegality(player, move);
        if (legality != MoveLegality.Legal) throw new GtpError($"illegal move: {legality.Describe()}");
        PlayMove(player, move);
        return "";
    }

    /// <summary>Plays a legal move, and in the search too when it is the search's player to move.</summary>
    private void PlayMove(Color player, Move move)
    {
        bool inTurn = player == game.ToMove;
        game.Play(player, move);
        if (inTurn) search?.Play(move);
        else Changed();
    }

    private string ListStones(GtpCommand command)
    {
        Color player = Player(command, 0);
        return Vertices(game.Geometry.Points.Where(p => game.Current[p] == player));
    }

    private string Undo(GtpCommand command)
    {
        if (!game.Undo()) throw new GtpError("cannot undo");
        Changed();
        return "";
    }

    private string IsLegal(GtpCommand command)
    {
        Color player = Player(command, 0);
        Move move = ParseVertex(Argument(command, 1, "a vertex"));
        return game.IsLegal(player, move) ? "1" : "0";
    }

    private string PlaceHandicap(GtpCommand command, bool free)
    {
        string text = Argument(command, 0, "a number of stones");
        if (!TryParseInt(text, out int stones)) throw new GtpError("invalid number of stones");
        RequireEmptyBoard();
        bool valid = free ? stones >= 2 && stones < game.Geometry.Area : stones >= 2 && stones <= Handicap.MaxFixed(game.Size);
        if (!valid) throw new GtpError("invalid number of stones");
        var points = free ? Handicap.FreePoints(game.Geometry, stones) : Handicap.FixedPoints(game.Geometry, stones);
        game.PlaceHandicap(points.ToList());
        Changed();
        return Vertices(points.Select(p => p.Point));
    }

    private string SetFreeHandicap(GtpCommand command)
    {
        RequireEmptyBoard();
        var stones = new List<Move>();
        foreach (string text in command.Arguments)
        {
            if (!Vertex.TryParseGtp(text, game.Geometry, out Move move, out _) || !move.IsPlay || stones.Contains(move))
                throw new GtpError($"bad vertex list: '{text}'");
            stones.Add(move);
        }
        if (stones.Count < 2 || stones.Count >= game.Geometry.Area) throw new GtpError("bad vertex list: 2 or more stones, fewer than the points of the board");
        game.PlaceHandicap(stones);
        Changed();
        return "";
    }

    private void RequireEmptyBoard()
    {
        if (game.MoveCount > 0 || game.Current.StoneCount(Color.Black) + game.Current.StoneCount(Color.White) > 0)
            throw new GtpError("board not empty");
    }

    private string FinalStatusList(GtpCommand command)
    {
        string text = Argument(command, 0, "alive, dead or seki");
        StoneStatus status = text.ToLowerInvariant() switch
        {
            "alive" => StoneStatus.Alive,
            "dead" => StoneStatus.Dead,
            "seki" => StoneStatus.Seki,
            _ => throw GtpError.Syntax($"'{text}' is not alive, dead or seki"),
        };
        var judgement = JudgeDeadStones();
        // One chain a line, as GNU Go lists them.
        var chains = judgement.PointsWithStatus(status).GroupBy(game.Current.ChainIdOf);
        return string.Join('\n', chains.Select(Vertices));
    }

    /// <summary>The dead stones as <see cref="JudgeFor"/> the playing network judges them.</summary>
    private DeadStones JudgeDeadStones() => JudgeFor(network).Judge(game);

    /// <summary>By the network's ownership with --ownership-judge where it has the head, else by the random playouts.</summary>
    private DeadStoneJudge JudgeFor(PlayingNetwork playing) => options.OwnershipJudge ? DeadStoneJudge.For(playing.Network) : DeadStoneJudge.Playouts;

    // ---- time ----

    private string SetTimeControl(Func<IReadOnlyList<string>, TimeControl> parse, GtpCommand command)
    {
        try
        {
            clock.Reset(parse(command.Arguments));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw GtpError.Syntax(e.Message);
        }
        return "";
    }

    private string TimeLeft(GtpCommand command)
    {
        try
        {
            var (player, time, stones) = ClockArguments.TimeLeft(command.Arguments);
            clock.SetTimeLeft(player, time, stones);
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw GtpError.Syntax(e.Message);
        }
        return "";
    }

    // ---- SGF ----

    private string LoadSgf(GtpCommand command)
    {
        string path = Argument(command, 0, "a file name");
        int? moveNumber = null;
        if (command.Arguments.Count > 1)
        {
            if (!TryParseInt(command.Arguments[1], out int number) || number < 1) throw GtpError.Syntax($"'{command.Arguments[1]}' is not a move number");
            moveNumber = number;
        }
        Game loaded;
        try
        {
            var record = SgfReader.Load(path, game.Rules);
            if (!networks.Supports(record.Size)) throw new GtpError($"unacceptable size: the file's board is {record.Size}x{record.Size}");
            loaded = record.ToGame();
        }
        catch (Exception e) when (e is SgfFormatException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new GtpError($"cannot load file: {e.Message}");
        }
        // GTP: "the position before move number movenumber", so movenumber − 1 moves are played.
        if (moveNumber is int n)
            while (loaded.MoveCount > n - 1) loaded.Undo();
        var previous = network;
        (network, movePolicy) = PlayWith(networks.For(loaded.Size));
        if (network.Description != previous.Description) log.WriteLine($"gtp: {loaded.Size}x{loaded.Size}, playing with {network.Description}");
        game = loaded;
        Changed();
        return "";
    }

    private string PrintSgf(GtpCommand command)
    {
        var record = SgfGame.FromGame(game) with { Date = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        if (command.Arguments.Count == 0) return SgfWriter.Write(record);
        try
        {
            SgfWriter.Save(record, command.Arguments[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new GtpError($"cannot save file: {e.Message}");
        }
        return "";
    }

    // ---- move generation ----

    private Search PlaySearch() => search ??= new Search(game, network.Evaluator, SearchOptions());

    private SearchOptions SearchOptions() => new()
    {
        Threads = options.Threads,
        BatchSize = options.BatchSize,
        MaxPlayouts = options.Visits is null ? options.Playouts ?? network.DefaultPlayouts : int.MaxValue,
        MaxVisits = options.Visits ?? int.MaxValue,
        Seed = options.Seed,
        NodeBudget = options.NodeBudget,
        // A move is decided once no playout left could change it (Leela Zero's pruning); the time saved is the clock's.
        EarlyStop = true,
        // The rollout fallback's priors are uniform: with an FPU reduction an unvisited move is valued below its parent,
        // so the search keeps to the first moves it tried — the first points in board order, A1, B1, … — and plays
        // on the edge. Valued as their parent, unvisited moves all get their turn (GNU Go level 1 then loses 9×9
        // games to it instead of winning them by 90 points).
        FpuReduction = network.IsRolloutFallback ? 0 : Mcts.SearchOptions.Default.FpuReduction,
    };

    /// <summary>Makes <paramref name="player"/> the player to move, as GTP lets a controller ask either side for a move.</summary>
    private void SetToMove(Color player)
    {
        if (game.ToMove == player) return;
        game.SetToMove(player);
        Changed();
    }

    /// <summary>Searches for <paramref name="player"/>'s move (on the clock, when time settings were given) and
    /// chooses it; the move is not played.</summary>
    private Move GenerateMove(Color player, bool cleanup, SearchLimits limits)
    {
        SetToMove(player);
        var searching = PlaySearch();
        var stopwatch = Stopwatch.StartNew();
        var result = clock.Control.Kind == TimeControlKind.Unlimited
            ? searching.Run(limits)
            : searching.Run(clock, timeManager, limits);
        var move = movePolicy.Choose(game, result, cleanup);
        if (clock.Control.Kind != TimeControlKind.Unlimited) clock.Spend(player, stopwatch.Elapsed);
        log.WriteLine($"gtp: {player.ToLetter()} {Vertex.ToGtp(move, game.Geometry)} after {result.Playouts} playouts " +
                      $"({result.RootVisits} root visits) in {result.Elapsed.TotalSeconds:0.00} s, stop: {result.StopReason}");
        return move;
    }

    private string GenerateAndPlay(GtpCommand command, bool cleanup)
    {
        Color player = Player(command, 0);
        var move = GenerateMove(player, cleanup, SearchLimits.None);
        if (!move.IsResign) PlayMove(player, move);
        if (options.Ponder && !move.IsResign) StartPondering(analysis: null);
        return Vertex.ToGtp(move, game.Geometry);
    }

    private string RegGenmove(GtpCommand command)
    {
        Color player = Player(command, 0);
        return Vertex.ToGtp(GenerateMove(player, cleanup: false, SearchLimits.None), game.Geometry);
    }

    /// <summary>
    /// lz-analyze (and analyze): answers <c>=id</c> at once, then searches in the background, printing an info line
    /// every interval, until the next line arrives; the empty line that ends the response is written then
    /// (<see cref="StopBackground"/>). lz-genmove_analyze (and genmove_analyze): the same while it searches for its
    /// move, then <c>play VERTEX</c>, and the empty line (after pondering, when on), as Leela Zero's GTP.cpp does.
    /// kata-analyze and kata-genmove_analyze do the same with KataGo's lines (<see cref="AnalysisLine.FormatKataGo(SearchAnalysis, BoardGeometry, Color, bool)"/>).
    /// </summary>
    private string? Analyze(GtpCommand command, bool generate, bool kataGo)
    {
        var request = AnalysisRequest.Parse(command.Arguments);
        Color player = request.Player ?? game.ToMove;
        output.Write($"={command.Id}\n");
        if (!generate)
        {
            // Analysis looks at a copy, so that asking about the other player's move changes nothing in the game.
            var position = game.Clone();
            if (position.ToMove != player) position.SetToMove(player);
            var unbounded = SearchOptions() with { MaxPlayouts = int.MaxValue, MaxVisits = int.MaxValue, EarlyStop = false };
            var analysing = new Search(position, network.Evaluator, unbounded);
            var limits = AnalysisLimits(request, position.Geometry, player, kataGo, includeFinal: false);
            background = new BackgroundSearch("analysis", token => analysing.Run(limits, token), ending: "\n");
            return null;
        }
        Move move;
        try
        {
            move = GenerateMove(player, cleanup: false, AnalysisLimits(request, game.Geometry, player, kataGo, includeFinal: true));
        }
        catch (Exception e)
        {
            // The response has begun with "=": it can only be ended, not turned into a failure.
            log.WriteLine($"gtp: '{command.Name}' failed: {e}");
            output.Write("\n");
            return null;
        }
        if (!move.IsResign) PlayMove(player, move);
        output.Write($"play {Vertex.ToGtp(move, game.Geometry)}\n");
        if (options.Ponder && !move.IsResign) StartPondering(AnalysisLimits(request, game.Geometry, player.Opponent(), kataGo, includeFinal: false), ending: "\n");
        else output.Write("\n");
        return null;
    }

    /// <summary>The analysis callback of a search whose root has <paramref name="player"/> to move.</summary>
    private SearchLimits AnalysisLimits(AnalysisRequest request, BoardGeometry geometry, Color player, bool kataGo, bool includeFinal)
    {
        if (request.Interval == TimeSpan.Zero && !includeFinal) return SearchLimits.None;
        return new SearchLimits
        {
            // Interval 0 prints no periodic lines; a year stands for never without overflowing the search's clock.
            AnalysisInterval = request.Interval == TimeSpan.Zero ? TimeSpan.FromDays(365) : request.Interval,
            AnalysisRankedByLcb = options.LcbSelection,
            Analysis = analysis =>
            {
                if (analysis.Moves.Count > 0 && (includeFinal || !analysis.IsFinal))
                    output.Write((kataGo
                        ? AnalysisLine.FormatKataGo(analysis, geometry, player, request.Ownership)
                        : AnalysisLine.Format(analysis, geometry)) + "\n");
            },
        };
    }

    /// <summary>Searches the opponent's move in the play search until the next line arrives; its tree is kept for
    /// our next move when the opponent plays into it.</summary>
    private void StartPondering(SearchLimits? analysis, string ending = "")
    {
        if (game.IsOver) { output.Write(ending); return; }
        var searching = PlaySearch();
        var limits = analysis ?? SearchLimits.None;
        background = new BackgroundSearch("pondering", token => searching.Run(limits, token), ending);
    }

    private void StopBackground()
    {
        if (background is null) return;
        var (result, failure) = background.Stop();
        if (failure is not null) log.WriteLine($"gtp: {background.Purpose} failed: {failure}");
        else log.WriteLine($"gtp: {background.Purpose} stopped after {result!.Playouts} playouts ({result.RootVisits} root visits)");
        output.Write(background.Ending);
        background = null;
    }
}
