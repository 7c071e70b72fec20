namespace GoZero.Engine.Tests;

/// <summary>Sets of points written as GTP vertices, so that tests assert on readable text ("A1 C3").</summary>
internal static class PointSets
{
    /// <summary>The point of a GTP vertex such as "C3".</summary>
    public static int Point(Position position, string vertex) => Vertex.ParseGtp(vertex, position.Geometry).Point;

    /// <summary>Points as GTP vertices in dense-index order (A1, B1, …, A2, …) separated by spaces.</summary>
    public static string Vertices(Position position, IEnumerable<int> points) =>
        string.Join(' ', points
            .OrderBy(position.Geometry.DenseIndexOf)
            .Select(point => Vertex.ToGtp(new Move(point), position.Geometry)));

    /// <summary>The points where <paramref name="marks"/> (one entry per padded point) is true.</summary>
    public static string Marked(Position position, bool[] marks) =>
        Vertices(position, position.Geometry.Points.Where(point => marks[point]));

    /// <summary>The stones of one colour.</summary>
    public static string StonesOf(Position position, Color color) =>
        Vertices(position, position.Geometry.Points.Where(point => position[point] == color));
}
