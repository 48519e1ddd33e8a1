using System.Globalization;
using System.Text;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Packaging.Export;

/// <summary>The <c>README.md</c> of an exported package: the network, its input and output, the training and its validation figures.</summary>
public static class ExportDocumentation
{
    /// <summary>The Markdown text for <paramref name="request"/>, whose description is <paramref name="descr"/>.</summary>
    public static string Write(ModelExportRequest request, ModelDescr descr)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(descr);
        var arch = request.Architecture;
        var input = descr.Inputs[0];
        var output = descr.Outputs[0];
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"# {descr.Name}\n\n{descr.Description}\n\n");

        text.Append(c, $"## Architecture\n\n`{arch.Name}`, built and trained with ModelZooBridge (libtorch), exported to ONNX (opset {descr.Weights.Onnx?.OpsetVersion}).\n\n");
        text.Append("| hyper-parameter | value |\n| --- | --- |\n");
        text.Append(c, $"| depth (resolution levels) | {arch.Depth} |\n| first-level filters | {arch.FirstLevelFilters} |\n");
        text.Append(c, $"| input channels | {arch.InputChannels} |\n| classes | {arch.Classes} |\n| padding | {arch.Padding} |\n| normalization | {arch.Normalization} |\n\n");

        text.Append("## Input and output\n\n");
        text.Append(c, $"- Input `{input.Id}`: axes {Axes(input.Axes)}; float32. ");
        text.Append(string.Join("; ", arch.SpatialAxes.Select(a => $"{a} size {arch.InputSize(a).Min} + n·{arch.InputSize(a).Step}")));
        text.Append(c, $" (each 2× pooling must divide evenly).\n- Preprocessing, as in training: {Processing(input.Preprocessing)}.\n");
        text.Append(c, $"- Output `{output.Id}`: axes {Axes(output.Axes)}; one probability in [0, 1] per class ({string.Join(", ", ChannelNames(output.Axes))}). ");
        text.Append(arch.Classes == 1
            ? "The sigmoid is part of the network, so there is no postprocessing.\n\n"
            : "The softmax over the classes is part of the network, so there is no postprocessing.\n\n");

        var training = request.Training;
        text.Append(c, $"## Training\n\n- Data: {training.Data}\n- Epochs: {training.Epochs}\n");
        // Whole hours, so a run longer than a day does not wrap.
        text.Append(c, $"- Time: {(int)training.Duration.TotalHours:00}:{training.Duration:mm\\:ss}\n- Seed: {training.Seed}\n");
        foreach (var setting in training.Settings) text.Append(c, $"- {setting}\n");

        text.Append("\n## Validation\n\n");
        if (training.Metrics.Count == 0) text.Append("No validation figures were recorded.\n");
        else
        {
            text.Append("| metric | value |\n| --- | --- |\n");
            foreach (var (name, value) in training.Metrics) text.Append(c, $"| {name} | {value:0.####} |\n");
        }
        text.Append("\nThe package's test output reproduces from its test input (`mzb validate`).\n\n");

        text.Append("## Use\n\n");
        text.Append("`mzb predict --model model.zip --input image.tif --output probabilities.tif` (tiled, ONNX Runtime), or any ");
        text.Append("bioimage.io consumer that runs ONNX weights. To fine-tune, `mzb train --from model.zip` rebuilds the network from ");
        text.Append("`config.modelzoobridge` in rdf.yaml and loads the ONNX weights.\n");
        return text.ToString();
    }

    private static string Axes(EquatableArray<AxisDescr> axes) => string.Join(",", axes.Select(a => a.Id.Value));

    private static IEnumerable<string> ChannelNames(EquatableArray<AxisDescr> axes) =>
        axes.OfType<ChannelAxis>().SelectMany(a => a.ChannelNames);

    private static string Processing(EquatableArray<ProcessingDescr> steps) => steps.IsEmpty ? "none" : string.Join(", then ", steps.Select(step => step switch
    {
        ZeroMeanUnitVarianceDescr z => $"`{z.Id}` over {string.Join(",", z.Axes?.Select(a => a.Value) ?? ["all axes"])} (statistics of each image)",
        ScaleRangeDescr s => $"`{s.Id}` from the {s.MinPercentile}th to the {s.MaxPercentile}th percentile over {string.Join(",", s.Axes?.Select(a => a.Value) ?? ["all axes"])}",
        _ => $"`{step.Id}`",
    }));
}
