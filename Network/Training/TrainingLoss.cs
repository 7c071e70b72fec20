namespace GoZero.Network.Training;

/// <summary>
/// AlphaGo Zero's loss l = (z − v)² − πᵀ log p + c‖θ‖² (Silver et al. 2017, "Mastering the game of Go without human
/// knowledge", equation 1) for one batch, term by term, and KataGo's ownership and score terms for a network with those
/// heads (Wu 2019, "Accelerating Self-Play Learning in Go", section 4.1). <see cref="Value"/>, <see cref="Policy"/>,
/// <see cref="Ownership"/> and <see cref="Score"/> are means over the batch's rows, a row counting zero in a term whose
/// target it lacks (<see cref="TrainingBatch.HasPolicy"/>, <see cref="TrainingBatch.HasOwnership"/>,
/// <see cref="TrainingBatch.HasScore"/>); <see cref="Regularization"/> is c‖θ‖² over every trainable parameter before
/// the step. The terms are unweighted, comparable across runs; <see cref="Total"/>, the loss the step descends, weighs
/// them by <see cref="ValueWeight"/>, <see cref="OwnershipWeight"/> and <see cref="ScoreWeight"/>
/// (<see cref="TrainingOptions"/>).
/// </summary>
/// <param name="Ownership">Per row, the cross-entropy of the predicted (1 + o)/2 against the target (1 + t)/2, the mean
/// over the points; null for a network without the ownership head.</param>
/// <param name="Score">Per row, the Huber loss (δ = 1) of the score error in units of
/// <see cref="NetworkShape.ScoreScale"/> points; null for a network without the score head.</param>
public sealed record TrainingLoss(
    double Value,
    double Policy,
    double Regularization,
    double ValueWeight = 1,
    double? Ownership = null,
    double? Score = null,
    double OwnershipWeight = 0,
    double ScoreWeight = 0)
{
    public double Total => ValueWeight * Value + Policy + OwnershipWeight * (Ownership ?? 0) + ScoreWeight * (Score ?? 0) + Regularization;

    /// <summary>The data loss: <see cref="Total"/> without the regularization.</summary>
    public double Data => Total - Regularization;

    public override string ToString() =>
        $"total {Total:0.0000} (policy {Policy:0.0000}, value {Value:0.0000}{Auxiliary}, regularization {Regularization:0.0000})";

    /// <summary>", ownership X, score Y" for a network with those heads, else nothing: what progress lines append.</summary>
    public string Auxiliary => Ownership is null && Score is null ? "" : FormattableString.Invariant($", ownership {Ownership ?? 0:0.0000}, score {Score ?? 0:0.0000}");
}
