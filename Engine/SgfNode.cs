namespace GoZero.Engine;

/// <summary>
/// A node of an SGF game tree: its properties and the nodes that follow it. More than one child is a branch into
/// variations; the first child continues the main line (SGF FF[4], "GameTree").
/// </summary>
public sealed class SgfNode
{
    private readonly List<SgfProperty> properties = [];
    private readonly List<SgfNode> children = [];

    /// <summary>Where the node's ';' is in the text.</summary>
    public int Offset { get; }

    public IReadOnlyList<SgfProperty> Properties => properties;

    public IReadOnlyList<SgfNode> Children => children;

    public SgfNode(int offset) => Offset = offset;

    /// <summary>The property with this identifier, or null.</summary>
    public SgfProperty? Find(string identifier)
    {
        foreach (var property in properties)
            if (property.Identifier == identifier) return property;
        return null;
    }

    /// <summary>This node and the first child of each node after it, to the end of the main line. A loop, not
    /// recursion: a file may hold a line of thousands of nodes.</summary>
    public IEnumerable<SgfNode> MainLine()
    {
        for (SgfNode? node = this; node is not null; node = node.children.Count > 0 ? node.children[0] : null)
            yield return node;
    }

    internal void AddChild(SgfNode child) => children.Add(child);

    /// <summary>Adds a property; a repeated identifier in one node (which FF[4] forbids, but some writers emit as
    /// AB[aa]AB[bb]) adds its values to the property already there.</summary>
    internal void AddProperty(SgfProperty property)
    {
        for (int i = 0; i < properties.Count; i++)
        {
            var existing = properties[i];
            if (existing.Identifier != property.Identifier) continue;
            properties[i] = existing with
            {
                Values = [.. existing.Values, .. property.Values],
                ValueOffsets = [.. existing.ValueOffsets, .. property.ValueOffsets],
            };
            return;
        }
        properties.Add(property);
    }
}
