namespace GoZero.Network.Import;

/// <summary>A folder an import refuses to write into: it holds an import made with other settings, training chunks no
/// import made, or an import.json that cannot be read. The message names the folder and says what to do.</summary>
public sealed class ImportFolderException : IOException
{
    public string Folder { get; }

    public string Reason { get; }

    public ImportFolderException(string folder, string reason, Exception? inner = null)
        : base($"{folder}: {reason}", inner)
    {
        Folder = folder;
        Reason = reason;
    }
}
