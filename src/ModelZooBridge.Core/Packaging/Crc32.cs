namespace ModelZooBridge.Packaging;

/// <summary>CRC-32 as zip uses it (IEEE 802.3, reflected polynomial 0xEDB88320), over spans, without allocation.</summary>
internal static class Crc32
{
    /// <summary>The running value before any byte.</summary>
    public const uint Initial = 0xFFFFFFFFu;

    private static readonly uint[] Table = BuildTable();

    /// <summary>Adds <paramref name="data"/> to a running value.</summary>
    public static uint Update(uint running, ReadOnlySpan<byte> data)
    {
        var table = Table;
        foreach (var b in data) running = table[(running ^ b) & 0xFF] ^ (running >> 8);
        return running;
    }

    /// <summary>The CRC of everything added to <paramref name="running"/>.</summary>
    public static uint Finish(uint running) => ~running;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
