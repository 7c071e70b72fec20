namespace GoZero.Cli.Benchmarks;

/// <summary>The median the benchmarks report: robust to the odd slow run on a shared machine.</summary>
public static class Median
{
    /// <summary>The middle value, or the mean of the two middle ones; NaN for no values.</summary>
    public static double Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
