namespace ModelZooBridge.Tests.Imaging;

/// <summary>Deterministic file mutations for fuzz tests: bit flips, syntax characters in headers, truncation, insertion, overwrites.</summary>
internal sealed class FileMutator(int seed)
{
    private static readonly byte[] Interesting = [.. " (),:'\"0123456789-{}[]TFLN<>|=\n"u8, 0, 0xFF];
    private readonly Random _random = new(seed);

    public Random Random => _random;

    /// <summary>One to three mutations of <paramref name="source"/>, concentrated in the first <paramref name="hotBytes"/> bytes half of the time.</summary>
    public byte[] Mutate(byte[] source, int hotBytes)
    {
        var data = new List<byte>(source);
        int count = 1 + _random.Next(3);
        for (int m = 0; m < count && data.Count > 0; m++)
        {
            int limit = _random.Next(2) == 0 ? Math.Min(hotBytes, data.Count) : data.Count;
            int at = _random.Next(limit);
            switch (_random.Next(6))
            {
                case 0:
                    data[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    data[at] = Interesting[_random.Next(Interesting.Length)];
                    break;
                case 2:
                    data.RemoveRange(at, data.Count - at);
                    break;
                case 3:
                    var inserted = new byte[1 + _random.Next(8)];
                    _random.NextBytes(inserted);
                    data.InsertRange(at, inserted);
                    break;
                case 4:
                    for (int i = at; i < Math.Min(data.Count, at + 1 + _random.Next(16)); i++) data[i] = (byte)_random.Next(256);
                    break;
                default:
                    data.RemoveRange(at, Math.Min(data.Count - at, 1 + _random.Next(8)));
                    break;
            }
        }
        return [.. data];
    }
}
