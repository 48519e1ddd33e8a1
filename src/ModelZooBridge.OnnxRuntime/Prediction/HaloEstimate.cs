using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.OnnxRuntime.Tiling;
using ModelZooBridge.Spec;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>
/// The result of <see cref="HaloProbe.Estimate"/>: per input axis, how far the model looks around an output pixel,
/// in input pixels, as far as the probes could see.
/// </summary>
/// <param name="InputId">The probed input.</param>
/// <param name="Axes">The input's axis ids.</param>
/// <param name="Context">
/// Per input axis, the input pixels before (<see cref="Halo.Left"/>) and after (<see cref="Halo.Right"/>) an output
/// pixel that changed it in some probe; <see cref="Halo.None"/> for axes that are not probed (batch, channel, index).
/// </param>
/// <param name="ReachesBorder">
/// Per input axis, whether the response still reached the border of the largest probe: the context is then a lower
/// bound (a global operation, or a receptive field wider than <see cref="HaloProbeOptions.MaxSize"/> or a fixed graph size allows).
/// </param>
/// <param name="ProbeShape">The input shape of the last (largest) probe round.</param>
/// <param name="Responded">False when no probe changed any output (the context is then meaningless).</param>
/// <param name="Runs">Engine runs made.</param>
public sealed record HaloEstimate(string InputId, ImmutableArray<AxisId> Axes, ImmutableArray<Halo> Context, ImmutableArray<bool> ReachesBorder,
    ImmutableArray<int> ProbeShape, bool Responded, int Runs)
{
    /// <summary>The symmetric input halo per input axis: the larger of the two sides of <see cref="Context"/>.</summary>
    public ImmutableArray<int> Radius => [.. Context.Select(c => Math.Max(c.Left, c.Right))];

    /// <summary>
    /// The halo <paramref name="output"/> would declare per output axis (spec 0.5 <c>halo</c>, output pixels): the
    /// referenced input axis' <see cref="Radius"/> times the output's pixels per input pixel, rounded up; 0 on axes that
    /// do not follow the inputs.
    /// </summary>
    /// <param name="model">The probed model: blocks follow its first input, which further inputs share.</param>
    /// <param name="output">One of its outputs.</param>
    /// <exception cref="NotSupportedException">When an output size cannot be derived from the inputs (<see cref="SpecDigest.OutputAxisMaps"/>).</exception>
    public ImmutableArray<int> OutputHalo(ModelDescr model, OutputTensorDescr output)
    {
        ArgumentNullException.ThrowIfNull(model);
        var radius = Radius;
        return [.. SpecDigest.OutputAxisMaps(model.Inputs[0], output, model.Inputs.Skip(1).ToList())
            .Select(m => m.IsWhole ? 0 : (int)Math.Ceiling(radius[m.InputAxis] * m.Factor - 1e-9))];
    }
}
