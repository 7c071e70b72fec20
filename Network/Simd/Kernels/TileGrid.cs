namespace GoZero.Network.Simd.Kernels;

/// <summary>
/// How a batch of N×N boards is cut into the 4×4 output tiles of the Winograd convolutions, and the padded
/// channel-last activation layout they read: each board is W×W pixels, W = 4·tilesPerSide + 2, board pixel (y, x)
/// at padded (y + 1, x + 1). Tiles are numbered board by board, row by row.
/// </summary>
internal readonly struct TileGrid
{
    public int BoardSize { get; }
    public int TilesPerSide { get; }
    public int Width { get; }
    public int Batch { get; }

    public TileGrid(int boardSize, int batch)
    {
        BoardSize = boardSize;
        Batch = batch;
        TilesPerSide = (boardSize + WinogradConvolution.OutputTile - 1) / WinogradConvolution.OutputTile;
        Width = WinogradConvolution.OutputTile * TilesPerSide + 2;
    }

    public int TilesPerBoard => TilesPerSide * TilesPerSide;
    public int Tiles => Batch * TilesPerBoard;
    public int PixelsPerBoard => Width * Width;

    /// <summary>The padded pixel index of board <paramref name="board"/>'s point (y, x).</summary>
    public nint Pixel(int board, int y, int x) => (nint)board * PixelsPerBoard + (y + 1) * Width + x + 1;

    public void TilePosition(int tile, out int tileY, out int tileX)
    {
        int withinBoard = tile % TilesPerBoard;
        tileY = withinBoard / TilesPerSide;
        tileX = withinBoard % TilesPerSide;
    }

    /// <summary>The padded pixel index of the top-left corner of the tile's 6×6 input window.</summary>
    public nint TileOrigin(int tile)
    {
        int board = tile / TilesPerBoard;
        TilePosition(tile, out int tileY, out int tileX);
        return (nint)board * PixelsPerBoard + (nint)tileY * WinogradConvolution.OutputTile * Width + tileX * WinogradConvolution.OutputTile;
    }
}
