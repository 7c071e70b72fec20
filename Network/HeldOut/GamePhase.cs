namespace GoZero.Network.HeldOut;

/// <summary>
/// The part of a game a position is from, by the number of the move to predict (from 1). Openings follow joseki and
/// fuseki and are far easier to predict than the fights after them (the AlphaGo paper's 57 % was over all moves), so
/// the held-out figures are also given per phase: a network that has learnt only openings shows it here.
/// </summary>
public enum GamePhase
{
    /// <summary>Moves 1–30.</summary>
    Opening,

    /// <summary>Moves 31–100.</summary>
    Middlegame,

    /// <summary>Moves 101 on.</summary>
    Endgame,
}

public static class GamePhases
{
    public const int OpeningLastMove = 30;
    public const int MiddlegameLastMove = 100;

    /// <summary>The phase of the move numbered <paramref name="moveNumber"/> (1 for the game's first move).</summary>
    public static GamePhase Of(int moveNumber) =>
        moveNumber <= OpeningLastMove ? GamePhase.Opening
        : moveNumber <= MiddlegameLastMove ? GamePhase.Middlegame
        : GamePhase.Endgame;

    /// <summary>The moves of the phase, as the report names it: "1-30", "31-100", "101+".</summary>
    public static string Moves(this GamePhase phase) => phase switch
    {
        GamePhase.Opening => $"1-{OpeningLastMove}",
        GamePhase.Middlegame => $"{OpeningLastMove + 1}-{MiddlegameLastMove}",
        _ => $"{MiddlegameLastMove + 1}+",
    };
}
