namespace ModelZooBridge.Torch.Data;

/// <summary>Mirror padding without repeating the edge pixel (numpy's <c>reflect</c>): index −1 reads 1 and n reads n−2.</summary>
internal static class Reflect
{
    public static int Index(int i, int n)
    {
        if ((uint)i < (uint)n) return i;
        if (n == 1) return 0;
        int period = 2 * (n - 1);
        i = Math.Abs(i) % period;
        return i < n ? i : period - i;
    }
}
