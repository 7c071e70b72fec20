namespace GoZero.Network;

/// <summary>The kinds of output a model can have.</summary>
public enum HeadKind
{
    /// <summary>Move logits: N² points (index y·N + x) then pass, before the softmax.</summary>
    Policy,

    /// <summary>The expected outcome for the player to move, tanh'd into [−1, 1].</summary>
    Value,
}

/// <summary>One output of a model: its kind and the floats it gives per position.</summary>
public readonly record struct ModelHead(HeadKind Kind, int Size);
