using GoZero.Mcts;

namespace GoZero.SelfPlay;

/// <summary>A network that referees a match's dead stones by its ownership (<see cref="DeadStoneJudge.For"/>), known
/// in the match's ledger by the SHA-256 of its file, so that a match is not continued under another referee.</summary>
public sealed record MatchReferee(DeadStoneJudge Judge, string NetworkSha256);
