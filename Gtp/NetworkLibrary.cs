using GoZero.Mcts;
using GoZero.Network;

namespace GoZero.Gtp;

/// <summary>
/// Chooses what the engine plays with on each board size, and owns the networks it loads.
/// <list type="number">
/// <item>With --weights, that network, for its own board size only: any other size is refused
/// (<see cref="Supports"/>), as Leela Zero refuses it, rather than played with something much weaker the user did not
/// choose. A file that cannot be read fails at startup with <see cref="NetworkFormatException"/>.</item>
/// <item>Without, the default network for the size, <c>default-NxN.gzn</c> in <see cref="GtpEngineOptions.NetworkDirectory"/>
/// (the repository's <c>networks/</c> folder, copied next to the binary), when there is one.</item>
/// <item>Else the rollout evaluator: uniform priors and random games to the end, labelled as the fallback.</item>
/// </list>
/// <c>--weights rollout</c> (<see cref="RolloutChoice"/>) asks for the rollout evaluator on every size, default networks
/// or not.
/// </summary>
public sealed class NetworkLibrary : IDisposable
{
    private readonly GtpEngineOptions options;
    private readonly TextWriter log;
    private readonly PlayingNetwork? chosen;
    private readonly bool rolloutChosen;
    private readonly Dictionary<int, PlayingNetwork> bySize = [];

    /// <summary>Loads the --weights network, if any; throws <see cref="NetworkFormatException"/> when it cannot.</summary>
    public NetworkLibrary(GtpEngineOptions options, TextWriter log)
    {
        this.options = options;
        this.log = log;
        if (options.WeightsPath == RolloutChoice)
        {
            rolloutChosen = true;
        }
        else if (options.WeightsPath is { } path)
        {
            chosen = Load(path);
            bySize[chosen.Network!.Description.BoardSize] = chosen;
        }
    }

    /// <summary>The --weights value that chooses the rollout evaluator, as <c>gozero match</c> names that player.</summary>
    public const string RolloutChoice = "rollout";

    /// <summary>The board size of the --weights network; null without one.</summary>
    public int? ChosenSize => chosen?.Network?.Description.BoardSize;

    /// <summary>Whether the engine can play on a size: any size from 2 to 25, or only the --weights network's.</summary>
    public bool Supports(int size) => size is >= Engine.BoardGeometry.MinSize and <= Engine.BoardGeometry.MaxSize
                                      && (ChosenSize is null || ChosenSize == size);

    /// <summary>The file a default network for the size would be in.</summary>
    public static string DefaultNetworkPath(string directory, int size) => Path.Combine(directory, $"default-{size}x{size}.gzn");

    /// <summary>What plays on <paramref name="size"/>; loaded on first use and kept.</summary>
    public PlayingNetwork For(int size)
    {
        if (!Supports(size)) throw new ArgumentOutOfRangeException(nameof(size), size, "no network for this board size");
        if (bySize.TryGetValue(size, out var known)) return known;
        var found = (rolloutChosen ? null : LoadDefault(size)) ?? new PlayingNetwork(
            new RolloutEvaluator(GtpEngineOptions.RolloutsPerLeaf, options.Seed),
            rolloutChosen ? "no network: rollout evaluator, as --weights rollout asks" : "no network: rollout fallback",
            GtpEngineOptions.RolloutPlayouts(size), null);
        bySize[size] = found;
        return found;
    }

    public void Dispose()
    {
        foreach (var network in bySize.Values) network.Network?.Dispose();
        bySize.Clear();
    }

    private PlayingNetwork? LoadDefault(int size)
    {
        string path = DefaultNetworkPath(options.NetworkDirectory, size);
        if (!File.Exists(path)) return null;
        try
        {
            var network = Load(path);
            if (network.Network!.Description.BoardSize == size) return network;
            log.WriteLine($"gtp: {path} holds a {network.Network.Description.Shape} network, not a {size}x{size} one; playing without it");
            network.Network.Dispose();
            return null;
        }
        catch (NetworkFormatException e)
        {
            // A broken default network must not keep the engine from playing: say so and fall back.
            log.WriteLine($"gtp: the default network cannot be used: {e.Message}");
            return null;
        }
    }

    private PlayingNetwork Load(string path)
    {
        var file = NetworkFile.Load(path);
        var network = ModelFactory.OpenInference(file.Weights, options.Threads, options.Placement.Backend, options.Placement.Device);
        // With the ownership and score heads where the network has them: kata-analyze shows them.
        IEvaluator evaluator = NetworkPolicyEvaluator.WithHeadsOf(network, options.Seed);
        string description = $"network: {Path.GetFileName(path)}, {file.Weights.Shape}";
        if (options.Lambda > 0)
        {
            evaluator = new MixedValueEvaluator(evaluator, new RolloutEvaluator(GtpEngineOptions.RolloutsPerLeaf, options.Seed), options.Lambda);
            description += FormattableString.Invariant($", value mixed with rollouts, lambda {options.Lambda}");
        }
        return new PlayingNetwork(evaluator, description, GtpEngineOptions.NetworkPlayouts, network);
    }
}
