namespace GoZero.Mcts;

/// <summary>Samples Dir(α, …, α) for the root's priors (AlphaGo Zero, Methods, "Self-play").</summary>
public static class DirichletNoise
{
    /// <summary><paramref name="count"/> non-negative numbers summing to 1; uniform if every gamma draw underflows.</summary>
    public static double[] Sample(Random random, double alpha, int count)
    {
        var sample = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) sum += sample[i] = Gamma(random, alpha);
        for (int i = 0; i < count; i++) sample[i] = sum > 0 ? sample[i] / sum : 1.0 / count;
        return sample;
    }

    /// <summary>Gamma(α, 1) by Marsaglia and Tsang (2000); for α &lt; 1, Gamma(α+1)·U^(1/α).</summary>
    private static double Gamma(Random random, double alpha)
    {
        if (alpha < 1) return Gamma(random, alpha + 1) * Math.Pow(1 - random.NextDouble(), 1 / alpha);
        double d = alpha - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(random);
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = 1 - random.NextDouble();
            if (Math.Log(u) < 0.5 * x * x + d - d * v + d * Math.Log(v)) return d * v;
        }
    }

    private static double Normal(Random random)
    {
        double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
