namespace ModelZooBridge.Bench;

/// <summary>The synthetic uint16 pages both sides of the TIFF benchmark write (same formula as tifffile_baseline.py).</summary>
internal static class StackPattern
{
    public const int DistinctPages = 16;

    public static ushort[] Page(int p, int height, int width)
    {
        var page = new ushort[height * width];
        for (uint y = 0; y < height; y++)
        {
            for (uint x = 0; x < width; x++)
            {
                uint h = (x * 73856093u) ^ (y * 19349663u) ^ (uint)(p * 83492791);
                page[y * width + x] = (ushort)(((x * 3 + y * 5 + (uint)p * 7) & 0x3FF) + ((h >> 7) & 0x3F));
            }
        }
        return page;
    }
}
