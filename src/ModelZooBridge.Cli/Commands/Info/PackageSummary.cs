using System.Globalization;
using ModelZooBridge.Onnx;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;
using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary>How an input axis may be tiled: <c>min + n·step</c> (step 0: fixed), the input halo, and a size the ONNX graph fixes.</summary>
internal sealed record TileAxisSummary(int Min, int Step, int Halo, long? FixedByGraph);

/// <summary>One axis: id, type, its size as written (e.g. <c>64 + n·16</c>, <c>= raw.y</c>), tiling (tiled input axes) and halo (outputs).</summary>
internal sealed record AxisSummary(string Id, string Type, string Size, TileAxisSummary? Tile, int Halo);

/// <summary>One tensor with its axes and its pre- or postprocessing step ids.</summary>
internal sealed record TensorSummary(string Id, IReadOnlyList<AxisSummary> Axes, IReadOnlyList<string> Processing);

/// <summary>
/// What <c>mzb info PACKAGE</c> reports: the description's facts, the tile constraints, and the halo — declared, or
/// estimated by <see cref="HaloProbe"/> when none is declared and ONNX Runtime is available.
/// </summary>
internal sealed record PackageSummary(string Path, string DescriptionFile, string Name, string FormatVersion, IReadOnlyList<(string Format, string Source)> Weights,
    IReadOnlyList<TensorSummary> Inputs, IReadOnlyList<TensorSummary> Outputs, bool DeclaresHalo, HaloEstimate? Estimate, string? ProbeSkipped, ModelDescr Model)
{
    /// <summary>Reads the package; probes the halo when none is declared (one ORT thread).</summary>
    /// <exception cref="PackageException">When the package or its description cannot be read.</exception>
    public static PackageSummary Read(string path, CancellationToken cancellationToken)
    {
        using var package = ModelPackage.Open(path);
        var read = ModelDescrReader.Read(package.ReadDescriptionBytes(), package.DescriptionFileName);
        if (read.Description is not { } model)
            throw new PackageException(path, "invalid description: " + string.Join("; ", read.Errors.Take(3).Select(e => e.ToString())));
        var graph = GraphInputs(package, model);
        var inputs = model.Inputs.Select((t, i) => new TensorSummary(t.Id,
            [.. t.Axes.Select((a, d) => Axis(a, Tile(model, t, d, graph.ElementAtOrDefault(i)), 0))], [.. t.Preprocessing.Select(p => p.Id)])).ToList();
        var outputs = model.Outputs.Select(t => new TensorSummary(t.Id,
            [.. t.Axes.Select((a, d) => Axis(a, null, SpecDigest.OutputHalo(t)[d]))], [.. t.Postprocessing.Select(p => p.Id)])).ToList();
        bool declares = SpecDigest.DeclaresHalo(model.Outputs.Items);
        var (estimate, skipped) = declares ? (null, null) : Probe(package, model, cancellationToken);
        return new PackageSummary(path, package.DescriptionFileName, model.Name, read.SourceFormatVersion ?? model.FormatVersion,
            [.. model.Weights.Entries.Select(w => (w.Format, w.Source))], inputs, outputs, declares, estimate, skipped, model);
    }

    private static (HaloEstimate?, string?) Probe(ModelPackage package, ModelDescr model, CancellationToken cancellationToken)
    {
        if (model.Weights.Onnx is not { } onnx) return (null, "no ONNX weights");
        if (ModelPackage.IsRemoteSource(onnx.Source)) return (null, $"the ONNX weights are a URL ({onnx.Source})");
        try
        {
            _ = OrtRuntime.Instance;
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            using var session = new InferenceSession(package.ReadFile(onnx.Source), options);
            return (HaloProbe.Estimate(session, model, null, cancellationToken), null);
        }
        catch (DllNotFoundException e)
        {
            return (null, "ONNX Runtime unavailable: " + e.Message.Split('\n')[0].Trim());
        }
        catch (NotSupportedException e)
        {
            return (null, e.Message);
        }
        catch (OrtException e)
        {
            return (null, "ONNX Runtime failed: " + e.OrtMessage.Split('\n')[0].Trim());
        }
    }

    /// <summary>The ONNX graph's inputs, read statically (no ORT); empty when there are no readable local ONNX weights.</summary>
    private static IReadOnlyList<OnnxTensorInfo> GraphInputs(ModelPackage package, ModelDescr model)
    {
        if (model.Weights.Onnx is not { } onnx || ModelPackage.IsRemoteSource(onnx.Source) || !package.Exists(onnx.Source)) return [];
        try
        {
            using var stream = package.OpenFile(onnx.Source);
            return OnnxModelInfo.Read(stream, onnx.Source).Inputs;
        }
        catch (OnnxFormatException)
        {
            return [];
        }
    }

    private static TileAxisSummary? Tile(ModelDescr model, InputTensorDescr input, int d, OnnxTensorInfo? graph)
    {
        var axis = input.Axes[d];
        if (SpecDigest.IsUntiled(axis)) return null;
        int halo;
        try
        {
            halo = SpecDigest.InputHalo(input, model.Outputs.Items)[d].Left;
        }
        catch (NotSupportedException)
        {
            halo = 0;
        }
        long? fixedByGraph = graph?.Dims is { } dims && d < dims.Count && dims[d].IsFixed ? dims[d].Value : null;
        return SpecDigest.InputSize(axis) switch
        {
            ParameterizedSize p => new TileAxisSummary(p.Min, p.Step, halo, fixedByGraph),
            FixedSize f => new TileAxisSummary(f.Value, 0, halo, fixedByGraph),
            _ => null,
        };
    }

    private static AxisSummary Axis(AxisDescr axis, TileAxisSummary? tile, int halo) => new(axis.Id.Value, axis.Type, axis switch
    {
        BatchAxis b => b.Size?.ToString(CultureInfo.InvariantCulture) ?? "any",
        ChannelAxis c => $"[{string.Join(", ", c.ChannelNames)}]",
        _ => Size(SizeOf(axis)),
    }, tile, halo);

    private static AxisSize? SizeOf(AxisDescr axis) => axis switch
    {
        SpaceOutputAxis a => a.Size,
        TimeOutputAxis a => a.Size,
        SpaceOutputAxisWithHalo a => a.Size,
        TimeOutputAxisWithHalo a => a.Size,
        IndexOutputAxis a => a.Size,
        _ => SpecDigest.InputSize(axis),
    };

    private static string Size(AxisSize? size) => size switch
    {
        FixedSize f => f.Value.ToString(CultureInfo.InvariantCulture),
        ParameterizedSize p => string.Create(CultureInfo.InvariantCulture, $"{p.Min} + n·{p.Step}"),
        SizeReference r => $"= {r.TensorId}.{r.AxisId.Value}" + (r.Offset == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" {r.Offset:+#;-#}")),
        DataDependentSize d => string.Create(CultureInfo.InvariantCulture, $"data-dependent {d.Min}..{(d.Max is { } max ? max.ToString(CultureInfo.InvariantCulture) : "∞")}"),
        _ => "?",
    };
}
