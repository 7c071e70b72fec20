namespace GoZero.Network.Tests;

/// <summary>Seeded random networks and inputs for the forward-pass tests.</summary>
public static class TestNetworks
{
    public static int PlanesPerPosition(NetworkShape shape) => NetworkShape.InputPlanes * shape.Area;

    /// <summary>A random network whose batch norms do something: random biases and means, variances in [0.5, 2].</summary>
    public static NetworkWeights WithBatchNorm(NetworkShape shape, int seed)
    {
        var weights = NetworkWeights.Random(shape, seed);
        var random = new Random(seed + 1);
        foreach (var conv in weights.Convolutions)
        {
            for (int o = 0; o < conv.Outputs; o++)
            {
                conv.Biases[o] = (float)(random.NextDouble() - 0.5);
                conv.Means[o] = (float)(random.NextDouble() - 0.5);
                conv.Variances[o] = (float)(0.5 + 1.5 * random.NextDouble());
            }
        }
        foreach (var dense in weights.Dense)
            for (int o = 0; o < dense.Outputs; o++) dense.Biases[o] = (float)(0.2 * (random.NextDouble() - 0.5));
        return weights;
    }

    /// <summary>Random stones in the 16 history planes (about a third of the points each) and a side to move.</summary>
    public static float[] RandomPlanes(NetworkShape shape, int batch, int seed)
    {
        var random = new Random(seed);
        int area = shape.Area;
        var planes = new float[batch * PlanesPerPosition(shape)];
        for (int b = 0; b < batch; b++)
        {
            var position = planes.AsSpan(b * PlanesPerPosition(shape), PlanesPerPosition(shape));
            for (int i = 0; i < 16 * area; i++) position[i] = random.Next(3) == 0 ? 1f : 0f;
            position.Slice((random.Next(2) == 0 ? 16 : 17) * area, area).Fill(1f);
        }
        return planes;
    }

    /// <summary>One forward pass of a network with the auxiliary heads into fresh arrays, every head asked for.</summary>
    public static (float[] Logits, float[] Values, float[] Ownership, float[] Scores) RunAll(IInferenceModel model, float[] planes, int batch)
    {
        var logits = new float[batch * model.Description.Shape.PolicySize];
        var values = new float[batch];
        var ownership = new float[batch * model.Description.Shape.Area];
        var scores = new float[batch];
        model.Forward(planes, batch, new ModelOutputs(logits, values, ownership, scores));
        return (logits, values, ownership, scores);
    }

    /// <summary>One forward pass into fresh arrays.</summary>
    public static (float[] Logits, float[] Values) Run(IInferenceModel model, float[] planes, int batch)
    {
        var logits = new float[batch * model.Description.Shape.PolicySize];
        var values = new float[batch];
        model.Forward(planes, batch, new ModelOutputs(logits, values));
        return (logits, values);
    }
}
