namespace GoZero.Engine;

/// <summary>
/// A move as the engine stores it: a point of the padded board (see <see cref="BoardGeometry"/>), a pass or a resignation.
/// A plain int inside, so moves cost nothing to pass around on hot paths.
/// </summary>
public readonly record struct Move(int Point)
{
    public static readonly Move Pass = new(-1);
    public static readonly Move Resign = new(-2);

    public bool IsPass => Point == -1;
    public bool IsResign => Point == -2;
    public bool IsPlay => Point >= 0;

    public override string ToString() => IsPass ? "pass" : IsResign ? "resign" : $"point {Point}";
}
