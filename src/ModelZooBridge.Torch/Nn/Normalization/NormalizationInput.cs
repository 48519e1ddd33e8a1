namespace ModelZooBridge.Torch.Nn;

/// <summary>The input check shared by the normalisation layers.</summary>
internal static class NormalizationInput
{
    public static void CheckRank(Tensor input, int spatialRank, string layer)
    {
        int rank = input.Rank;
        if (rank != spatialRank + 2)
            throw new ArgumentException($"{layer} expects a {spatialRank + 2}-D input (N, C, {(spatialRank == 2 ? "H, W" : "D, H, W")}), got {rank}-D", nameof(input));
    }
}
