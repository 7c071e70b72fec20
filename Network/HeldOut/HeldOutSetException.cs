namespace GoZero.Network.HeldOut;

/// <summary>A folder given as a held-out test set that holds nothing to test on: no SGF file, no training chunk, or
/// no game or position kept. The message names the folder and says what it lacks.</summary>
public sealed class HeldOutSetException : IOException
{
    public string Folder { get; }

    public string Reason { get; }

    public HeldOutSetException(string folder, string reason)
        : base($"{folder}: {reason}")
    {
        Folder = folder;
        Reason = reason;
    }
}
