namespace GoZero.Network;

/// <summary>A tensor kept in a checkpoint beside the weights, such as one of the optimizer's momentum buffers; its
/// name says what it belongs to.</summary>
public sealed record NamedTensor(string Name, float[] Values);
