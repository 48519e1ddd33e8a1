using System.Collections.Immutable;

namespace ModelZooBridge.Validation;

/// <summary>One tensor of a run at another size: the shape it had and, for outputs, the sizes the description implies.</summary>
/// <param name="TensorId">The described tensor.</param>
/// <param name="Shape">The shape fed (inputs) or produced (outputs); empty when the run failed.</param>
/// <param name="Expected">Per axis, the sizes the description allows for this run (outputs; empty for inputs).</param>
public sealed record TensorShapeFigure(string TensorId, ImmutableArray<int> Shape, ImmutableArray<AxisSizeRange> Expected)
{
    /// <summary>Whether the shape has the expected rank and every size lies in its range.</summary>
    public bool Matches => Expected.IsEmpty || (Shape.Length == Expected.Length && Shape.Zip(Expected).All(p => p.Second.Contains(p.First)));
}

/// <summary>
/// One run of the model at a valid input size other than the test tensors' (format 0.5 dynamic validation):
/// which case, the shapes in and out, and whether it ran with the described output shapes.
/// </summary>
/// <param name="Case">The case, e.g. <c>n=1</c>, <c>test size + 1 step</c>, <c>batch 2</c>.</param>
/// <param name="BatchSize">The batch size fed.</param>
/// <param name="Inputs">The input shapes.</param>
/// <param name="Outputs">The output shapes (empty when the run failed).</param>
/// <param name="Passed">Whether the run succeeded, every output shape is as described and (batch runs) batch entry 0 matched its run alone.</param>
/// <param name="BatchMaxAbsDifference">For a batch run: the largest difference between batch entry 0 and the same input run alone; null otherwise.</param>
public sealed record SizeRunFigures(string Case, int BatchSize, IReadOnlyList<TensorShapeFigure> Inputs, IReadOnlyList<TensorShapeFigure> Outputs,
    bool Passed, double? BatchMaxAbsDifference = null);
