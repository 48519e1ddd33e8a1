namespace ModelZooBridge.Torch.Data;

/// <summary>Where a patch starts: which volume, and the (possibly negative, then reflected) first z, y, x.</summary>
/// <param name="Volume">Index of the volume in the training list.</param>
/// <param name="Z">First slice.</param>
/// <param name="Y">First row.</param>
/// <param name="X">First column.</param>
/// <param name="Oversampled">True when the patch was centred on a pixel of an oversampled class.</param>
public readonly record struct PatchOrigin(int Volume, int Z, int Y, int X, bool Oversampled);
