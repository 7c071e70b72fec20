using System.Globalization;
using System.Text.Json.Nodes;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero net ACTION: make a seeded random network, describe a network file, evaluate a position, convert between GoZero
/// checkpoints and Leela Zero text weights, check a folder of training data, train a network on it, or test it on held-out games.</summary>
public static class NetCommand
{
    private const string Actions = "init, info, convert, eval, data, train, test";

    public static int Run(NetOptions options)
    {
        try
        {
            return options.Action.ToLowerInvariant() switch
            {
                "init" => Init(options),
                "info" => Info(options),
                "convert" => Convert(options),
                "eval" => NetEvalCommand.Run(options),
                "data" => NetDataCommand.Run(options),
                "train" => NetTrainCommand.Run(options),
                "test" => NetTestCommand.Run(options),
                _ => BadArguments($"unknown net action '{options.Action}' (known: {Actions})"),
            };
        }
        catch (Exception e) when (e is NetworkFormatException or IOException or UnauthorizedAccessException)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
    }

    private static int BadArguments(string message) => CommandFailure.Report(message, ExitCode.BadArguments);

    private static int Init(NetOptions options)
    {
        if (options.Blocks is not int blocks || options.Filters is not int filters || options.Out is not { Length: > 0 } path)
            return BadArguments("net init needs --blocks, --filters and --out");
        if (options.File is not null) return BadArguments($"net init takes no file argument ('{options.File}'): name the output with --out");
        NetworkShape shape;
        try
        {
            shape = new NetworkShape(options.Board, blocks, filters)
            {
                AuxiliaryHeads = options.OwnershipAndScore,
                GlobalPoolingInterval = options.PoolingInterval,
                GlobalPoolingChannels = options.PoolingInterval > 0 && options.PooledChannels is null ? NetworkShape.DefaultPooledChannels(filters) : options.PooledChannels ?? 0,
            }.Validated();
        }
        catch (ArgumentException e)
        {
            return BadArguments(e.Message);
        }
        if (shape.AuxiliaryHeads && FormatOf(path) != NetworkFileFormat.Checkpoint)
            return BadArguments($"Leela Zero text has no place for the ownership and score heads: write {path} without --ownership-and-score, or as a checkpoint");
        if (shape.GlobalPooling && FormatOf(path) != NetworkFileFormat.Checkpoint)
            return BadArguments($"Leela Zero text has no place for global pooling: write {path} without --pooling-interval, or as a checkpoint");
        if (PathArgument.NotWritable(path) is { } notWritable) return CommandFailure.Report(notWritable, ExitCode.BadInput);
        var weights = NetworkWeights.Random(shape, options.Seed);
        string pooling = shape.GlobalPooling ? $" --pooling-interval {shape.GlobalPoolingInterval} --pooled-channels {shape.GlobalPoolingChannels}" : "";
        var metadata = CheckpointMetadata.New($"gozero net init --board {shape.BoardSize} --blocks {blocks} --filters {filters}{(shape.AuxiliaryHeads ? " --ownership-and-score" : "")}{pooling} --seed {options.Seed}");
        Save(new Checkpoint(weights, metadata), path);
        if (FormatOf(path) != NetworkFileFormat.Checkpoint && shape.BoardSize != 19)
            Console.Error.WriteLine($"note: Leela Zero itself reads 19x19 networks only; GoZero reads this {shape.BoardSize}x{shape.BoardSize} one");
        Console.WriteLine($"wrote {path}: {Describe(FormatOf(path), shape)}, {shape}, {ParameterCount(weights):N0} parameters, seed {options.Seed}");
        return ExitCode.Success;
    }

    private static int Info(NetOptions options)
    {
        if (options.File is not { Length: > 0 } path) return BadArguments("net info needs a FILE");
        if (options.Target is not null) return BadArguments($"net info takes one file, not also '{options.Target}'");
        var file = NetworkFile.Load(path);
        var shape = file.Weights.Shape;
        var metadata = file.Checkpoint?.Metadata;
        var optimizer = file.Checkpoint?.OptimizerState ?? [];
        long optimizerValues = optimizer.Sum(t => (long)t.Values.Length);
        if (options.Json)
        {
            var json = new JsonObject
            {
                ["path"] = path,
                ["format"] = file.Format switch
                {
                    NetworkFileFormat.Checkpoint => "checkpoint",
                    NetworkFileFormat.LeelaZero => "leelazero",
                    _ => "leelazero-gzip",
                },
                ["board"] = shape.BoardSize,
                ["blocks"] = shape.Blocks,
                ["filters"] = shape.Filters,
                ["heads"] = new JsonArray([.. ModelDescription.Of(shape).Heads.Select(h => JsonValue.Create(HeadName(h.Kind)))]),
                ["pooling_interval"] = shape.GlobalPoolingInterval,
                ["pooled_channels"] = shape.GlobalPoolingChannels,
                ["parameters"] = ParameterCount(file.Weights),
                ["sha256"] = file.Sha256,
            };
            if (metadata is not null)
            {
                json["generation"] = metadata.Generation;
                json["training_steps"] = metadata.TrainingSteps;
                json["games_seen"] = metadata.GamesSeen;
                json["created_utc"] = metadata.CreatedUtc.ToString("O", CultureInfo.InvariantCulture);
                json["parent_name"] = metadata.ParentName;
                json["parent_sha256"] = metadata.ParentSha256;
                json["notes"] = metadata.Notes;
                json["optimizer_tensors"] = optimizer.Count;
                json["optimizer_values"] = optimizerValues;
            }
            Console.WriteLine(json.ToJsonString());
            return ExitCode.Success;
        }
        Console.WriteLine(path);
        Console.WriteLine($"format: {Describe(file.Format, shape)}");
        Console.WriteLine($"shape: {shape.BoardSize}x{shape.BoardSize} board, {shape.Blocks} residual blocks, {shape.Filters} filters");
        Console.WriteLine($"heads: {string.Join(", ", ModelDescription.Of(shape).Heads.Select(h => HeadName(h.Kind)))}");
        Console.WriteLine(shape.GlobalPooling
            ? $"global pooling: every {shape.GlobalPoolingInterval} blocks ({shape.PoolingBlocks} of {shape.Blocks}), {shape.GlobalPoolingChannels} of {shape.Filters} channels pooled"
            : "global pooling: none");
        Console.WriteLine($"parameters: {ParameterCount(file.Weights):N0}");
        Console.WriteLine($"sha256: {file.Sha256}");
        if (metadata is null) return ExitCode.Success;
        Console.WriteLine($"generation: {metadata.Generation}");
        Console.WriteLine($"training steps: {metadata.TrainingSteps:N0}");
        Console.WriteLine($"games seen: {metadata.GamesSeen:N0}");
        Console.WriteLine($"created: {metadata.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        Console.WriteLine($"parent: {(metadata.ParentName.Length == 0 && metadata.ParentSha256.Length == 0 ? "none" : $"{metadata.ParentName} {metadata.ParentSha256}".Trim())}");
        Console.WriteLine($"notes: {(metadata.Notes.Length == 0 ? "none" : metadata.Notes)}");
        Console.WriteLine($"optimizer state: {optimizer.Count} tensors, {optimizerValues:N0} values");
        return ExitCode.Success;
    }

    private static int Convert(NetOptions options)
    {
        string? target = options.Target ?? options.Out;
        if (options.File is not { Length: > 0 } source || target is not { Length: > 0 })
            return BadArguments("net convert needs IN and OUT");
        if (options.Target is not null && options.Out is not null) return BadArguments("net convert takes OUT once: as a value or as --out");
        if (PathArgument.NotWritable(target) is { } notWritable) return CommandFailure.Report(notWritable, ExitCode.BadInput);
        var file = NetworkFile.Load(source);
        var checkpoint = file.Checkpoint ?? new Checkpoint(file.Weights, CheckpointMetadata.New($"converted from Leela Zero weights {Path.GetFileName(source)}")
            with { ParentName = Path.GetFileName(source), ParentSha256 = file.Sha256 });
        var format = FormatOf(target);
        if (format != NetworkFileFormat.Checkpoint && file.Weights.Shape.GlobalPooling)
            return BadArguments($"{source} holds a {file.Weights.Shape} network: Leela Zero text has no place for global pooling, so it can only be written as a checkpoint");
        if (file.Checkpoint is not null && format != NetworkFileFormat.Checkpoint)
            Console.Error.WriteLine("note: Leela Zero text keeps the weights only: the metadata and optimizer state stay behind");
        Save(checkpoint, target);
        var written = format == NetworkFileFormat.Checkpoint ? file.Weights.Shape : file.Weights.Shape with { AuxiliaryHeads = false };
        Console.WriteLine($"wrote {target}: {Describe(format, written)}, {written}, from {Describe(file.Format, file.Weights.Shape)} {source}");
        return ExitCode.Success;
    }

    /// <summary>What a path will be written as: Leela Zero text for .txt and .txt.gz, a checkpoint otherwise.</summary>
    private static NetworkFileFormat FormatOf(string path) =>
        !NetworkFile.IsLeelaZeroName(path) ? NetworkFileFormat.Checkpoint
        : path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? NetworkFileFormat.LeelaZeroGzip
        : NetworkFileFormat.LeelaZero;

    /// <summary>Writes a checkpoint or Leela Zero text; the text has no place for the ownership and score heads, so
    /// they are dropped, and stderr says so.</summary>
    private static void Save(Checkpoint checkpoint, string path)
    {
        if (FormatOf(path) != NetworkFileFormat.Checkpoint && checkpoint.Weights.Shape.AuxiliaryHeads)
            Console.Error.WriteLine($"note: Leela Zero text has no place for the ownership and score heads: {path} holds the policy-value network only");
        try
        {
            if (FormatOf(path) == NetworkFileFormat.Checkpoint) checkpoint.Save(path);
            else LeelaZeroFormat.Write(checkpoint.Weights, path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new IOException($"cannot write {path}: {e.Message}", e);
        }
    }

    private static string Describe(NetworkFileFormat format, NetworkShape shape) => format switch
    {
        NetworkFileFormat.Checkpoint => $"GoZero checkpoint (format {Checkpoint.VersionOf(shape)})",
        NetworkFileFormat.LeelaZero => $"Leela Zero text (version {LeelaZeroFormat.Version})",
        _ => $"Leela Zero text (version {LeelaZeroFormat.Version}), gzip",
    };

    /// <summary>A head's name as info prints it: "policy", "value", "ownership", "score".</summary>
    private static string HeadName(HeadKind kind) => kind.ToString().ToLowerInvariant();

    private static long ParameterCount(NetworkWeights weights) => weights.Tensors.Sum(t => (long)t.Length);
}
