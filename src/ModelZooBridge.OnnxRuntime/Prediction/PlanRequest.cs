namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// Which plan a prediction asks for, independent of the model (so every member of an ensemble can be asked the same):
/// one block for the whole image, a given block shape, or the one the chooser picks within the budget.
/// </summary>
/// <param name="WholeImage">One block covering the image (<see cref="BlockPlan.Whole"/>).</param>
/// <param name="PadBorders">With <see cref="WholeImage"/>: reflect-pad by the halo first.</param>
/// <param name="BlockShape">A fixed block shape as <see cref="Predictor.PredictWithFixedBlocks(ModelZooBridge.Arrays.NdArray, IReadOnlyList{int}, IProgress{long}?, CancellationToken)"/> takes it; null to let the chooser pick.</param>
internal sealed record PlanRequest(bool WholeImage, bool PadBorders, IReadOnlyList<int>? BlockShape)
{
    /// <summary>The chooser's plan within the memory budget.</summary>
    public static PlanRequest Chosen { get; } = new(false, true, null);

    /// <summary>One block for the whole image.</summary>
    public static PlanRequest Whole(bool padBorders) => new(true, padBorders, null);

    /// <summary>Blocks of one given shape.</summary>
    public static PlanRequest Fixed(IReadOnlyList<int> blockShape) => new(false, true, blockShape);
}
