using System.Globalization;
using System.Text.Json.Nodes;
using GoZero.Engine;
using GoZero.Gtp;
using GoZero.Mcts;
using GoZero.Network;
using GoZero.SelfPlay;

namespace GoZero.Cli.Commands;

/// <summary>gozero match A B: plays a match between two players and prints each game and the summary.</summary>
public static class MatchCommand
{
    private const string GtpPrefix = "gtp:";
    private const string Rollout = "rollout";

    public static int Run(MatchCommandOptions options)
    {
        var players = new List<IDisposable>();
        try
        {
            // Every option is checked before a file is opened or an engine started, so that a typo is exit code 2 with
            // the option's name, never a failure halfway through.
            if (Invalid(options) is { } problem) return CommandFailure.Report(problem, ExitCode.BadArguments);
            var rules = RulesFor(options) ?? throw new InvalidOperationException("the rules were checked above");
            var networkA = LoadNetworkIfAny(options.A);
            var networkB = LoadNetworkIfAny(options.B);
            int size = options.Size ?? networkA?.Weights.Shape.BoardSize ?? networkB?.Weights.Shape.BoardSize ?? 9;
            foreach (var (network, spec) in new[] { (networkA, options.A), (networkB, options.B) })
                if (network is not null && network.Weights.Shape.BoardSize != size)
                    return CommandFailure.Report($"{spec} is a {network.Weights.Shape.BoardSize}×{network.Weights.Shape.BoardSize} network, the match is on {size}×{size}", ExitCode.BadArguments);
            MatchOptions matchOptions;
            try
            {
                // Checked again on the networks' board: a handicap that fits 19×19 may not fit 9×9.
                matchOptions = MatchOptionsFor(options, rules, size).Validated();
            }
            catch (ArgumentException e)
            {
                return CommandFailure.Report(e.Message, ExitCode.BadArguments);
            }
            GatingSprt? sprt = options.Sprt is { } elo ? new GatingSprt(0, elo).Validated() : null;

            var referee = Referee(options, size, players);
            if (referee is { Problem: { } refereeProblem }) return CommandFailure.Report(refereeProblem, ExitCode.BadArguments);
            var (nameA, nameB) = Names(options.A, options.B);
            // GoZero's players judge when to pass as the referee will score the game.
            var judge = referee.Referee?.Judge;
            var (a, settingsA) = CreatePlayer(nameA, options.A, networkA, SearchOptionsFor(options, options.Playouts), MovePolicyFor(options, options.Lcb),
                                              options.Lambda, judge, options, players);
            var (b, settingsB) = CreatePlayer(nameB, options.B, networkB, SearchOptionsFor(options, options.PlayoutsB ?? options.Playouts),
                                              MovePolicyFor(options, options.LcbB ?? options.Lcb), options.LambdaB ?? options.Lambda, judge, options, players);
            string folder = options.Out ?? $"match-{Sanitize(nameA)}-vs-{Sanitize(nameB)}";
            using var folderLock = FolderLock.Acquire(folder, "gozero match");
            folderLock.RemoveStaleTemporaries();
            var match = new Match(matchOptions, a, b, folder, settingsA, settingsB, referee.Referee);
            if (match.SettingsAssumed)
                Console.Error.WriteLine($"warning: {match.Layout.LedgerPath}, from an older gozero, does not record the players' settings " +
                                        "(playouts, networks' SHA-256, …); its games are taken as played with these, which are checked from now on");
            if (match.Games.Count > 0)
                Console.Error.WriteLine($"continuing the match in {folder}: {match.Games.Count} of {options.Games} games already played");
            if (!options.Json) Console.WriteLine($"A = {nameA}, B = {nameB}: {options.Games} games on {size}×{size}, komi {rules.Komi}, results in {folder}");

            using var interrupt = new CancellationTokenSource();
            ConsoleCancelEventHandler stop = (_, e) => { e.Cancel = true; interrupt.Cancel(); Console.Error.WriteLine("stopping after this game…"); };
            Console.CancelKeyPress += stop;
            try
            {
                var summary = match.Run((game, sofar) =>
                {
                    if (!options.Json) Console.WriteLine(DescribeGame(game, nameA, nameB, sofar, options.Games));
                }, interrupt.Token, sprt is null ? null : s => sprt.Decide(s) != SprtDecision.Continue);
                if (options.Json) Console.WriteLine(SummaryJson(nameA, nameB, summary, folder, sprt).ToJsonString());
                else Console.WriteLine(DescribeSummary(nameA, nameB, summary, sprt));
            }
            finally
            {
                Console.CancelKeyPress -= stop;
            }
            return ExitCode.Success;
        }
        catch (Exception e) when (e is NetworkFormatException or CheckpointFormatException or IOException or UnauthorizedAccessException
                                       or InvalidDataException or GtpEngineException or ArgumentException or FormatException)
        {
            // The options were checked above, so what is left here is the input's fault: a file, a folder, an engine.
            return CommandFailure.Report(e.Message, ExitCode.BadInput);
        }
        finally
        {
            foreach (var player in players) player.Dispose();
        }
    }

    /// <summary>The first option out of range, in words naming it; null when all are sound.</summary>
    private static string? Invalid(MatchCommandOptions options)
    {
        if (options.Placement().Problem is { } placement) return placement;
        foreach (var (spec, side) in new[] { (options.A, "A"), (options.B, "B") })
        {
            if (string.IsNullOrWhiteSpace(spec)) return $"player {side} is empty: give a network file, '{Rollout}' or '{GtpPrefix}COMMAND'";
            if (IsEngine(spec))
            {
                IReadOnlyList<string> words;
                try
                {
                    words = CommandLineWords.Split(spec[GtpPrefix.Length..]);
                }
                catch (FormatException e)
                {
                    return $"player {side}, '{spec}': {e.Message}";
                }
                if (words.Count == 0 || words[0].Length == 0) return $"player {side}, '{spec}', names no program after '{GtpPrefix}'";
            }
        }
        if (RulesFor(options) is not { } rules) return $"unknown rules '{options.Rules}' (chinese, tromp-taylor, nz, simple)";
        if (options.Out is { } folder && string.IsNullOrWhiteSpace(folder)) return "--out is empty: give a folder for the match";
        if (options.Playouts < 1) return $"--playouts must be at least 1, not {options.Playouts}";
        if (options.PlayoutsB is < 1) return $"--playouts-b must be at least 1, not {options.PlayoutsB}";
        if (!MixedValueEvaluator.IsValidLambda(options.Lambda)) return $"--lambda must be in [0, 1], not {options.Lambda}";
        if (options.LambdaB is { } lambdaB && !MixedValueEvaluator.IsValidLambda(lambdaB)) return $"--lambda-b must be in [0, 1], not {lambdaB}";
        if (options.MoveTimeout <= 0 || !double.IsFinite(options.MoveTimeout))
            return $"--move-timeout must be a positive number of seconds, not {options.MoveTimeout}";
        try
        {
            SearchOptionsFor(options, options.Playouts).Validated();
            MovePolicyFor(options, options.Lcb).Validated();
            // The board may come from the networks, not yet read; the checks that depend on it are made again then.
            MatchOptionsFor(options, rules, options.Size ?? 19).Validated();
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
        try
        {
            if (options.Sprt is { } elo) new GatingSprt(0, elo).Validated();
        }
        catch (ArgumentException e)
        {
            return $"--sprt {options.Sprt}: {e.Message}";
        }
        return null;
    }

    private static RulesOptions? RulesFor(MatchCommandOptions options) =>
        RulesOptions.TryParseRules(options.Rules, RulesOptions.Default with { Komi = options.Komi }, out var rules) ? rules : null;

    private static MatchOptions MatchOptionsFor(MatchCommandOptions options, RulesOptions rules, int size) =>
        new(options.Games, size, rules, options.Handicap, options.OpeningMoves, options.MaxMoves, options.Seed, CleanupDisputes: !options.NoCleanup);

    private static SearchOptions SearchOptionsFor(MatchCommandOptions options, int playouts) => new()
    {
        MaxPlayouts = playouts,
        Threads = options.Threads,
        BatchSize = options.Batch,
        Seed = (ulong)options.Seed,
    };

    private static MovePolicyOptions MovePolicyFor(MatchCommandOptions options, OnOff lcb) =>
        new() { ResignThreshold = options.ResignThreshold, LcbSelection = lcb == OnOff.On };

    private static bool IsEngine(string spec) => spec.StartsWith(GtpPrefix, StringComparison.OrdinalIgnoreCase);

    private static bool IsRollout(string spec) => spec.Equals(Rollout, StringComparison.OrdinalIgnoreCase);

    /// <summary>A player's network, or null for rollout and engines (a folder or a missing file is refused by
    /// <see cref="NetworkFile.Load"/>, in words).</summary>
    private static NetworkFile? LoadNetworkIfAny(string spec)
    {
        if (IsEngine(spec) || IsRollout(spec)) return null;
        return NetworkFile.Load(spec);
    }

    /// <summary>The player of <paramref name="spec"/> and what decides its strength, for the match's ledger. λ mixes
    /// rollouts into a network player's values (<see cref="MixedValueEvaluator"/>); other players have no network
    /// value to mix, and ignore it. A GoZero player's pass rule judges dead stones by <paramref name="judge"/> (the
    /// referee's; null: the random playouts).</summary>
    private static (IMatchPlayer Player, MatchPlayerSettings Settings) CreatePlayer(string name, string spec, NetworkFile? network, SearchOptions search,
                                                                                   MovePolicyOptions movePolicy, double lambda, DeadStoneJudge? judge,
                                                                                   MatchCommandOptions options, List<IDisposable> owned)
    {
        if (IsEngine(spec))
        {
            var words = CommandLineWords.Split(spec[GtpPrefix.Length..]);
            var moveTimeout = TimeSpan.FromSeconds(options.MoveTimeout);
            var engine = new GtpEnginePlayer(name, words[0], words.Skip(1).ToList(), moveTimeout);
            owned.Add(engine);
            return (engine, MatchPlayerSettings.Engine(words[0], words.Skip(1), moveTimeout));
        }
        search = search.Validated();
        IEvaluator evaluator;
        MatchPlayerSettings settings;
        if (network is null)
        {
            var rollout = new RolloutEvaluator(seed: (ulong)options.Seed);
            evaluator = rollout;
            settings = MatchPlayerSettings.Rollout(rollout, search, movePolicy);
        }
        else
        {
            var net = ModelFactory.OpenInference(network.Weights, threads: 1, options.CheckedPlacement.Backend, options.CheckedPlacement.Device);
            owned.Add(net);
            evaluator = new NetworkPolicyEvaluator(net, seed: (ulong)options.Seed);
            RolloutEvaluator? rollouts = null;
            if (lambda > 0) evaluator = new MixedValueEvaluator(evaluator, rollouts = new RolloutEvaluator(seed: (ulong)options.Seed), lambda);
            settings = MatchPlayerSettings.Network(network.Sha256, search, movePolicy, lambda, rollouts);
        }
        var player = new SearchPlayer(name, evaluator, search, movePolicy, judge);
        owned.Add(player);
        return (player, settings);
    }

    /// <summary>The judge of dead stones: --referee's network, which must have the ownership head and be for the
    /// match's board, or the random playouts.</summary>
    private static (MatchReferee? Referee, string? Problem) Referee(MatchCommandOptions options, int size, List<IDisposable> owned)
    {
        if (options.Referee is not { } spec) return (null, null);
        var file = NetworkFile.Load(spec);
        var weights = file.Weights;
        if (!weights.Shape.AuxiliaryHeads) return (null, $"--referee {spec} has no ownership head to judge dead stones with");
        if (weights.Shape.BoardSize != size)
            return (null, $"--referee {spec} is a {weights.Shape.BoardSize}×{weights.Shape.BoardSize} network, the match is on {size}×{size}");
        var net = ModelFactory.OpenInference(weights, threads: 1, options.CheckedPlacement.Backend, options.CheckedPlacement.Device);
        owned.Add(net);
        return (new MatchReferee(DeadStoneJudge.For(net), file.Sha256), null);
    }

    /// <summary>Short names for the records: a network's file name, "rollout", or an engine's program and arguments;
    /// a match of a player against itself tells the two apart with "-A" and "-B".</summary>
    private static (string A, string B) Names(string a, string b)
    {
        static string Name(string spec) =>
            IsEngine(spec) ? GtpEnginePlayer.ShortName(CommandLineWords.Split(spec[GtpPrefix.Length..]))
            : IsRollout(spec) ? Rollout
            : Path.GetFileName(spec);
        string nameA = Name(a), nameB = Name(b);
        return nameA == nameB ? (nameA + "-A", nameB + "-B") : (nameA, nameB);
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').Take(40).ToArray());

    private static string DescribeGame(MatchGameRecord game, string nameA, string nameB, MatchSummary sofar, int games)
    {
        var (black, white) = game.AIsBlack ? (nameA, nameB) : (nameB, nameA);
        return string.Create(CultureInfo.InvariantCulture,
            $"game {game.Number}/{games}: Black {black}, White {white}: {game.Result} after {game.Moves} moves, {game.Ending}, {game.Seconds:0.0} s  — A {sofar.AWins}, B {sofar.BWins}, draws {sofar.Draws}") +
            string.Concat(game.Disagreements.Select(d => $"\n  {d.Key} counts it {d.Value} (final_score), the referee {game.Result}"));
    }

    private static string DescribeSummary(string nameA, string nameB, MatchSummary s, GatingSprt? sprt)
    {
        string test = sprt is null ? "" : string.Create(CultureInfo.InvariantCulture,
            $"\nSPRT, A as strong as B against A {sprt.Elo1:0} Elo stronger: log-likelihood ratio {sprt.LogLikelihoodRatio(s):0.00} " +
            $"(bounds {sprt.LowerBound:0.00} and {sprt.UpperBound:0.00}) → {Verdict(sprt.Decide(s))}");
        var (low, high) = s.ScoreInterval;
        var (eloLow, eloHigh) = s.EloInterval;
        string forfeits = s.AForfeits + s.BForfeits == 0 ? "" : $"\nforfeits: {nameA} {s.AForfeits}, {nameB} {s.BForfeits} (crash, hang or illegal move)";
        string counts = s.Counted == 0 ? "" : $"\nfinal_score: the engine's own count agreed with the referee's in {s.Counted - s.CountDisagreements} of {s.Counted} games ended by two passes";
        string cleanups = s.Cleanups == 0 ? "" : $"\ncleanups: {s.Cleanups} {(s.Cleanups == 1 ? "game" : "games")} went on after two passes to settle a dispute";
        // A sweep's point estimate is infinite: say what the interval's finite end bounds it by instead.
        string elo = !s.IsSweep ? MatchSummary.Signed(s.EloDifference)
            : s.AWins == s.Games ? $"≥ {MatchSummary.Signed(eloLow)}"
            : $"≤ {MatchSummary.Signed(eloHigh)}";
        return string.Create(CultureInfo.InvariantCulture,
            $"A {nameA} {s.AWins} – {s.BWins} B {nameB}, {s.Draws} draws in {s.Games} games\n" +
            $"A's score {s.Score:0.000}, 95% interval {low:0.000}–{high:0.000}\n" +
            $"Elo difference A − B: {elo} (95% interval {MatchSummary.Signed(eloLow)} to {MatchSummary.Signed(eloHigh)})") + forfeits + counts + cleanups + test;
    }

    /// <summary>JSON has no infinity: an open end of the interval, and a sweep's estimate, are null.</summary>
    private static JsonNode? Finite(double elo) => double.IsFinite(elo) ? JsonValue.Create(elo) : null;

    private static string Verdict(SprtDecision decision) => decision switch
    {
        SprtDecision.Stronger => "A is stronger",
        SprtDecision.NotStronger => "A is not stronger",
        _ => "undecided",
    };

    private static JsonObject SummaryJson(string nameA, string nameB, MatchSummary s, string folder, GatingSprt? sprt)
    {
        var (low, high) = s.ScoreInterval;
        var (eloLow, eloHigh) = s.EloInterval;
        var json = new JsonObject
        {
            ["a"] = nameA,
            ["b"] = nameB,
            ["games"] = s.Games,
            ["a_wins"] = s.AWins,
            ["b_wins"] = s.BWins,
            ["draws"] = s.Draws,
            ["a_forfeits"] = s.AForfeits,
            ["b_forfeits"] = s.BForfeits,
            ["score"] = s.Score,
            ["score_low"] = low,
            ["score_high"] = high,
            ["elo"] = s.IsSweep ? null : s.EloDifference,
            ["elo_low"] = Finite(eloLow),
            ["elo_high"] = Finite(eloHigh),
            ["counted"] = s.Counted,
            ["count_disagreements"] = s.CountDisagreements,
            ["cleanups"] = s.Cleanups,
            ["folder"] = folder,
        };
        if (sprt is not null)
        {
            json["sprt_elo"] = sprt.Elo1;
            json["sprt_llr"] = sprt.LogLikelihoodRatio(s);
            json["sprt_decision"] = sprt.Decide(s) switch
            {
                SprtDecision.Stronger => "stronger",
                SprtDecision.NotStronger => "not_stronger",
                _ => "undecided",
            };
        }
        return json;
    }
}
