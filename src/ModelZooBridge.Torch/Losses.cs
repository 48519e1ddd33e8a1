using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch;

/// <summary>Segmentation losses over logits (N, C, spatial…) and int64 class targets (N, spatial…).</summary>
public static class Losses
{
    /// <summary>PyTorch's default ignore label (<c>ignore_index=-100</c>).</summary>
    public const long DefaultIgnoreIndex = -100;

    /// <summary>
    /// Cross-entropy. Without <paramref name="pixelWeight"/> it is <c>torch.nn.functional.cross_entropy(logits, target,
    /// weight=classWeight, ignore_index=ignoreIndex)</c>. With it, the weighted mean over pixels whose target is not
    /// ignored: Σ pᵢ·w[tᵢ]·nllᵢ / Σ pᵢ·w[tᵢ] (w = 1 without class weights).
    /// </summary>
    /// <param name="logits">Unnormalised scores (N, C, spatial…).</param>
    /// <param name="target">Class indices (N, spatial…), int64.</param>
    /// <param name="pixelWeight">Optional per-pixel weights, the target's shape.</param>
    /// <param name="classWeight">Optional per-class weights (C).</param>
    /// <param name="ignoreIndex">Target value whose pixels contribute nothing.</param>
    public static Tensor CrossEntropy(Tensor logits, Tensor target, Tensor? pixelWeight = null, Tensor? classWeight = null, long ignoreIndex = DefaultIgnoreIndex) =>
        Tensor.FromNative(NativeMethods.mzb_cross_entropy(logits.Pointer, target.Pointer, pixelWeight?.Pointer ?? IntPtr.Zero,
            classWeight?.Pointer ?? IntPtr.Zero, ignoreIndex, out var result), result, logits, target, pixelWeight, classWeight);

    /// <summary>
    /// Soft Dice loss: 1 − mean over classes of (2·Σ p·t + s) / (Σ p + Σ t + s), with p the softmax over classes, t the
    /// one-hot target, sums over the batch and the pixels not ignored.
    /// </summary>
    public static Tensor SoftDice(Tensor logits, Tensor target, long ignoreIndex = DefaultIgnoreIndex, double smooth = 1.0) =>
        Tensor.FromNative(NativeMethods.mzb_soft_dice_loss(logits.Pointer, target.Pointer, ignoreIndex, smooth, out var result), result, logits, target);
}
