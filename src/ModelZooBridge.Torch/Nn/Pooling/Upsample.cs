using ModelZooBridge.Onnx;
using ModelZooBridge.Onnx.Proto;

namespace ModelZooBridge.Torch.Nn;

/// <summary>Upsampling by per-axis scale factors, nearest or (bi/tri)linear (https://pytorch.org/docs/1.13/generated/torch.nn.Upsample.html).</summary>
public sealed class Upsample : ParameterLessModule
{
    private readonly double[] _scale;

    /// <summary>Creates the layer; the scale array's length (2 or 3) is the spatial rank.</summary>
    public Upsample(double[] scale, UpsampleMode mode = UpsampleMode.Nearest, bool alignCorners = false)
    {
        if (scale.Length is not (2 or 3) || scale.Any(s => s <= 0)) throw new ArgumentException($"give 2 or 3 positive scale factors, got ({string.Join(", ", scale)})", nameof(scale));
        _scale = scale;
        Mode = mode;
        AlignCorners = alignCorners;
    }

    /// <summary>Scale factor per spatial axis.</summary>
    public IReadOnlyList<double> Scale => _scale;

    /// <summary>Interpolation.</summary>
    public UpsampleMode Mode { get; }

    /// <summary>Linear modes: align the corner pixels' centres.</summary>
    public bool AlignCorners { get; }

    /// <inheritdoc />
    public override Tensor Forward(Tensor input) => Functional.Upsample(input, _scale, Mode, AlignCorners);

    /// <inheritdoc />
    /// <remarks>
    /// <c>Resize</c> with scales [1, 1, s…]. PyTorch's nearest mode takes <c>floor(dst / scale)</c> (ONNX
    /// <c>asymmetric</c>, <c>floor</c>); its linear modes are <c>half_pixel</c>, or <c>align_corners</c> when set.
    /// </remarks>
    public override string EmitOnnx(OnnxGraphBuilder graph, string input, string path)
    {
        float[] scales = [1f, 1f, .. _scale.Select(s => (float)s)];
        string scalesName = graph.AddInitializer(graph.UniqueName(OnnxNames.Node(path, "Resize"), "scales"), scales, [scales.Length]);
        AttributeProto[] attributes = Mode == UpsampleMode.Nearest
            ? [OnnxAttributes.String("mode", "nearest"), OnnxAttributes.String("coordinate_transformation_mode", "asymmetric"), OnnxAttributes.String("nearest_mode", "floor")]
            : [OnnxAttributes.String("mode", "linear"), OnnxAttributes.String("coordinate_transformation_mode", AlignCorners ? "align_corners" : "half_pixel")];
        return graph.AddNode("Resize", [input, "", scalesName], OnnxNames.Node(path, "Resize"), attributes);
    }
}
