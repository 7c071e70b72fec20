using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>
/// What decides a match player's strength, as named values that the match ledger records beside the player's name:
/// for GoZero's search every <see cref="SearchOptions"/> and <see cref="MovePolicyOptions"/> value and what its leaves
/// are evaluated with (a network by its SHA-256, so that another network saved under the same file name is told apart;
/// the rollout evaluator by its settings), for an external engine its command line and move time limit. A match
/// resumed with any of them changed is refused (see <see cref="Match"/>): its games would count two different players
/// as one.
/// </summary>
public sealed class MatchPlayerSettings
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The value a ledger that lacks a name had for it: the move choice's settings were the search's until they moved
    /// to <see cref="MovePolicyOptions"/>, and a match player then played by the search's temperature 0 (the most
    /// visited move), a setting no more, never by temperature in the opening, resigned in every game and judged its
    /// passes with the dead stones taken off; until LCB selection came, it played the most visited move. A match begun
    /// then continues with the same settings now.
    /// </summary>
    private static readonly Dictionary<string, string> Implied = new(StringComparer.Ordinal)
    {
        ["temperature"] = "0",
        ["temperatureMoves"] = "0",
        ["noResignShare"] = "0",
        ["passScoring"] = nameof(PassScoring.JudgedDeadStones),
        ["lcbSelection"] = "false",
    };

    public MatchPlayerSettings(IEnumerable<KeyValuePair<string, string>> values) =>
        Values = new SortedDictionary<string, string>(values.ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);

    /// <summary>Setting name → value, in ordinal order of the names.</summary>
    public IReadOnlyDictionary<string, string> Values { get; }

    /// <summary>GoZero's search over a network, known by the SHA-256 of its file; with λ &gt; 0 its values mixed with
    /// <paramref name="rollouts"/>' (<see cref="MixedValueEvaluator"/>). λ = 0 adds nothing, so that a ledger written
    /// before λ existed still matches a network player without it.</summary>
    public static MatchPlayerSettings Network(string sha256, SearchOptions search, MovePolicyOptions movePolicy, double lambda = 0,
                                              RolloutEvaluator? rollouts = null)
    {
        var values = Flatten(search).Concat(Flatten(movePolicy)).Append(new("evaluator", "network")).Append(new("networkSha256", sha256));
        if (lambda > 0)
        {
            ArgumentNullException.ThrowIfNull(rollouts);
            values = values.Append(new("lambda", lambda.ToString("R", CultureInfo.InvariantCulture)))
                           .Append(new("rolloutsPerLeaf", rollouts.Playouts.ToString(CultureInfo.InvariantCulture)));
        }
        return new(values);
    }

    /// <summary>GoZero's search over random rollouts.</summary>
    public static MatchPlayerSettings Rollout(RolloutEvaluator evaluator, SearchOptions search, MovePolicyOptions movePolicy) =>
        new(Flatten(search).Concat(Flatten(movePolicy)).Append(new("evaluator", "rollout")).Append(new("rolloutsPerLeaf", evaluator.Playouts.ToString(CultureInfo.InvariantCulture))));

    /// <summary>An external GTP engine: its program and arguments, as they are started, and how long it may think.</summary>
    public static MatchPlayerSettings Engine(string program, IEnumerable<string> arguments, TimeSpan moveTimeout) => new(
    [
        new("engine", string.Join(' ', arguments.Prepend(program).Select(Quoted))),
        new("moveTimeoutSeconds", moveTimeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)),
    ]);

    /// <summary>The values of an options record by JSON name, nested ones as "outer.inner", null as "default".</summary>
    internal static IEnumerable<KeyValuePair<string, string>> Flatten(object options) => Flatten(JsonSerializer.SerializeToNode(options, options.GetType(), Json), "");

    /// <summary>"NAME: OLD then, NEW now" for each name whose value differs between <paramref name="then"/> (what a
    /// ledger recorded) and <paramref name="now"/>, a name missing on one side counting as its <see cref="Implied"/>
    /// value, else "none".</summary>
    internal static IEnumerable<string> Differences(IReadOnlyDictionary<string, string> then, IReadOnlyDictionary<string, string> now, string prefix = "")
    {
        foreach (string name in then.Keys.Union(now.Keys).Order(StringComparer.Ordinal))
        {
            string old = then.GetValueOrDefault(name) ?? Implied.GetValueOrDefault(name) ?? "none";
            string current = now.GetValueOrDefault(name) ?? Implied.GetValueOrDefault(name) ?? "none";
            if (old != current) yield return $"{prefix}{name} {old} then, {current} now";
        }
    }

    private static IEnumerable<KeyValuePair<string, string>> Flatten(JsonNode? node, string name) => node switch
    {
        JsonObject properties => properties.SelectMany(p => Flatten(p.Value, name.Length == 0 ? p.Key : $"{name}.{p.Key}")),
        null => [new(name, "default")],
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [new(name, value.GetValue<string>())],
        _ => [new(name, node.ToJsonString())],
    };

    // Quoted as CommandLineWords splits them, so that "a b" as one word is not read as two.
    private static string Quoted(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c is '\'' or '"') ? word
        : word.Contains('\'') ? $"\"{word}\"" : $"'{word}'";
}
