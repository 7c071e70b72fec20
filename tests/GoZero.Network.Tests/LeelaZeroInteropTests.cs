using System.Diagnostics;

namespace GoZero.Network.Tests;

/// <summary>Networks GoZero writes, read by the real Leela Zero 0.17 (Debian's leela-zero: /usr/games/leelaz).
/// External: not run by default.</summary>
[Trait("Category", "External")]
public sealed class LeelaZeroInteropTests : IDisposable
{
    private const string Leelaz = "/usr/games/leelaz";
    private readonly string folder = Directory.CreateTempSubdirectory("gozero-leelaz-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>leelaz's answers to GTP commands, less the lines that differ between runs (thread count, RNG seed).</summary>
    private static string RunLeelaz(string weights, string commands)
    {
        Assert.True(File.Exists(Leelaz), $"{Leelaz} is missing: apt-get install leela-zero");
        var start = new ProcessStartInfo(Leelaz, ["--gtp", "--cpu-only", "--noponder", "-t", "1", "-w", weights])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(commands + "\nquit\n");
        process.StandardInput.Close();
        string output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), "leelaz did not finish within a minute");
        var lines = (output + error.Result).Split('\n')
            .Where(l => !l.StartsWith("RNG seed", StringComparison.Ordinal) && !l.StartsWith("Using ", StringComparison.Ordinal));
        return string.Join('\n', lines);
    }

    private const string Heatmaps = "play b Q16\nplay w D4\nplay b pass\nheatmap\nheatmap average";

    [Fact]
    public void TheFixtureWrittenBackGivesLeelazTheSameOutputs()
    {
        var weights = LeelaZeroFormat.Read(LeelaZeroFixture.RandomTwoBySixteen);
        string plain = Path.Combine(folder, "copy.txt");
        string gzip = Path.Combine(folder, "copy.txt.gz");
        LeelaZeroFormat.Write(weights, plain);
        LeelaZeroFormat.Write(weights, gzip);

        string expected = RunLeelaz(LeelaZeroFixture.RandomTwoBySixteen, Heatmaps);

        Assert.Contains("winrate:", expected);
        Assert.Equal(expected, RunLeelaz(plain, Heatmaps));
        Assert.Equal(expected, RunLeelaz(gzip, Heatmaps));
    }

    [Fact]
    public void ASeededRandomNetworkOfOurOwnLoadsInLeelaz()
    {
        string path = Path.Combine(folder, "random.txt.gz");
        LeelaZeroFormat.Write(NetworkWeights.Random(new NetworkShape(19, 3, 24), seed: 4), path);

        string output = RunLeelaz(path, Heatmaps);

        Assert.Contains("v1...24 channels...3 blocks", output);
        Assert.Contains("winrate:", output);
    }

    [Fact]
    public void ANetworkWeExportGivesLeelazTheOutputsWeCompute()
    {
        var weights = NetworkWeights.Random(new NetworkShape(19, 3, 24), seed: 4);
        string path = Path.Combine(folder, "ours.txt.gz");
        LeelaZeroFormat.Write(weights, path);
        var game = new GoZero.Engine.Game(19);
        game.Play(GoZero.Engine.Color.Black, GoZero.Engine.Vertex.ParseGtp("Q16", game.Geometry));
        game.Play(GoZero.Engine.Color.White, GoZero.Engine.Vertex.ParseGtp("D4", game.Geometry));

        using var net = ModelFactory.OpenInference(weights);
        var ours = new NetworkEvaluator(net).Evaluate(game);
        var lines = RunLeelaz(path, "play b Q16\nplay w D4\nheatmap").Split('\n');

        // heatmap prints permille rows from the top row (y = 18) down, truncated to an integer, 0 on occupied points,
        // then "pass: N" and "winrate: W" (six decimals).
        var rows = lines.Where(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is { Length: 19 } cells && cells.All(c => int.TryParse(c, out _))).ToList();
        Assert.Equal(19, rows.Count);
        for (int r = 0; r < 19; r++)
        {
            var cells = rows[r].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray();
            for (int x = 0; x < 19; x++)
            {
                int point = game.Geometry.PointAt(x, 18 - r);
                double permille = game.Current[point] == GoZero.Engine.Color.Empty ? ours.Policy[(18 - r) * 19 + x] * 1000 : 0;
                Assert.InRange(permille - cells[x], -0.01, 1.01);
            }
        }
        double winRate = double.Parse(lines.Single(l => l.StartsWith("winrate:", StringComparison.Ordinal))["winrate:".Length..],
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(ours.WinRate - winRate, -1e-5, 1e-5);
    }
}
