namespace GoZero.Engine;

/// <summary>Why a move may or may not be played.</summary>
public enum MoveLegality
{
    Legal,
    OffBoard,
    Occupied,
    Suicide,
    Ko,
    Superko,
    GameOver,
}

public static class MoveLegalityExtensions
{
    public static string Describe(this MoveLegality legality) => legality switch
    {
        MoveLegality.Legal => "legal",
        MoveLegality.OffBoard => "the point is off the board",
        MoveLegality.Occupied => "the point is occupied",
        MoveLegality.Suicide => "the move is suicide",
        MoveLegality.Ko => "the move retakes a ko immediately",
        MoveLegality.Superko => "the move repeats an earlier position (superko)",
        MoveLegality.GameOver => "the game is over",
        _ => legality.ToString(),
    };
}
