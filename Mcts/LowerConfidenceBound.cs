namespace GoZero.Mcts;

/// <summary>
/// The lower confidence bound of a move's win rate, as Leela Zero computes it (UCTNode::get_eval_lcb,
/// Utils::cached_t_quantile): mean − t·stddev/√n, where the standard deviation is that of the values backed up through
/// the move, kept by Welford's algorithm (UCTNode::update), and t is Student's t quantile with n − 1 degrees of freedom
/// at one-sided significance <see cref="Alpha"/> (cfg_ci_alpha = 1e-5). A move picked by it is one the search is sure
/// of, not merely one it looked at most (Leela Zero 0.17, KataGo's "LCB for move selection").
/// </summary>
public static class LowerConfidenceBound
{
    /// <summary>One-sided significance of the bound: Leela Zero's cfg_ci_alpha.</summary>
    public const double Alpha = 1e-5;

    /// <summary>Degrees of freedom tabulated; above them the quantile is flat enough to use the last entry (Leela Zero's
    /// z_entries).</summary>
    private const int TableEntries = 1000;

    private static readonly double[] TQuantiles = BuildTable();

    /// <summary>The value Leela Zero gives a move of fewer than 2 visits, −1e6 + visits: below every real bound, more
    /// visits still ranking higher.</summary>
    private static double Unknown(int visits) => -1e6 + visits;

    /// <summary>
    /// The bound of the win rate (1 + Q)/2 of a move of <paramref name="visits"/> visits, mean value
    /// <paramref name="q"/> in [−1, 1] and sample variance <paramref name="variance"/> of its backed-up values (in value
    /// units, so the win rate's variance is a quarter of it); <see cref="Unknown"/> under 2 visits. May be negative.
    /// </summary>
    public static double OfWinRate(double q, double variance, int visits)
    {
        if (visits < 2) return Unknown(visits);
        double stddev = Math.Sqrt(Math.Max(variance, 0) / 4 / visits);
        return (1 + q) / 2 - TQuantile(visits - 1) * stddev;
    }

    /// <summary>The sample variance of <paramref name="visits"/> values whose squared deviations from their mean sum to
    /// <paramref name="squaredDeviationSum"/> (Welford's M2); 0 under 2 values.</summary>
    public static double Variance(double squaredDeviationSum, int visits) =>
        visits > 1 ? Math.Max(squaredDeviationSum, 0) / (visits - 1) : 0;

    /// <summary>
    /// What adding <paramref name="value"/> to <paramref name="count"/> values that sum to <paramref name="sum"/> adds to
    /// their squared deviation sum: (x − old mean)(x − new mean), Welford's update as Leela Zero's UCTNode::update makes
    /// it; 0 for the first value.
    /// </summary>
    public static double SquaredDeviationIncrement(double sum, int count, double value) =>
        count > 0 ? (value - sum / count) * (value - (sum + value) / (count + 1)) : 0;

    /// <summary>Student's t with <paramref name="degreesOfFreedom"/> exceeds this with probability <see cref="Alpha"/>.</summary>
    public static double TQuantile(int degreesOfFreedom) =>
        TQuantiles[Math.Clamp(degreesOfFreedom, 1, TableEntries) - 1];

    private static double[] BuildTable()
    {
        var table = new double[TableEntries];
        for (int v = 1; v <= TableEntries; v++) table[v - 1] = UpperQuantile(v, Alpha);
        return table;
    }

    /// <summary>t with P(T &gt; t) = <paramref name="tail"/> for <paramref name="v"/> degrees of freedom: P(T &gt; t) =
    /// ½·I_x(v/2, ½) with x = v/(v + t²), solved for x by bisection (I_x rises with x).</summary>
    private static double UpperQuantile(int v, double tail)
    {
        double a = v / 2.0, low = 0, high = 1;
        for (int i = 0; i < 200 && high - low > 1e-300; i++)
        {
            double mid = (low + high) / 2;
            if (RegularizedIncompleteBeta(mid, a, 0.5) < 2 * tail) low = mid; else high = mid;
        }
        double x = (low + high) / 2;
        return Math.Sqrt(v * (1 - x) / x);
    }

    /// <summary>I_x(a, b) by its continued fraction (Numerical Recipes, betai/betacf), on the side where it converges.</summary>
    private static double RegularizedIncompleteBeta(double x, double a, double b)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * ContinuedFraction(x, a, b) / a
            : 1 - front * ContinuedFraction(1 - x, b, a) / b;
    }

    private static double ContinuedFraction(double x, double a, double b)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 1000; m++)
        {
            int m2 = 2 * m;
            double step = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + step * d; d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + step / c; if (Math.Abs(c) < Tiny) c = Tiny;
            h *= d * c;
            step = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + step * d; d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
            c = 1 + step / c; if (Math.Abs(c) < Tiny) c = Tiny;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-15) break;
        }
        return h;
    }

    /// <summary>ln Γ(z) for z &gt; 0 by Lanczos' approximation (g = 7, 9 terms; relative error about 1e-15).</summary>
    private static double LogGamma(double z)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (z < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * z)) - LogGamma(1 - z);
        z -= 1;
        double sum = c[0];
        for (int i = 1; i < c.Length; i++) sum += c[i] / (z + i);
        double t = z + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
