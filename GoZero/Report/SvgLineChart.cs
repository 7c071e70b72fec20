using System.Globalization;
using System.Net;
using System.Text;

namespace GoZero.Cli.Report;

/// <summary>
/// A line chart drawn as inline SVG, so that a report is one self-contained HTML file that any browser opens with
/// no script and no network: axes with round tick values, one polyline (and dots) per series, error bars where a
/// series has intervals, a legend.
/// </summary>
public sealed class SvgLineChart(string title, string xLabel, string yLabel)
{
    private const int Width = 640, Height = 320, Left = 64, Right = 32, Top = 48, Bottom = 48;
    private static readonly string[] Colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

    private readonly List<(string Name, IReadOnlyList<(double X, double Y)> Points, bool Steps)> series = [];
    private readonly Dictionary<int, IReadOnlyList<(double X, double Low, double High)>> intervals = [];

    /// <summary>Adds a series; points with a non-finite coordinate are left out. <paramref name="steps"/> draws a
    /// staircase (a value that holds until the next point).</summary>
    public SvgLineChart Add(string name, IEnumerable<(double X, double Y)> points, bool steps = false)
    {
        series.Add((name, points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList(), steps));
        return this;
    }

    /// <summary>Adds a series with an interval around each point, drawn as an error bar. An infinite end (the open
    /// side of a sweep's Elo interval) runs to the edge of the plot; finite ends widen the axis to show them.</summary>
    public SvgLineChart AddWithIntervals(string name, IEnumerable<(double X, double Y, double Low, double High)> points)
    {
        var kept = points.Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y)).ToList();
        intervals[series.Count] = kept.Select(p => (p.X, p.Low, p.High)).ToList();
        return Add(name, kept.Select(p => (p.X, p.Y)));
    }

    public string ToSvg()
    {
        var all = series.SelectMany(s => s.Points)
            .Concat(intervals.Values.SelectMany(bars => bars.SelectMany(b => new[] { (X: b.X, Y: b.Low), (X: b.X, Y: b.High) })).Where(p => double.IsFinite(p.Y)))
            .ToList();
        var svg = new StringBuilder();
        svg.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Html(title)}\">"));
        // An opaque background: a standalone chart stays readable on a dark page (GitHub's dark theme, say).
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"20\" text-anchor=\"middle\" font-size=\"15\" font-weight=\"bold\">{Html(title)}</text>"));
        if (all.Count == 0)
        {
            svg.Append(Invariant($"<text x=\"{Width / 2}\" y=\"{Height / 2}\" text-anchor=\"middle\" fill=\"#888\">no data yet</text></svg>"));
            return svg.ToString();
        }
        var (xMin, xMax) = Range(all.Select(p => p.X));
        var (yMin, yMax) = Range(all.Select(p => p.Y));
        var xTicks = Ticks(xMin, xMax);
        var yTicks = Ticks(yMin, yMax);
        (xMin, xMax) = (Math.Min(xMin, xTicks[0]), Math.Max(xMax, xTicks[^1]));
        (yMin, yMax) = (Math.Min(yMin, yTicks[0]), Math.Max(yMax, yTicks[^1]));
        double PlotX(double x) => Left + (x - xMin) / (xMax - xMin) * (Width - Left - Right);
        double PlotY(double y) => Height - Bottom - (y - yMin) / (yMax - yMin) * (Height - Top - Bottom);

        svg.Append("<g font-size=\"11\" fill=\"#333\">");
        foreach (double t in yTicks)
            svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{PlotY(t):0.#}\" y2=\"{PlotY(t):0.#}\" stroke=\"#e4e4e4\"/><text x=\"{Left - 6}\" y=\"{PlotY(t) + 4:0.#}\" text-anchor=\"end\">{Format(t)}</text>"));
        foreach (double t in xTicks)
            svg.Append(Invariant($"<text x=\"{PlotX(t):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\">{Format(t)}</text>"));
        svg.Append(Invariant($"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/><line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>"));
        svg.Append(Invariant($"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">{Html(xLabel)}</text>"));
        svg.Append(Invariant($"<text transform=\"translate(14 {(Top + Height - Bottom) / 2}) rotate(-90)\" text-anchor=\"middle\">{Html(yLabel)}</text>"));
        svg.Append("</g>");

        for (int i = 0; i < series.Count; i++)
        {
            var (name, points, steps) = series[i];
            string colour = Colours[i % Colours.Length];
            var path = new StringBuilder();
            for (int p = 0; p < points.Count; p++)
            {
                if (steps && p > 0) path.Append(Invariant($"{PlotX(points[p].X):0.#},{PlotY(points[p - 1].Y):0.#} "));
                path.Append(Invariant($"{PlotX(points[p].X):0.#},{PlotY(points[p].Y):0.#} "));
            }
            svg.Append(Invariant($"<polyline fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\" points=\"{path.ToString().TrimEnd()}\"/>"));
            if (intervals.TryGetValue(i, out var bars))
                foreach (var (x, low, high) in bars)
                {
                    double top = PlotY(Math.Min(high, yMax)), bottom = PlotY(Math.Max(low, yMin)), px = PlotX(x);
                    svg.Append(Invariant($"<path d=\"M{px - 3:0.#},{top:0.#}h6M{px:0.#},{top:0.#}V{bottom:0.#}M{px - 3:0.#},{bottom:0.#}h6\" stroke=\"{colour}\" stroke-width=\"1\" fill=\"none\"/>"));
                }
            if (points.Count <= 200)
                foreach (var point in points)
                    svg.Append(Invariant($"<circle cx=\"{PlotX(point.X):0.#}\" cy=\"{PlotY(point.Y):0.#}\" r=\"2.5\" fill=\"{colour}\"><title>{Html(name)}: {Format(point.X)}, {Format(point.Y)}</title></circle>"));
            int legendX = Left + 12 + 150 * i;
            svg.Append(Invariant($"<rect x=\"{legendX}\" y=\"{Top - 18}\" width=\"12\" height=\"3\" fill=\"{colour}\"/><text x=\"{legendX + 16}\" y=\"{Top - 14}\" font-size=\"11\">{Html(name)}</text>"));
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static (double Min, double Max) Range(IEnumerable<double> values)
    {
        double min = values.Min(), max = values.Max();
        if (max - min < 1e-9) { min -= 1; max += 1; }
        return (min, max);
    }

    /// <summary>About five ticks at 1, 2 or 5 times a power of ten, covering [min, max].</summary>
    public static double[] Ticks(double min, double max)
    {
        double raw = (max - min) / 5;
        double power = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        double first = Math.Floor(min / step) * step;
        var ticks = new List<double>();
        for (double t = first; t <= max + step * 0.999; t += step) ticks.Add(Math.Round(t / step) * step);
        return ticks.ToArray();
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 10000 ? value.ToString("#,0", CultureInfo.InvariantCulture)
        : Math.Abs(value - Math.Round(value)) < 1e-9 ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Html(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
