using GoZero.Engine;

namespace GoZero.Network.Import;

/// <summary>Which read records make training samples: even games of the import's board size, with a winner known (or a
/// draw), at least a minimum of moves, Black and White moving in turn.</summary>
public static class ExpertGameFilter
{
    /// <summary>Why <paramref name="game"/> gives no samples, or null when it does. Reasons are tried in the order of
    /// <see cref="SkipReason"/>.</summary>
    public static SkipReason? Judge(SgfGame game, int boardSize, int minMoves)
    {
        if (game.Size != boardSize) return SkipReason.OtherBoardSize;
        if (game.Handicap > 0 || game.Setup.Count > 0 || game.FirstPlayer != Color.Black) return SkipReason.Handicap;
        if (!HasUsableResult(game.Result)) return SkipReason.NoUsableResult;
        if (game.Moves.Count < minMoves) return SkipReason.TooShort;
        if (MoveOutOfTurn(game.Moves) >= 0) return SkipReason.IllegalMove;
        return null;
    }

    /// <summary>Why a record read from a source gives no samples (an unreadable record included), or null when it
    /// does: the one judgement the import and the held-out test share, so that both keep the same games.
    /// <paramref name="warn"/> hears of an unreadable record and of a move out of turn, naming the file and line.</summary>
    public static SkipReason? Judge(ExpertRecord record, int boardSize, int minMoves, Action<string> warn)
    {
        if (record.Game is not { } game)
        {
            warn(record.Problem ?? $"{record.Location}: unreadable");
            return record.Unreadable ?? SkipReason.Malformed;
        }
        var reason = Judge(game, boardSize, minMoves);
        if (reason == SkipReason.IllegalMove && MoveOutOfTurn(game.Moves) is int turn and >= 0)
            warn($"{record.Location}: {game.Moves[turn].Player} moves out of turn at move {turn + 1}");
        return reason;
    }

    /// <summary>A counted result or a resignation (a draw included); not a loss on time or by forfeit, which says
    /// little about the position, and not an unknown result.</summary>
    public static bool HasUsableResult(GameResult? result) => result is { Kind: ResultKind.Score or ResultKind.Resignation };

    /// <summary>Black first, then the players in turn. The reader replays a record as written and the engine lets a
    /// player move out of turn (GTP may); a sample's side to move must be the expert's, so a record that skips a turn
    /// is refused.</summary>
    /// <returns>The index of the first move out of turn, or -1.</returns>
    public static int MoveOutOfTurn(IReadOnlyList<SgfMove> moves)
    {
        var expected = Color.Black;
        for (int i = 0; i < moves.Count; i++)
        {
            if (moves[i].Player != expected) return i;
            expected = expected.Opponent();
        }
        return -1;
    }
}
