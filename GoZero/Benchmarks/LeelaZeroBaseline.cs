using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using GoZero.Engine;
using GoZero.Gtp;
using GoZero.Network;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// The baseline of <c>gozero bench mcts</c>: Leela Zero (<c>leelaz --gtp --cpu-only --noponder</c>) searching the same
/// position with the same weights (written as Leela Zero text) and the same number of threads. Each run is
/// <c>clear_board</c>, the position's moves as <c>play</c> commands, and one <c>genmove</c> limited by <c>--visits</c>;
/// its speed is the "N visits, M nodes, X playouts, Y n/s" line Leela Zero prints to stderr after the search
/// (UCTSearch::think: Y = playouts / elapsed time). Time management is off (no early stop when the best move can no
/// longer change), resignation is off, the time settings are infinite, and Leela Zero batches as it does by default.
/// </summary>
public sealed partial class LeelaZeroBaseline : IDisposable
{
    /// <summary>Longest wait for the answer to a command other than genmove: leelaz reads none before its weights are
    /// loaded.</summary>
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Longest wait for the one search: far beyond any the benchmark's options make on a CPU.</summary>
    private static readonly TimeSpan SearchTimeout = TimeSpan.FromMinutes(10);

    private readonly GtpClient leelaz;
    private readonly List<string> errorLines = [];
    private readonly object errorGate = new();

    public sealed record Result(string Position, int Threads, int Visits, double PlayoutsPerSecond, double WallVisitsPerSecond, IReadOnlyList<double> RunPlayoutsPerSecond);

    private LeelaZeroBaseline(string executable, string weightsPath, int threads, int visits, int seed)
    {
        string[] arguments =
        [
            "--gtp", "--cpu-only", "--noponder", "--timemanage", "off", "--resignpct", "0",
            "-t", threads.ToString(CultureInfo.InvariantCulture), "-v", visits.ToString(CultureInfo.InvariantCulture),
            "-s", seed.ToString(CultureInfo.InvariantCulture), "-w", weightsPath,
        ];
        leelaz = GtpClient.Start(executable, arguments, skipBlankLines: true, errorLine: line =>
        {
            lock (errorGate) errorLines.Add(line);
        });
        Threads = threads;
        Visits = visits;
        try
        {
            leelaz.Send("time_settings 0 1 0", SetupTimeout);
        }
        catch (GtpEngineException)
        {
            leelaz.Dispose();
            throw;
        }
    }

    public int Threads { get; }

    public int Visits { get; }

    /// <summary>
    /// Searches <paramref name="position"/> <paramref name="runs"/> times, each in a fresh leelaz process: Leela Zero
    /// has no command to empty its evaluation cache (NNCache), which would otherwise answer a repeated search.
    /// </summary>
    public static Result Measure(string executable, string weightsPath, int threads, int visits, int seed, Game position, string name, int runs)
    {
        var rates = new List<double>();
        var wallRates = new List<double>();
        for (int run = 0; run < runs; run++)
        {
            using var leelaz = new LeelaZeroBaseline(executable, weightsPath, threads, visits, seed);
            var (playoutsPerSecond, rootVisits, wall) = leelaz.Search(position);
            rates.Add(playoutsPerSecond);
            wallRates.Add(rootVisits / wall.TotalSeconds);
        }
        return new Result(name, threads, visits, Median.Of(rates), Median.Of(wallRates), rates);
    }

    private (double PlayoutsPerSecond, int Visits, TimeSpan Wall) Search(Game position)
    {
        leelaz.Send($"boardsize {position.Size}", SetupTimeout);
        leelaz.Send("clear_board", SetupTimeout);
        leelaz.Send(string.Create(CultureInfo.InvariantCulture, $"komi {position.Rules.Komi}"), SetupTimeout);
        for (int i = 0; i < position.MoveCount; i++)
            leelaz.Send($"play {position.Players[i].ToLetter()} {Vertex.ToGtp(position.Moves[i], position.Geometry)}", SetupTimeout);
        lock (errorGate) errorLines.Clear();
        var clock = Stopwatch.StartNew();
        leelaz.Send($"genmove {position.ToMove.ToLetter()}", SearchTimeout);
        var wall = clock.Elapsed;
        // stderr is a separate pipe: the statistics line may arrive just after the answer.
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            lock (errorGate)
            {
                foreach (string line in errorLines)
                {
                    var match = StatisticsLine().Match(line);
                    if (match.Success)
                        return (double.Parse(match.Groups["nps"].Value, CultureInfo.InvariantCulture),
                                int.Parse(match.Groups["visits"].Value, CultureInfo.InvariantCulture), wall);
                }
            }
            Thread.Sleep(10);
        }
        throw new IOException("leelaz printed no 'visits, nodes, playouts, n/s' line after genmove");
    }

    [GeneratedRegex(@"(?<visits>\d+) visits, (?<nodes>\d+) nodes, (?<playouts>\d+) playouts, (?<nps>\d+) n/s")]
    private static partial Regex StatisticsLine();

    /// <summary>Writes <paramref name="weights"/> as Leela Zero text (what <c>gozero net convert</c> writes) to a
    /// temporary .txt.gz file and returns its path.</summary>
    public static string ExportWeights(NetworkWeights weights)
    {
        string path = Path.Combine(Path.GetTempPath(), $"gozero-bench-{Environment.ProcessId}-{Guid.NewGuid():N}.txt.gz");
        LeelaZeroFormat.Write(weights, path);
        return path;
    }

    public void Dispose() => leelaz.Dispose();
}
