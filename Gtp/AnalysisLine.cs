using System.Globalization;
using System.Text;
using GoZero.Engine;
using GoZero.Mcts;

namespace GoZero.Gtp;

/// <summary>
/// The line <c>lz-analyze</c> prints for a snapshot, as Leela Zero's GTP.cpp does:
/// <c>info move D4 visits 120 winrate 5234 prior 1123 lcb 5100 order 0 pv D4 Q16 info move …</c>, win rate, prior
/// and LCB in units of 1/10000, rounded.
/// </summary>
public static class AnalysisLine
{
    public static string Format(SearchAnalysis analysis, BoardGeometry geometry) => Format(analysis.Moves, geometry);

    public static string Format(IReadOnlyList<AnalysisMove> moves, BoardGeometry geometry)
    {
        var line = new StringBuilder();
        foreach (var move in moves)
        {
            if (line.Length > 0) line.Append(' ');
            line.Append(CultureInfo.InvariantCulture,
                $"info move {Vertex.ToGtp(move.Move, geometry)} visits {move.Visits} winrate {Units(move.WinRate)} prior {Units(move.Prior)} lcb {Units(move.Lcb)} order {move.Order} pv");
            foreach (var pvMove in move.PrincipalVariation) line.Append(' ').Append(Vertex.ToGtp(pvMove, geometry));
        }
        return line.ToString();
    }

    private static int Units(double fraction) => (int)Math.Round(Math.Clamp(fraction, 0, 1) * 10000);
}
