using GoZero.Engine;

namespace GoZero.Cli;

/// <summary>The defaults that several verbs' options share, written once so that the verbs cannot drift apart.</summary>
public static class OptionDefaults
{
    /// <summary>--komi of gtp, match and selfplay: the rules' own default.</summary>
    public const double Komi = RulesOptions.DefaultKomi;

    /// <summary>--rules of gtp and match: positional superko, no suicide.</summary>
    public const string Rules = "chinese";

    /// <summary>--playouts of match and selfplay: search playouts per move.</summary>
    public const int Playouts = 400;

    /// <summary>--lcb of gtp and match: play the move of highest lower confidence bound of its win rate among the
    /// well-visited ones, as Leela Zero and KataGo do (<see cref="Mcts.MovePolicyOptions.LcbSelection"/>).</summary>
    public const OnOff Lcb = OnOff.On;

    /// <summary>--threads of gtp and match: search threads of one player.</summary>
    public const int SearchThreads = 1;

    /// <summary>--batch of gtp, match and bench mcts: leaves the search gathers into one network batch.</summary>
    public const int Batch = 8;

    /// <summary>--backend of every verb that opens a network (<see cref="ModelOptions"/>): the managed backend, which
    /// needs no native library and is the faster on a CPU here.</summary>
    public const string Backend = "managed";

    /// <summary>--device of every verb that opens a network.</summary>
    public const string Device = "cpu";
}
