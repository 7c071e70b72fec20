namespace GoZero.Mcts;

/// <summary>
/// How <see cref="MovePolicy"/> turns a finished search into a move, with the defaults of a player that plays to win
/// (matches, GTP); self-play sets the rest (<c>SelfPlayOptions</c>). Validated once, where the policy is made.
/// </summary>
public sealed record MovePolicyOptions
{
    /// <summary>The resignation threshold of every player, command-line defaults included: a win rate of 5%, a value
    /// of −0.9. A const so that an attribute's default can name it.</summary>
    public const double DefaultResignThreshold = 0.05;

    public static readonly MovePolicyOptions Default = new();

    /// <summary>A player resigns when the win rate, (1 + Q)/2, of the move it would play is below this. Default
    /// <see cref="DefaultResignThreshold"/>; 0 never resigns.</summary>
    public double ResignThreshold { get; init; } = DefaultResignThreshold;

    /// <summary>Root visits needed before the search's win rate is trusted to resign. Default 100.</summary>
    public int ResignMinVisits { get; init; } = 100;

    /// <summary>The share of games in which nobody resigns, played out to measure how often a resignation would have
    /// been wrong (AlphaGo Zero, Methods, "Self-play": 10%). Default 0: a player out to win resigns whenever lost.</summary>
    public double NoResignShare { get; init; }

    /// <summary>The first moves of a game, drawn with probability ∝ their visit counts (τ = 1) so that self-play
    /// explores openings; later moves are the most visited (τ → 0) (AlphaGo Zero, Methods, "Self-play": 30 moves on
    /// 19×19). Default 0: always the most visited.</summary>
    public int TemperatureMoves { get; init; }

    /// <summary>
    /// Whether the move played at τ → 0 is the one of highest lower confidence bound of its win rate among the
    /// well-visited moves (<see cref="MovePolicy"/>) rather than the most visited. Default true, as Leela Zero (0.17 on)
    /// and KataGo play: when a late-found move overtakes in value but not yet in visits, the bound picks it once the
    /// search is sure of it. Self-play sets false: AlphaGo Zero's games (Methods, "Self-play") play the most visited
    /// move, the visit counts are what the policy learns from, and a game choice that agrees with them keeps the
    /// training games as they were.
    /// </summary>
    public bool LcbSelection { get; init; } = true;

    /// <summary>How the pass rules score a game that would end now. Default <see cref="PassScoring.JudgedDeadStones"/>,
    /// as matches and GTP games are scored.</summary>
    public PassScoring PassScoring { get; init; } = PassScoring.JudgedDeadStones;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first option out of range.</summary>
    public MovePolicyOptions Validated()
    {
        static void Check(bool ok, string what) { if (!ok) throw new ArgumentException($"move policy option {what}"); }
        Check(ResignThreshold is >= 0 and <= 1, $"resign threshold {ResignThreshold} must be a win rate in [0, 1]");
        Check(ResignMinVisits >= 0, $"resign minimum visits {ResignMinVisits} must be 0 or more");
        Check(NoResignShare is >= 0 and <= 1, $"no-resign share {NoResignShare} must be 0 to 1");
        Check(TemperatureMoves >= 0, $"temperature moves {TemperatureMoves} must be 0 or more");
        Check(Enum.IsDefined(PassScoring), $"pass scoring {PassScoring} is unknown");
        return this;
    }
}
