namespace ModelZooBridge.Imaging.Png;

/// <summary>The five PNG scanline filters (PNG specification 9.2), on bytes, with <c>bpp</c> bytes per complete pixel (at least 1).</summary>
internal static class PngFilter
{
    public const byte None = 0, Sub = 1, Up = 2, Average = 3, Paeth = 4;

    /// <summary>Undoes filter <paramref name="type"/> on <paramref name="row"/> in place; <paramref name="previous"/> is the reconstructed row above (zeros for the first).</summary>
    /// <returns>False when <paramref name="type"/> is not a filter type.</returns>
    public static bool Unfilter(byte type, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (type)
        {
            case None:
                return true;
            case Sub:
                for (int i = bpp; i < row.Length; i++) row[i] += row[i - bpp];
                return true;
            case Up:
                for (int i = 0; i < row.Length; i++) row[i] += previous[i];
                return true;
            case Average:
                for (int i = 0; i < bpp && i < row.Length; i++) row[i] += (byte)(previous[i] >> 1);
                for (int i = bpp; i < row.Length; i++) row[i] += (byte)((row[i - bpp] + previous[i]) >> 1);
                return true;
            case Paeth:
                for (int i = 0; i < bpp && i < row.Length; i++) row[i] += previous[i];
                for (int i = bpp; i < row.Length; i++) row[i] += PaethPredictor(row[i - bpp], previous[i], previous[i - bpp]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Writes <paramref name="row"/> filtered with <paramref name="type"/> into <paramref name="output"/> (same length).</summary>
    public static void Apply(byte type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        for (int i = 0; i < row.Length; i++)
        {
            byte left = i >= bpp ? row[i - bpp] : (byte)0;
            byte upLeft = i >= bpp ? previous[i - bpp] : (byte)0;
            byte predictor = type switch
            {
                Sub => left,
                Up => previous[i],
                Average => (byte)((left + previous[i]) >> 1),
                Paeth => PaethPredictor(left, previous[i], upLeft),
                _ => 0,
            };
            output[i] = (byte)(row[i] - predictor);
        }
    }

    private static byte PaethPredictor(byte a, byte b, byte c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        if (pa <= pb && pa <= pc) return a;
        return pb <= pc ? b : c;
    }
}
