using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using GoZero.Engine;
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
    private readonly Process process;
    private readonly List<string> errorLines = [];
    private readonly object errorGate = new();

    public sealed record Result(string Position, int Threads, int Visits, double PlayoutsPerSecond, double WallVisitsPerSecond, IReadOnlyList<double> RunPlayoutsPerSecond);

    private LeelaZeroBaseline(string executable, string weightsPath, int threads, int visits, int seed)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[]
                 {
                     "--gtp", "--cpu-only", "--noponder", "--timemanage", "off", "--resignpct", "0",
                     "-t", threads.ToString(CultureInfo.InvariantCulture), "-v", visits.ToString(CultureInfo.InvariantCulture),
                     "-s", seed.ToString(CultureInfo.InvariantCulture), "-w", weightsPath,
                 })
            start.ArgumentList.Add(argument);
        process = Process.Start(start) ?? throw new IOException($"could not start {executable}");
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (errorGate) errorLines.Add(e.Data);
        };
        process.BeginErrorReadLine();
        Threads = threads;
        Visits = visits;
        Command("time_settings 0 1 0");
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
        Command($"boardsize {position.Size}");
        Command("clear_board");
        Command(string.Create(CultureInfo.InvariantCulture, $"komi {position.Rules.Komi}"));
        for (int i = 0; i < position.MoveCount; i++)
            Command($"play {position.Players[i].ToLetter()} {Vertex.ToGtp(position.Moves[i], position.Geometry)}");
        lock (errorGate) errorLines.Clear();
        var clock = Stopwatch.StartNew();
        Command($"genmove {position.ToMove.ToLetter()}");
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

    /// <summary>Sends one GTP command and returns its answer; a '?' answer or leelaz exiting throws.</summary>
    private string Command(string command)
    {
        process.StandardInput.WriteLine(command);
        process.StandardInput.Flush();
        string? first;
        do first = process.StandardOutput.ReadLine();
        while (first is not null && first.Length == 0);
        if (first is null) throw new IOException($"leelaz exited during '{command}': {LastErrors()}");
        var answer = first;
        string? line;
        while ((line = process.StandardOutput.ReadLine()) is { Length: > 0 }) answer += "\n" + line;
        if (!first.StartsWith('=')) throw new IOException($"leelaz refused '{command}': {answer}");
        return answer;
    }

    private string LastErrors()
    {
        lock (errorGate) return string.Join(" | ", errorLines.TakeLast(5));
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

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.StandardInput.WriteLine("quit");
                process.StandardInput.Flush();
                if (!process.WaitForExit(5000)) process.Kill();
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
            // Already gone.
        }
        process.Dispose();
    }
}
