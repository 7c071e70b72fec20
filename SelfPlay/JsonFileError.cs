using System.Text.Json;

namespace GoZero.SelfPlay;

/// <summary>What is wrong with a run's JSON file, in words: System.Text.Json's own messages name .NET types and
/// buffer positions ("'o' is an invalid start of a property name. Expected a '\"'. Path: $ | LineNumber: 0 | …");
/// the setting and the place are what a user can act on.</summary>
public static class JsonFileError
{
    public static string Reason(JsonException e) =>
        e.Path is { Length: > 1 } at ? $"'{at.TrimStart('$', '.')}' has a value of the wrong type"
        : $"it is not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})";
}
