using System.Text;

namespace GoZero.Engine;

/// <summary>
/// The SGF syntax (FF[4], https://www.red-bean.com/sgf/sgf4.html): Collection = GameTree+,
/// GameTree = "(" Node+ GameTree* ")", Node = ";" Property*, Property = PropIdent PropValue+,
/// PropValue = "[" text "]", with white space allowed between tokens. It knows nothing of Go: <see cref="SgfReader"/>
/// gives the properties their meaning.
/// </summary>
/// <remarks>
/// The parser is a loop over an explicit stack, never recursion: "(((((…" nested a million deep must fail or succeed,
/// not overflow the stack (which no catch can stop). Every failure is an <see cref="SgfFormatException"/>.
/// </remarks>
public static class SgfParser
{
    /// <summary>The root node of every game tree in the collection; throws <see cref="SgfFormatException"/>.</summary>
    public static IReadOnlyList<SgfNode> Parse(string text)
    {
        var roots = new List<SgfNode>();
        var open = new Stack<OpenTree>();
        SgfNode? current = null;
        int pos = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        while (true)
        {
            pos = SkipWhiteSpace(text, pos);
            if (pos >= text.Length)
            {
                if (open.Count > 0)
                    throw SgfFormatException.At(text, pos,
                        $"the text ends inside the game tree opened at offset {open.Peek().Offset}: ')' is missing");
                if (roots.Count == 0)
                    throw SgfFormatException.At(text, pos, "the collection is empty: an SGF file holds at least one game tree '(;…)'");
                return roots;
            }
            char c = text[pos];
            if (open.Count == 0)
            {
                if (c != '(')
                    throw SgfFormatException.At(text, pos, $"expected '(' to start a game tree, found {Describe(c)}");
                open.Push(new OpenTree(pos, null));
                pos++;
                continue;
            }
            var tree = open.Peek();
            switch (c)
            {
                case '(':
                    if (tree.Nodes == 0)
                        throw SgfFormatException.At(text, pos, "a game tree must start with a node ';' before any variation '('");
                    tree.HasVariations = true;
                    open.Push(new OpenTree(pos, current));
                    pos++;
                    break;
                case ';':
                    if (tree.HasVariations)
                        throw SgfFormatException.At(text, pos, "a node ';' cannot follow a variation: nodes after a branch go inside '(…)'");
                    var node = new SgfNode(pos);
                    if (tree.Nodes > 0) current!.AddChild(node);
                    else if (tree.Parent is not null) tree.Parent.AddChild(node);
                    else roots.Add(node);
                    tree.Nodes++;
                    current = node;
                    pos = ParseProperties(text, pos + 1, node);
                    break;
                case ')':
                    if (tree.Nodes == 0)
                        throw SgfFormatException.At(text, pos, "a game tree must hold at least one node: '()' is empty");
                    open.Pop();
                    // Back to the node where this variation branched off, so that a sibling variation joins it too.
                    current = tree.Parent;
                    pos++;
                    break;
                default:
                    throw SgfFormatException.At(text, pos, $"expected ';', '(' or ')', found {Describe(c)}");
            }
        }
    }

    private static int ParseProperties(string text, int pos, SgfNode node)
    {
        var values = new List<string>();
        var offsets = new List<int>();
        var identifier = new StringBuilder();
        while (true)
        {
            pos = SkipWhiteSpace(text, pos);
            if (pos >= text.Length || !char.IsAsciiLetter(text[pos])) return pos;
            int start = pos;
            identifier.Clear();
            // FF[3] wrote long names such as "AddBlack": the upper-case letters alone are the FF[4] identifier.
            for (; pos < text.Length && char.IsAsciiLetter(text[pos]); pos++)
                if (char.IsAsciiLetterUpper(text[pos])) identifier.Append(text[pos]);
            if (identifier.Length == 0)
                throw SgfFormatException.At(text, start, $"property identifier '{text[start..pos]}' has no upper-case letter");
            pos = SkipWhiteSpace(text, pos);
            if (pos >= text.Length || text[pos] != '[')
                throw SgfFormatException.At(text, pos,
                    $"property {identifier} needs a value '[…]', found {(pos < text.Length ? Describe(text[pos]) : "the end of the text")}");
            values.Clear();
            offsets.Clear();
            while (pos < text.Length && text[pos] == '[')
            {
                offsets.Add(pos);
                pos = ParseValue(text, pos, out string value);
                values.Add(value);
                pos = SkipWhiteSpace(text, pos);
            }
            node.AddProperty(new SgfProperty(identifier.ToString(), values.ToArray(), offsets.ToArray(), start));
        }
    }

    /// <summary>Reads "[…]" starting at the '['; returns the offset after the ']'.</summary>
    private static int ParseValue(string text, int open, out string value)
    {
        var result = new StringBuilder();
        int pos = open + 1;
        while (pos < text.Length)
        {
            char c = text[pos];
            if (c == ']')
            {
                value = result.ToString();
                return pos + 1;
            }
            if (c == '\\')
            {
                if (pos + 1 >= text.Length) break;
                char escaped = text[pos + 1];
                if (escaped is '\n' or '\r')
                {
                    // A soft line break: the backslash and the line break (\n, \r, \r\n or \n\r) both vanish.
                    pos += 2;
                    if (pos < text.Length && text[pos] is '\n' or '\r' && text[pos] != escaped) pos++;
                }
                else
                {
                    result.Append(escaped);
                    pos += 2;
                }
                continue;
            }
            if (c == '\r')
            {
                // Line breaks are kept as "\n" whatever system wrote them.
                result.Append('\n');
                pos += pos + 1 < text.Length && text[pos + 1] == '\n' ? 2 : 1;
                continue;
            }
            result.Append(c);
            pos++;
        }
        throw SgfFormatException.At(text, open, $"the value opened at offset {open} is not closed with ']'");
    }

    private static int SkipWhiteSpace(string text, int pos)
    {
        while (pos < text.Length && char.IsWhiteSpace(text[pos])) pos++;
        return pos;
    }

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"character U+{(int)c:X4}" : $"'{c}'";

    private sealed class OpenTree(int offset, SgfNode? parent)
    {
        /// <summary>Where the tree's '(' is.</summary>
        public int Offset { get; } = offset;

        /// <summary>The node this tree branches from; null for a tree of the collection.</summary>
        public SgfNode? Parent { get; } = parent;

        public int Nodes { get; set; }

        public bool HasVariations { get; set; }
    }
}
