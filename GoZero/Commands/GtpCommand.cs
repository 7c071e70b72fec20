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
        GtpEngineOptions engineOptions;
        try
        {
            if (!RulesOptions.TryParseRules(options.Rules, RulesOptions.Default with { Komi = options.Komi }, out var rules))
                throw new ArgumentException($"--rules '{options.Rules}' is not a rule set (chinese, tromp-taylor, nz, simple)");
            engineOptions = new GtpEngineOptions
            {
                WeightsPath = options.Weights,
                NetworkDirectory = options.NetworksDirectory ?? GtpEngineOptions.DefaultNetworkDirectory,
                Playouts = options.Playouts,
                Visits = options.Visits,
                Threads = options.Threads,
                BatchSize = options.Batch,
                ResignThreshold = options.ResignThreshold,
                Rules = rules,
                Ponder = options.Ponder,
                Seed = options.Seed,
                Lambda = options.Lambda,
            }.Validated();
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }

        NetworkLibrary networks;
        try
        {
            networks = new NetworkLibrary(engineOptions, Console.Error);
        }
        catch (NetworkFormatException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }

        // GTP is ASCII in practice; UTF-8 without a BOM writes anything, and every line ends with LF alone.
        using var input = Console.OpenStandardInput();
        using var output = new StreamWriter(Console.OpenStandardOutput(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        using var engine = new GtpEngine(engineOptions, networks, output, Console.Error);
        engine.Run(input);
        return 0;
    }
}
