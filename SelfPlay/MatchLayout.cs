using System.Globalization;

namespace GoZero.SelfPlay;

/// <summary>
/// Every path of a match's folder (<c>gozero match --out</c>, and each gating match of a training run,
/// <see cref="RunLayout.GatingMatchFolder"/>): the ledger, match.json, and one SGF per game, game-NNNN.sgf.
/// </summary>
public sealed record MatchLayout(string Folder)
{
    public const string LedgerFileName = "match.json";

    public string LedgerPath => Path.Combine(Folder, LedgerFileName);

    /// <summary>The record of game <paramref name="number"/> (from 1), as the ledger names it.</summary>
    public static string GameFileName(int number) => $"game-{number.ToString("D4", CultureInfo.InvariantCulture)}.sgf";

    /// <summary>The path of a game the ledger names <paramref name="fileName"/>.</summary>
    public string GamePath(string fileName) => Path.Combine(Folder, fileName);
}
