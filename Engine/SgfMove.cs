namespace GoZero.Engine;

/// <summary>A move of a game record: who played it, where, and the comment (SGF C) of its node.</summary>
/// <param name="NodeOffset">Where the move's node starts in the SGF text it was read from; -1 for a record built in
/// memory. Lets an illegal move be reported at its place in the file.</param>
public readonly record struct SgfMove(Color Player, Move Move, string? Comment = null, int NodeOffset = -1);
