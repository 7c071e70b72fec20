namespace GoZero.Engine.Tests;

/// <summary>End positions of real games, drawn for <see cref="Diagram"/>: shared by the Engine's and the search's tests.</summary>
public static class EndPositions
{
    // The ends of two 9×9 games of GoZero (Black) against GNU Go level 1 where both players passed (issue 20's
    // level-1 match, games 25 and 93). GNU Go's final_score gave both to White; uniform random playouts gave both to
    // Black.
    public const string Game25 = """
        . . . X . X . . .
        X . X X O O O X .
        X X . X O X O X .
        O X X X . X X X X
        O O O X X X O O X
        O O . O X X X O O
        . X O O O X O . O
        O O O O X O O O O
        . X X X X X X X .
        """;

    public const string Game93 = """
        . O X X . . . X .
        O O X . X . X . X
        . O X . . X X X .
        O X X . X X . . X
        O X X X . . X X X
        O X X O X X X O O
        O O X O O X O O O
        . O O O X O O O X
        . . O . X . . X .
        """;
}
