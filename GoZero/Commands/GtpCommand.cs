using System.Text;
using GoZero.Engine;
using GoZero.Gtp;
using GoZero.Network;

namespace GoZero.Cli.Commands;

/// <summary>gozero gtp: reads the options, chooses the network and runs the GTP engine on stdin/stdout.</summary>
public static class GtpCommand
{
    public static int Run(GtpOptions options)
    {
        if (PathArgument.Empty(options.Weights, "--weights", $"a network file, or '{NetworkLibrary.RolloutChoice}'") is { } emptyWeights)
            return CommandFailure.Report(emptyWeights, ExitCode.BadArguments);
        if (PathArgument.Empty(options.NetworksDirectory, "--networks-dir", "the folder of default networks") is { } emptyFolder)
            return CommandFailure.Report(emptyFolder, ExitCode.BadArguments);
        // A folder named on purpose must be there: without it every size would quietly play the rollout fallback.
        if (options.NetworksDirectory is { } folder && !Directory.Exists(folder))
            return CommandFailure.Report(PathArgument.NotAFolder(folder) ?? $"{folder}: no such folder (--networks-dir)", ExitCode.BadInput);
        GtpEngineOptions engineOptions;
        try
        {
            if (!RulesOptions.TryParseRules(options.Rules, RulesOptions.Default with { Komi = options.Komi }, out var rules))
                throw new ArgumentException($"--rules '{options.Rules}' is not a rule set (chinese, tromp-taylor, nz, simple)");
            var (placement, badPlacement) = options.Placement();
            if (placement is null) throw new ArgumentException(badPlacement);
            engineOptions = new GtpEngineOptions
            {
                Placement = placement,
                WeightsPath = options.Weights,
                NetworkDirectory = options.NetworksDirectory ?? GtpEngineOptions.DefaultNetworkDirectory,
                Playouts = options.Playouts,
                Visits = options.Visits,
                Threads = options.Threads,
                BatchSize = options.Batch,
                ResignThreshold = options.ResignThreshold,
                LcbSelection = options.Lcb == OnOff.On,
                Rules = rules,
                Ponder = options.Ponder,
                Seed = options.Seed,
                Lambda = options.Lambda,
                OwnershipJudge = options.OwnershipJudge,
            }.Validated();
        }
        catch (ArgumentException e)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadArguments);
        }

        NetworkLibrary networks;
        try
        {
            networks = new NetworkLibrary(engineOptions, Console.Error);
        }
        catch (NetworkFormatException e)
        {
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }

        // GTP is ASCII in practice; UTF-8 without a BOM writes anything, and every line ends with LF alone.
        using var input = Console.OpenStandardInput();
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        using var engine = new GtpEngine(engineOptions, networks, output, Console.Error);
        engine.Run(input);
        return ExitCode.Success;
    }
}
