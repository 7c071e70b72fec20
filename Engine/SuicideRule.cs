namespace GoZero.Engine;

public enum SuicideRule
{
    /// <summary>A move that would leave its own group without liberties is illegal (Chinese, Japanese rules).</summary>
    Forbidden,

    /// <summary>Multi-stone suicide is legal and removes the suicidal group (Tromp-Taylor, New Zealand rules).</summary>
    Allowed,
}
