namespace GoZero.Engine;

/// <summary>
/// The rules a game is played under. Scoring is always area scoring (Tromp-Taylor: stones plus empty regions that
/// reach only one colour) plus <see cref="Komi"/> for White.
/// </summary>
/// <param name="Ko">Which repetitions are forbidden. Default: positional superko.</param>
/// <param name="Suicide">Whether multi-stone suicide is legal. Default: forbidden. A one-stone suicide never changes
/// the board, so it is refused under every setting (as KataGo does).</param>
/// <param name="Komi">Points added to White's score. Default 7.5.</param>
public sealed record RulesOptions(
    KoRule Ko = KoRule.PositionalSuperko,
    SuicideRule Suicide = SuicideRule.Forbidden,
    double Komi = RulesOptions.DefaultKomi)
{
    public const double DefaultKomi = 7.5;

    /// <summary>The largest komi either way, in points: far beyond any real game's, and a bound on any final score.</summary>
    public const double MaxKomi = 1000;

    public static readonly RulesOptions Default = new();

    /// <summary>Tromp-Taylor: positional superko, suicide allowed, komi 7.5.</summary>
    public static readonly RulesOptions TrompTaylor = new(KoRule.PositionalSuperko, SuicideRule.Allowed);

    /// <summary>Throws <see cref="ArgumentException"/> when the options cannot be played with.</summary>
    public RulesOptions Validated()
    {
        if (!double.IsFinite(Komi) || Math.Abs(Komi) > MaxKomi)
            throw new ArgumentException($"komi {Komi} is not a finite number of points within ±{MaxKomi}");
        if (!Enum.IsDefined(Ko)) throw new ArgumentException($"unknown ko rule {Ko}");
        if (!Enum.IsDefined(Suicide)) throw new ArgumentException($"unknown suicide rule {Suicide}");
        return this;
    }

    /// <summary>The rules as the SGF RU property names them, or a GoZero description where SGF has no name.</summary>
    public string ToSgfRules() => (Ko, Suicide) switch
    {
        (KoRule.PositionalSuperko, SuicideRule.Allowed) => "Tromp-Taylor",
        (KoRule.PositionalSuperko, SuicideRule.Forbidden) => "Chinese",
        (KoRule.SituationalSuperko, SuicideRule.Allowed) => "NZ",
        _ => $"GoZero:ko={Ko},suicide={Suicide}",
    };

    /// <summary>Reads an SGF RU value or a rules name given on the command line; komi is left as it is.</summary>
    public static bool TryParseRules(string text, RulesOptions basis, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out RulesOptions? rules)
    {
        string t = text.Trim().ToLowerInvariant();
        rules = t switch
        {
            "tromp-taylor" or "tromp taylor" or "trompt-taylor" or "tt" => basis with { Ko = KoRule.PositionalSuperko, Suicide = SuicideRule.Allowed },
            "chinese" or "cn" or "area" => basis with { Ko = KoRule.PositionalSuperko, Suicide = SuicideRule.Forbidden },
            "nz" or "new zealand" => basis with { Ko = KoRule.SituationalSuperko, Suicide = SuicideRule.Allowed },
            "simple" or "simple-ko" => basis with { Ko = KoRule.Simple, Suicide = SuicideRule.Forbidden },
            _ => ParseGoZeroRules(t, basis),
        };
        return rules is not null;
    }

    private static RulesOptions? ParseGoZeroRules(string text, RulesOptions basis)
    {
        if (!text.StartsWith("gozero:", StringComparison.Ordinal)) return null;
        var rules = basis;
        foreach (string part in text["gozero:".Length..].Split(','))
        {
            string[] kv = part.Split('=', 2);
            if (kv.Length != 2) return null;
            switch (kv[0])
            {
                case "ko" when Enum.TryParse(kv[1], ignoreCase: true, out KoRule ko) && Enum.IsDefined(ko): rules = rules with { Ko = ko }; break;
                case "suicide" when Enum.TryParse(kv[1], ignoreCase: true, out SuicideRule s) && Enum.IsDefined(s): rules = rules with { Suicide = s }; break;
                default: return null;
            }
        }
        return rules;
    }
}
