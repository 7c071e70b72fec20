using System.Globalization;
using System.Text;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp;

/// <summary>
/// The line an analysis command prints for a snapshot, in either engine's format; both share the <c>info move …
/// visits …</c> frame and the principal variation, and differ in the fields between.
/// <para><c>lz-analyze</c>, as Leela Zero's GTP.cpp prints it:
/// <c>info move D4 visits 120 winrate 5234 prior 1123 lcb 5100 order 0 pv D4 Q16 info move …</c>, win rate, prior
/// and LCB in units of 1/10000, rounded.</para>
/// <para><c>kata-analyze</c>, as KataGo's docs/GTP_Extensions.md specifies it:
/// <c>info move D4 visits 120 utility 0.0468 winrate 0.5234 scoreMean 1.5 scoreLead 1.5 prior 0.1123 lcb 0.51 order 0
/// pv D4 Q16 …</c>, fractions as decimals, all from the analysed player's view; then, when asked, <c>ownership</c> and
/// N² values from that player's view, row by row from the top left (A19 on 19×19) to the bottom right. The utility is
/// the value, 2·winrate − 1 (our search maximises the win rate alone; KataGo's adds a score term). scoreMean and
/// scoreLead are both the mean score estimate (<see cref="AnalysisMove.ScoreLead"/>; KataGo documents scoreMean as the
/// same number, kept for older tools); a network without a score head prints neither, and no network has the
/// distribution KataGo's scoreStdev comes from, so it is never printed: consumers must take fields as optional
/// (KataGo's docs ask them to), and Sabaki, which prefers kata-analyze where it is listed, then shows the win rates
/// alone.</para>
/// </summary>
public static class AnalysisLine
{
    public static string Format(SearchAnalysis analysis, BoardGeometry geometry) => Format(analysis.Moves, geometry);

    public static string Format(IReadOnlyList<AnalysisMove> moves, BoardGeometry geometry) =>
        FormatMoves(moves, geometry, static (line, move) => line.Append(CultureInfo.InvariantCulture,
            $" winrate {Units(move.WinRate)} prior {Units(move.Prior)} lcb {Units(move.Lcb)}"));

    /// <summary>kata-analyze's line for <paramref name="player"/>, the player to move in the analysed position;
    /// with <paramref name="ownership"/> and an analysis that has it, the ownership after the moves.</summary>
    public static string FormatKataGo(SearchAnalysis analysis, BoardGeometry geometry, Color player, bool ownership)
    {
        string line = FormatKataGo(analysis.Moves, geometry);
        if (!ownership || analysis.BlackOwnership is not { } blackOwnership) return line;
        var text = new StringBuilder(line).Append(" ownership");
        float sign = player == Color.Black ? 1 : -1;
        int size = geometry.Size;
        for (int y = size - 1; y >= 0; y--)
            for (int x = 0; x < size; x++)
                text.Append(' ').Append(Decimal(sign * blackOwnership[y * size + x]));
        return text.ToString();
    }

    public static string FormatKataGo(IReadOnlyList<AnalysisMove> moves, BoardGeometry geometry) =>
        FormatMoves(moves, geometry, static (line, move) =>
        {
            line.Append(" utility ").Append(Decimal(2 * move.WinRate - 1)).Append(" winrate ").Append(Decimal(move.WinRate));
            if (move.ScoreLead is { } lead)
                line.Append(" scoreMean ").Append(Decimal(lead)).Append(" scoreLead ").Append(Decimal(lead));
            line.Append(" prior ").Append(Decimal(move.Prior)).Append(" lcb ").Append(Decimal(move.Lcb));
        });

    private static string FormatMoves(IReadOnlyList<AnalysisMove> moves, BoardGeometry geometry, Action<StringBuilder, AnalysisMove> fields)
    {
        var line = new StringBuilder();
        foreach (var move in moves)
        {
            if (line.Length > 0) line.Append(' ');
            line.Append(CultureInfo.InvariantCulture, $"info move {Vertex.ToGtp(move.Move, geometry)} visits {move.Visits}");
            fields(line, move);
            line.Append(CultureInfo.InvariantCulture, $" order {move.Order} pv");
            foreach (var pvMove in move.PrincipalVariation) line.Append(' ').Append(Vertex.ToGtp(pvMove, geometry));
        }
        return line.ToString();
    }

    private static int Units(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 10000);

    /// <summary>Up to 6 decimals, no exponent, no "-0" (adding 0.0 turns −0 into +0).</summary>
    private static string Decimal(double value) => (Math.Round(value, 6) + 0.0).ToString("0.######", CultureInfo.InvariantCulture);
}
