using System.Text.Json;
using System.Text.Json.Nodes;

namespace GoZero.Cli.Benchmarks;

/// <summary>
/// What the net, train and mcts suites print. As text: a header, a row per measurement as soon as it is made (so that
/// a long sweep shows its progress) and the load average after the runs. With --json: nothing until one object at the
/// end, the suite's summary followed by the load average before and after and a row per measurement.
/// </summary>
public sealed class BenchmarkReport(TextWriter output, bool json)
{
    private readonly JsonArray rows = new();

    /// <summary>The load average before the runs: read when the report starts.</summary>
    public string LoadBefore { get; } = LoadAverage.Read();

    /// <summary>The text's first lines: what is measured, and the column names.</summary>
    public void Header(string title, string columns)
    {
        if (json) return;
        output.WriteLine(title);
        output.WriteLine(columns);
    }

    /// <summary>One measurement, as a JSON row or a text line.</summary>
    public void Add(JsonObject row, string line)
    {
        if (json) rows.Add(row);
        else output.WriteLine(line);
    }

    public void Finish(JsonObject summary)
    {
        if (json)
        {
            summary["load_average_before"] = LoadBefore;
            summary["load_average_after"] = LoadAverage.Read();
            summary["results"] = rows;
            output.WriteLine(summary.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
        }
        else
        {
            output.WriteLine($"load average after: {LoadAverage.Read()}");
        }
    }
}
