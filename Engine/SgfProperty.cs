namespace GoZero.Engine;

/// <summary>
/// One property of an SGF node: an identifier (upper-case letters only; the lower-case letters of FF[3]-style names
/// such as "AddBlack" are dropped when read) and one or more values with their escapes already resolved.
/// </summary>
/// <param name="Identifier">"B", "AB", "KM", …</param>
/// <param name="Values">The values, unescaped: "\]" is "]", a backslash before a line break removes both.</param>
/// <param name="ValueOffsets">Where each value's '[' is in the text, so a bad value can be pointed at.</param>
/// <param name="Offset">Where the identifier starts in the text.</param>
public sealed record SgfProperty(string Identifier, IReadOnlyList<string> Values, IReadOnlyList<int> ValueOffsets, int Offset)
{
    public string Value => Values[0];

    public int ValueOffset => ValueOffsets[0];
}
