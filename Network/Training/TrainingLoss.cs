namespace GoZero.Network.Training;

/// <summary>
/// AlphaGo Zero's loss l = (z − v)² − πᵀ log p + c‖θ‖² (Silver et al. 2017, "Mastering the game of Go without human
/// knowledge", equation 1) for one batch, term by term: <see cref="Value"/> and <see cref="Policy"/> are means over
/// the batch, <see cref="Regularization"/> is c‖θ‖² over every trainable parameter before the step.
/// <see cref="Value"/> is the unweighted mean squared error, comparable across runs; <see cref="Total"/>, the loss
/// the step descends, weighs it by <see cref="ValueWeight"/> (see <see cref="TrainingOptions.ValueWeight"/>).
/// </summary>
public sealed record TrainingLoss(double Value, double Policy, double Regularization, double ValueWeight = 1)
{
    public double Total => ValueWeight * Value + Policy + Regularization;

    public override string ToString() => $"total {Total:0.0000} (policy {Policy:0.0000}, value {Value:0.0000}, regularization {Regularization:0.0000})";
}
