namespace GoZero.Network;

/// <summary>How positions are turned into a model's input.</summary>
public enum InputEncoding
{
    /// <summary>Leela Zero's 18 planes of N² (<see cref="InputPlanes"/>).</summary>
    LeelaZeroPlanes,
}
