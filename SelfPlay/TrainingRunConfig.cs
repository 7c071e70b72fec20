using System.Text.Json;
using System.Text.Json.Serialization;
using GoZero.Engine;
using GoZero.Mcts;
using GoZero.Network;
using GoZero.Network.Training;

namespace GoZero.SelfPlay;

/// <summary>
/// Everything a training run (<see cref="TrainingRun"/>) is made of, with documented defaults; saved as config.json in
/// the run folder so that the folder says how it was made, and read back when the run resumes. Two presets:
/// <see cref="Preset9x9"/> (a small network a laptop CPU trains in hours) and <see cref="Preset19x19"/> (AlphaGo Zero's
/// settings with a network scaled to a CPU; every value can be changed with a config file).
/// </summary>
public sealed record TrainingRunConfig
{
    public string Preset { get; init; } = "9x9";

    // The game.
    public int BoardSize { get; init; } = 9;
    public double Komi { get; init; } = 7.5;

    // The network: residual blocks and filters of every generation.
    public int Blocks { get; init; } = 4;
    public int Filters { get; init; } = 32;

    /// <summary>Whether the run's networks have KataGo's ownership and score heads (<see cref="NetworkShape.AuxiliaryHeads"/>),
    /// trained on the final owner of every point and the final score of each self-play game (Wu 2019, "Accelerating
    /// Self-Play Learning in Go", section 4.1). Default off, until issue 19's proof runs measure what they are worth here.</summary>
    public bool OwnershipAndScore { get; init; }

    /// <summary>KataGo's global pooling in every k-th residual block of the run's networks
    /// (<see cref="NetworkShape.GlobalPoolingInterval"/>); 0, the default, for none.</summary>
    public int GlobalPoolingInterval { get; init; }

    /// <summary>The channels those blocks pool; null for <see cref="NetworkShape.DefaultPooledChannels"/> of the
    /// filters (a third, as KataGo's b6c96 pools 32 of 96).</summary>
    public int? GlobalPoolingChannels { get; init; }

    /// <summary>The ownership term's weight in the loss, for networks with the heads; the default is net train's
    /// (<see cref="TrainingOptions.DefaultOwnershipWeight"/>, KataGo's 1.5).</summary>
    public double OwnershipWeight { get; init; } = TrainingOptions.DefaultOwnershipWeight;

    /// <summary>The score term's weight in the loss, for networks with the heads; the default is net train's
    /// (<see cref="TrainingOptions.DefaultScoreWeight"/>).</summary>
    public double ScoreWeight { get; init; } = TrainingOptions.DefaultScoreWeight;

    /// <summary>Seeds the random first network, the self-play games, the sampler and the gating openings.</summary>
    public ulong Seed { get; init; } = 1;

    // Self-play (see SelfPlayOptions).
    public int SelfPlayPlayouts { get; init; } = 100;
    public int SelfPlayBatch { get; init; } = 4;
    public int SelfPlayWorkers { get; init; } = 1;
    public int GamesAtOnce { get; init; } = 16;
    public int SelfPlayThreads { get; init; } = 1;
    public int? TemperatureMoves { get; init; }
    public double ResignThreshold { get; init; } = MovePolicyOptions.DefaultResignThreshold;
    public double NoResignShare { get; init; } = 0.1;
    public int GamesPerChunk { get; init; } = 8;
    // Issue 19's ways of learning more per CPU-hour (see SelfPlayOptions), all off by default.
    /// <summary>p of KataGo's playout cap randomisation: the share of moves searched in full; 1: every move.</summary>
    public double FullSearchShare { get; init; } = 1;
    /// <summary>Playouts of the other moves; null: a fifth of <see cref="SelfPlayPlayouts"/>.</summary>
    public int? FastPlayouts { get; init; }
    /// <summary>k of KataGo's forced playouts and policy target pruning; 0: off (KataGo: 2).</summary>
    public double ForcedPlayoutsK { get; init; }
    /// <summary>Gumbel AlphaZero's root search in self-play.</summary>
    public bool GumbelRoot { get; init; }
    /// <summary>m, the moves the Gumbel root samples.</summary>
    public int GumbelConsideredMoves { get; init; } = 16;

    // Training.
    public int TrainingBatch { get; init; } = 128;
    public string LearningRate { get; init; } = "0.02";
    public double Momentum { get; init; } = 0.9;
    public double WeightDecay { get; init; } = 1e-4;
    public int TrainingThreads { get; init; } = 1;
    /// <summary>Optimizer steps from one candidate to the next.</summary>
    public int StepsPerGeneration { get; init; } = 200;
    /// <summary>New self-play games needed before the next candidate is trained, so that training never runs far
    /// ahead of the data it learns from.</summary>
    public int GamesPerGeneration { get; init; } = 60;
    /// <summary>Games needed before the first training step.</summary>
    public int MinimumGames { get; init; } = 120;
    /// <summary>The replay window: samples of the most recent games the trainer draws from.</summary>
    public int WindowSamples { get; init; } = 150_000;

    // Gating.
    public int GatingGames { get; init; } = 40;
    public int GatingPlayouts { get; init; } = 100;
    /// <summary>A candidate becomes the best network when it scores at least this against it (AlphaGo Zero: 55%). 0
    /// promotes every candidate, as AlphaZero always played its latest network (Silver et al. 2018); the gating games
    /// are then only a record, so make them few.</summary>
    public double PromotionThreshold { get; init; } = 0.55;
    /// <summary>Random opening moves that vary the gating games (null: about one per five lines of board).</summary>
    public int? GatingOpeningMoves { get; init; }
    /// <summary>When set, gating is a sequential test (<see cref="GatingSprt"/>, α = β = 0.05) of "as strong" against
    /// "this many Elo stronger", stopping as soon as it decides; <see cref="GatingGames"/> is then the most games it
    /// plays, and a match still undecided there falls back to <see cref="PromotionThreshold"/>. Null: a fixed number
    /// of games and the threshold.</summary>
    public double? GatingSprtElo { get; init; }

    // The anchor (issue 20): an outside engine the best network plays every so many generations, so that the run's
    // strength is measured against something fixed. The ledger's chained Elo only says that each candidate beat the
    // one before; it overstates progress (the first 9×9 run's chain said +1,993 where a direct match measured +566).
    /// <summary>The anchor engine's GTP command line, as a match's <c>gtp:</c> player takes it ("gnugo --mode gtp
    /// --level 10"); null, the default, for no anchor matches.</summary>
    public string? AnchorEngine { get; init; }
    /// <summary>The best network plays the anchor after every this-many generations.</summary>
    public int AnchorInterval { get; init; } = 10;
    /// <summary>Games of each anchor match, colours alternating.</summary>
    public int AnchorGames { get; init; } = 20;
    /// <summary>The network's playouts a move in anchor matches; null: <see cref="GatingPlayouts"/>.</summary>
    public int? AnchorPlayouts { get; init; }

    /// <summary>AlphaGo Zero's recipe on 9×9, the settings every key defaults to: 100 PUCT playouts with Dirichlet
    /// noise, a policy and value network, 40 gating games at 55%. The 9×9 preset until issue 19's equal-time runs
    /// (docs/9x9-learning-speed) measured the settings of <see cref="Preset9x9"/> far stronger in the same two hours;
    /// kept as the baseline of such comparisons ("9x9-alphago-zero").</summary>
    public static TrainingRunConfig AlphaGoZero9x9 { get; } = new() { Preset = "9x9-alphago-zero" };

    /// <summary>The 9×9 preset: Gumbel AlphaZero's root search with 32 simulations and m = 16 (Danihelka et al. 2022),
    /// KataGo's ownership and score heads (Wu 2019) and no gating (every candidate promoted, as AlphaZero played its
    /// latest network; two games recorded) on <see cref="AlphaGoZero9x9"/>. Two hours of Gumbel with the heads beat two
    /// hours of AlphaGo Zero's recipe 100–0; the same two hours without gating trained 52% more steps and beat that
    /// 68–32; 360 steps a generation instead of 200, which keep the trainer's thread busy while self-play fills the
    /// other core, beat that 61–39 (docs/9x9-learning-speed).</summary>
    public static TrainingRunConfig Preset9x9 { get; } = new()
    {
        OwnershipAndScore = true,
        GumbelRoot = true,
        GumbelConsideredMoves = 16,
        SelfPlayPlayouts = 32,
        PromotionThreshold = 0,
        GatingGames = 2,
        StepsPerGeneration = 360,
    };

    /// <summary>AlphaGo Zero's settings (1,600 playouts, 30 temperature moves, 400 gating games at 55%, batch 2,048 in
    /// the paper — here 256 on one CPU) with a 10×128 network instead of 20×256.</summary>
    public static TrainingRunConfig Preset19x19 { get; } = new()
    {
        Preset = "19x19",
        BoardSize = 19,
        Blocks = 10,
        Filters = 128,
        SelfPlayPlayouts = 1600,
        SelfPlayBatch = 8,
        GamesAtOnce = 32,
        SelfPlayThreads = 2,
        TemperatureMoves = 30,
        GamesPerChunk = 4,
        TrainingBatch = 256,
        TrainingThreads = 2,
        StepsPerGeneration = 1000,
        GamesPerGeneration = 500,
        MinimumGames = 2000,
        WindowSamples = 500_000,
        GatingGames = 400,
        GatingPlayouts = 1600,
    };

    public static TrainingRunConfig ForPreset(string name) => name.ToLowerInvariant() switch
    {
        "9x9" => Preset9x9,
        "9x9-alphago-zero" => AlphaGoZero9x9,
        "19x19" => Preset19x19,
        _ => throw new ArgumentException($"unknown preset '{name}': 9x9, 9x9-alphago-zero or 19x19"),
    };

    [JsonIgnore]
    public NetworkShape Shape => new(BoardSize, Blocks, Filters)
    {
        AuxiliaryHeads = OwnershipAndScore,
        GlobalPoolingInterval = GlobalPoolingInterval,
        GlobalPoolingChannels = GlobalPoolingInterval == 0 ? GlobalPoolingChannels ?? 0 : GlobalPoolingChannels ?? NetworkShape.DefaultPooledChannels(Filters),
    };

    /// <summary>The anchor engine's program and its arguments; an <see cref="ArgumentException"/> when
    /// <see cref="AnchorEngine"/> names no program or has an unclosed quote.</summary>
    [JsonIgnore]
    public (string Program, IReadOnlyList<string> Arguments)? AnchorCommand
    {
        get
        {
            if (AnchorEngine is not { } anchor) return null;
            IReadOnlyList<string> words;
            try
            {
                words = CommandLineWords.Split(anchor);
            }
            catch (FormatException e)
            {
                throw new ArgumentException($"the anchor engine '{anchor}': {e.Message}", e);
            }
            if (words.Count == 0 || words[0].Length == 0)
                throw new ArgumentException($"the anchor engine '{anchor}' names no program (give a GTP command line such as \"gnugo --mode gtp --level 10\")");
            return (words[0], words.Skip(1).ToList());
        }
    }

    /// <summary>The anchor's short name for records and logs ("gnugo --mode gtp --level 10"); null without an anchor.</summary>
    [JsonIgnore]
    public string? AnchorName => AnchorCommand is { } command ? GtpEnginePlayer.ShortName([command.Program, .. command.Arguments]) : null;

    /// <summary>The same run with <paramref name="other"/>'s anchor settings: what the anchor plays does not change
    /// what the run trains, so a run that exists may take new ones.</summary>
    public TrainingRunConfig WithAnchorOf(TrainingRunConfig other) => this with
    {
        AnchorEngine = other.AnchorEngine, AnchorInterval = other.AnchorInterval, AnchorGames = other.AnchorGames, AnchorPlayouts = other.AnchorPlayouts,
    };

    /// <summary>The sequential test gating runs, or null for a fixed number of games.</summary>
    [JsonIgnore]
    public GatingSprt? Sprt => GatingSprtElo is { } elo ? new GatingSprt(0, elo) : null;

    [JsonIgnore]
    public RulesOptions Rules => RulesOptions.Default with { Komi = Komi };

    [JsonIgnore]
    public SelfPlayOptions SelfPlay => new(BoardSize, Rules, SelfPlayPlayouts, SelfPlayBatch, TemperatureMoves,
        ResignThreshold: ResignThreshold, NoResignShare: NoResignShare, FullSearchShare: FullSearchShare,
        FastPlayouts: FastPlayouts, ForcedPlayoutsK: ForcedPlayoutsK, GumbelRoot: GumbelRoot, GumbelConsideredMoves: GumbelConsideredMoves);

    [JsonIgnore]
    public TrainingOptions Training => new()
    {
        LearningRate = LearningRateSchedule.Parse(LearningRate),
        Momentum = Momentum,
        WeightDecay = WeightDecay,
        Threads = TrainingThreads,
        OwnershipWeight = OwnershipWeight,
        ScoreWeight = ScoreWeight,
    };

    /// <summary>Throws <see cref="ArgumentException"/> naming the first setting out of range.</summary>
    public TrainingRunConfig Validated()
    {
        Shape.Validated();
        SelfPlay.Validated();
        Training.Validated();
        if (SelfPlayWorkers < 1 || GamesAtOnce < 1 || SelfPlayThreads < 1) throw new ArgumentException("self-play workers, games at once and threads must be at least 1");
        if (GamesPerChunk < 1) throw new ArgumentException($"games per chunk must be at least 1, not {GamesPerChunk}");
        if (TrainingBatch < 1) throw new ArgumentException($"the training batch must be at least 1, not {TrainingBatch}");
        if (StepsPerGeneration < 1) throw new ArgumentException($"steps per generation must be at least 1, not {StepsPerGeneration}");
        if (GamesPerGeneration < 1 || MinimumGames < 1) throw new ArgumentException("games per generation and minimum games must be at least 1");
        if (WindowSamples < TrainingBatch) throw new ArgumentException($"the window ({WindowSamples} samples) must hold at least one batch ({TrainingBatch})");
        if (GatingGames < 1 || GatingPlayouts < 1) throw new ArgumentException("gating games and playouts must be at least 1");
        if (PromotionThreshold is < 0 or > 1 || double.IsNaN(PromotionThreshold)) throw new ArgumentException($"the promotion threshold must be in [0, 1], not {PromotionThreshold}");
        new MatchOptions(GatingGames, BoardSize, Rules, OpeningMoves: GatingOpeningMoves).Validated();
        Sprt?.Validated();
        if (AnchorEngine is not null)
        {
            _ = AnchorCommand;
            if (AnchorInterval < 1 || AnchorGames < 1 || AnchorPlayouts is < 1)
                throw new ArgumentException("the anchor interval, games and playouts must be at least 1");
        }
        return this;
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The most bytes a config file may have: 1 MiB, a thousand times what its settings take.</summary>
    public const int MaxFileBytes = 1 << 20;

    /// <summary>Reads a config file; settings it leaves out keep the values of <paramref name="basis"/>'s preset when it
    /// names one, else of <paramref name="basis"/>. A path that names no readable file is an
    /// <see cref="InputFileException"/>; a file that is not a config (empty, not JSON, not an object, an unknown
    /// setting, a value of the wrong type, over <see cref="MaxFileBytes"/>) an <see cref="InvalidDataException"/>
    /// "FILE: not a training config: WHY". The values are not range-checked: see <see cref="Validated"/>.</summary>
    public static TrainingRunConfig Load(string path, TrainingRunConfig? basis = null) => Load(path, basis, savedByARun: false);

    /// <summary>Reads a run's own config.json (<see cref="RunLayout.ConfigPath"/>). A setting it leaves out did not
    /// exist when the run began, so it keeps the value every run had then — the key's default (19×19: the 19×19
    /// preset's) — not what the preset of its name says today: a 9×9 run begun before the preset took the heads and
    /// Gumbel's search goes on without them.</summary>
    public static TrainingRunConfig LoadSaved(string path) => Load(path, basis: null, savedByARun: true);

    private static TrainingRunConfig Load(string path, TrainingRunConfig? basis, bool savedByARun)
    {
        InvalidDataException NotAConfig(string why, Exception? inner = null) => new($"{path}: not a training config: {why}", inner);
        byte[] bytes = InputFile.ReadAllBytes(path, MaxFileBytes, "a training config");
        if (bytes.AsSpan().Trim(" \t\r\n"u8).IsEmpty) throw NotAConfig("the file is empty (a config is a JSON object of settings, {} for none)");
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw NotAConfig($"it holds a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object of settings");
            string? named = root.TryGetProperty("preset", out var preset) && preset.ValueKind == JsonValueKind.String ? preset.GetString() : null;
            var start = savedByARun ? (named == Preset19x19.Preset ? Preset19x19 : new TrainingRunConfig())
                      : named is not null ? ForPreset(named)
                      : basis ?? Preset9x9;
            // Overlay the file on the preset: serialise the preset, replace the keys the file gives, read back.
            var merged = JsonSerializer.SerializeToNode(start, Json)!.AsObject();
            foreach (var property in root.EnumerateObject())
            {
                if (!merged.ContainsKey(property.Name))
                    throw NotAConfig($"'{property.Name}' is not a setting (the settings: {string.Join(", ", merged.Select(p => p.Key))})");
                merged[property.Name] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
            }
            return merged.Deserialize<TrainingRunConfig>(Json)!;
        }
        catch (JsonException e)
        {
            throw NotAConfig(JsonFileError.Reason(e), e);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw NotAConfig(e.Message, e);
        }
    }
}
