namespace GoZero.Network;

/// <summary>The kinds of output a model can have.</summary>
public enum HeadKind
{
    /// <summary>Move logits: N² points (index y·N + x) then pass, before the softmax.</summary>
    Policy,

    /// <summary>The expected outcome for the player to move, tanh'd into [−1, 1].</summary>
    Value,

    /// <summary>
    /// KataGo's ownership (Wu 2019, section 4.1): N² values (index y·N + x), tanh'd into [−1, 1], each the expected
    /// final owner of its point from the side to move's view (+1 the side to move's, −1 the opponent's).
    /// </summary>
    Ownership,

    /// <summary>
    /// KataGo's score: 1 value, the expected final score difference in points from the side to move's view (its area
    /// minus the opponent's, komi included). A linear output scaled by <see cref="NetworkShape.ScoreScale"/>, unbounded.
    /// </summary>
    Score,
}

/// <summary>One output of a model: its kind and the floats it gives per position.</summary>
public readonly record struct ModelHead(HeadKind Kind, int Size);
