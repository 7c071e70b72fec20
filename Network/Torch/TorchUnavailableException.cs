namespace GoZero.Network.Torch;

/// <summary>
/// libtorch could not be loaded or the device asked for is not there. The message names the cause and the fix, for
/// the command line to print as it is.
/// </summary>
public sealed class TorchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
