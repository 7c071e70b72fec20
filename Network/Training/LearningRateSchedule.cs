using System.Globalization;

namespace GoZero.Network.Training;

/// <summary>
/// The learning rate η as a function of the optimizer step t (0 for the first step), and its short text form for
/// the command line (<see cref="Parse"/>, and <see cref="ToString"/> writes it back):
/// <code>
///   0.02                          constant
///   steps:0.02@0,0.002@100000     0.02 from step 0, 0.002 from step 100000 (AlphaGo Zero's kind of schedule)
///   cosine:0.02:100000            cosine decay from 0.02 at step 0 to 0 at step 100000, then 0
///   cosine:0.02:100000:0.0002     … to 0.0002, then 0.0002
/// </code>
/// </summary>
public abstract record LearningRateSchedule
{
    private LearningRateSchedule() { }

    public abstract double RateAt(long step);

    /// <summary>η for every step.</summary>
    public static LearningRateSchedule Constant(double rate) => new Steps([(0, rate)]);

    /// <summary>
    /// Piecewise constant: <c>Rates[i].Rate</c> from step <c>Rates[i].From</c> on; the first starts at step 0 and the
    /// steps increase.
    /// </summary>
    public sealed record Steps : LearningRateSchedule
    {
        public Steps(IReadOnlyList<(long From, double Rate)> rates)
        {
            if (rates.Count == 0 || rates[0].From != 0) throw new ArgumentException("a step schedule starts at step 0");
            for (int i = 0; i < rates.Count; i++)
            {
                CheckRate(rates[i].Rate);
                if (i > 0 && rates[i].From <= rates[i - 1].From)
                    throw new ArgumentException($"step {rates[i].From} does not come after step {rates[i - 1].From}");
            }
            Rates = rates.ToArray();
        }

        public IReadOnlyList<(long From, double Rate)> Rates { get; }

        public override double RateAt(long step)
        {
            double rate = Rates[0].Rate;
            foreach (var (from, value) in Rates)
            {
                if (step < from) break;
                rate = value;
            }
            return rate;
        }

        public override string ToString() =>
            Rates.Count == 1 ? Format(Rates[0].Rate) : "steps:" + string.Join(",", Rates.Select(r => $"{Format(r.Rate)}@{r.From}"));

        public bool Equals(Steps? other) => other is not null && Rates.SequenceEqual(other.Rates);

        public override int GetHashCode() => Rates.Aggregate(0, (hash, rate) => HashCode.Combine(hash, rate));
    }

    /// <summary>η(t) = final + (initial − final)·(1 + cos(π·t / total)) / 2 for t &lt; total, then final.</summary>
    public sealed record Cosine : LearningRateSchedule
    {
        public Cosine(double initial, long totalSteps, double final = 0)
        {
            CheckRate(initial);
            CheckRate(final);
            if (totalSteps < 1) throw new ArgumentException($"a cosine schedule needs at least 1 step, not {totalSteps}");
            Initial = initial;
            TotalSteps = totalSteps;
            Final = final;
        }

        public double Initial { get; }
        public long TotalSteps { get; }
        public double Final { get; }

        public override double RateAt(long step) =>
            step >= TotalSteps ? Final : Final + (Initial - Final) * (1 + Math.Cos(Math.PI * Math.Max(step, 0) / TotalSteps)) / 2;

        public override string ToString() =>
            $"cosine:{Format(Initial)}:{TotalSteps}" + (Final == 0 ? "" : $":{Format(Final)}");
    }

    /// <summary>Reads the text form (see the type's summary); throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static LearningRateSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string trimmed = text.Trim();
        try
        {
            if (trimmed.StartsWith("steps:", StringComparison.OrdinalIgnoreCase))
            {
                var rates = new List<(long, double)>();
                foreach (string part in trimmed["steps:".Length..].Split(','))
                {
                    var pieces = part.Split('@');
                    if (pieces.Length != 2) throw new FormatException($"'{part}' is not RATE@STEP");
                    rates.Add((ParseStep(pieces[1]), ParseRate(pieces[0])));
                }
                return new Steps(rates);
            }
            if (trimmed.StartsWith("cosine:", StringComparison.OrdinalIgnoreCase))
            {
                var pieces = trimmed["cosine:".Length..].Split(':');
                if (pieces.Length is not (2 or 3)) throw new FormatException("a cosine schedule is cosine:INITIAL:STEPS or cosine:INITIAL:STEPS:FINAL");
                return new Cosine(ParseRate(pieces[0]), ParseStep(pieces[1]), pieces.Length == 3 ? ParseRate(pieces[2]) : 0);
            }
            return Constant(ParseRate(trimmed));
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            throw new FormatException($"learning rate schedule '{text}': {e.Message} (expected e.g. 0.02, steps:0.02@0,0.002@100000 or cosine:0.02:100000)", e);
        }
    }

    private static double ParseRate(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate)
            ? rate
            : throw new FormatException($"'{text}' is not a number");

    private static long ParseStep(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long step)
            ? step
            : throw new FormatException($"'{text}' is not a step number");

    private static void CheckRate(double rate)
    {
        if (!(rate >= 0 && double.IsFinite(rate))) throw new ArgumentException($"a learning rate must be a finite number 0 or more, not {rate}");
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
