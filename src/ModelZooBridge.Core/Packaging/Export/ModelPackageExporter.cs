using System.Security.Cryptography;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Imaging.Png;
using ModelZooBridge.Onnx;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Packaging.Export;

/// <summary>
/// Writes a trained network as a bioimage.io model package (format 0.5, a zip, atomically): <c>rdf.yaml</c>,
/// <c>weights.onnx</c>, <c>test_input.npy</c> / <c>test_output.npy</c>, <c>cover.png</c> and <c>README.md</c>, with
/// the sha256 of the weights and test tensors and the architecture in <c>config.modelzoobridge</c>
/// (zoo-specs/README.md, "Packages mzb exports").
/// </summary>
/// <remarks>
/// The network's last layer (softmax over the classes, or sigmoid for a single class) is part of the ONNX graph, so
/// the output is already a probability in [0, 1] and the description declares no postprocessing: every consumer
/// that runs the weights gets probabilities without implementing a postprocessing step.
/// </remarks>
public static class ModelPackageExporter
{
    /// <summary>The package's file names.</summary>
    public const string WeightsFile = "weights.onnx", TestInputFile = "test_input.npy", TestOutputFile = "test_output.npy",
        CoverFile = "cover.png", DocumentationFile = "README.md";

    // The description's channel axis id (format 0.5 default), not the array axis name "c".
    private static readonly AxisId ChannelAxisId = new("channel");

    /// <summary>Writes the package for <paramref name="request"/> to <paramref name="zipPath"/> and returns its description.</summary>
    /// <exception cref="ArgumentException">The request is inconsistent (architecture, ONNX graph and test tensors
    /// disagree, sizes off the step grid, …); the message names the problem.</exception>
    /// <exception cref="OnnxFormatException">The ONNX bytes are not a readable model.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled; nothing is written.</exception>
    public static ModelDescr Export(ModelExportRequest request, string zipPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrEmpty(zipPath);
        var onnxBytes = request.Onnx.ToArray();
        var onnx = OnnxModelInfo.Read(new MemoryStream(onnxBytes, writable: false), WeightsFile);
        CheckRequest(request, onnx);

        var staging = Path.Combine(Path.GetTempPath(), $"mzb-export-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = new Dictionary<string, string>(StringComparer.Ordinal);
            string Stage(string name) => files[name] = Path.Combine(staging, name);
            File.WriteAllBytes(Stage(WeightsFile), onnxBytes);
            NpyFile.Write(Stage(TestInputFile), request.TestInput);
            NpyFile.Write(Stage(TestOutputFile), request.TestOutput);
            cancellationToken.ThrowIfCancellationRequested();
            PngWriter.Write(Stage(CoverFile), CoverImage.Create(request.TestInput, request.TestOutput));

            var descr = Describe(request, (int)onnx.DefaultOpsetVersion!.Value, Sha256(files[WeightsFile]), Sha256(files[TestInputFile]), Sha256(files[TestOutputFile]));
            File.WriteAllText(Stage(DocumentationFile), ExportDocumentation.Write(request, descr));
            cancellationToken.ThrowIfCancellationRequested();
            PackageWriter.Write(zipPath, ModelDescrWriter.Write(descr), files);
            return descr;
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static ModelDescr Describe(ModelExportRequest request, int opset, string weightsSha, string inputSha, string outputSha)
    {
        var arch = request.Architecture;
        var inputAxes = new List<AxisDescr> { new BatchAxis(), new ChannelAxis(InputChannelNames(request), ChannelAxisId) };
        var outputAxes = new List<AxisDescr> { new BatchAxis(), new ChannelAxis(ClassNames(request), ChannelAxisId) };
        foreach (var axis in arch.SpatialAxes)
        {
            inputAxes.Add(new SpaceInputAxis(arch.InputSize(axis), axis));
            var size = new SizeReference(request.InputId, axis);
            outputAxes.Add(request.Halo.TryGetValue(axis, out var halo) && halo > 0
                ? new SpaceOutputAxisWithHalo(size, halo, axis)
                : new SpaceOutputAxis(size, axis));
        }
        var input = new InputTensorDescr(request.InputId, inputAxes.ToArray(), EquatableArray.Create<TensorDataDescr>(IntervalOrRatioDataDescr.Default),
            "raw image", new FileDescr(TestInputFile, inputSha),
            Preprocessing: request.Preprocessing.IsEmpty
                ? EquatableArray.Create<ProcessingDescr>(new ZeroMeanUnitVarianceDescr(arch.SpatialAxes.ToEquatableArray()))
                : request.Preprocessing);
        var output = new OutputTensorDescr(request.OutputId, outputAxes.ToArray(),
            EquatableArray.Create<TensorDataDescr>(new IntervalOrRatioDataDescr("float32", RangeMin: 0, RangeMax: 1)),
            "probability of each class", new FileDescr(TestOutputFile, outputSha));
        var weights = new WeightsDescr(Onnx: new OnnxWeightsDescr(WeightsFile, weightsSha, opset));
        string dimensionality = arch.Name == NetworkArchitecture.UNet2d ? "2d" : "3d";
        return new ModelDescr(ModelDescr.LatestFormatVersion, request.Name, EquatableArray.Create(input), EquatableArray.Create(output), weights)
        {
            Description = request.Description,
            Authors = request.Authors,
            Cite = request.Cite.IsEmpty ? EquatableArray.Create(ModelExportRequest.UNetCitation) : request.Cite,
            License = request.License,
            Tags = new[] { dimensionality, "unet", "semantic-segmentation", "modelzoobridge" }.Concat(request.Tags).Distinct(StringComparer.Ordinal).ToEquatableArray(),
            Version = request.Version,
            Covers = EquatableArray.Create(CoverFile),
            Documentation = DocumentationFile,
            Timestamp = request.Timestamp ?? DateTimeOffset.UtcNow,
            Config = ArchitectureConfig.ToConfig(arch),
        };
    }

    private static EquatableArray<string> InputChannelNames(ModelExportRequest request) =>
        !request.InputChannelNames.IsEmpty ? request.InputChannelNames
        : request.Architecture.InputChannels == 1 ? EquatableArray.Create("raw")
        : Enumerable.Range(0, request.Architecture.InputChannels).Select(i => $"raw{i}").ToEquatableArray();

    private static EquatableArray<string> ClassNames(ModelExportRequest request) =>
        !request.ClassNames.IsEmpty ? request.ClassNames
        : request.Architecture.Classes == 2 ? EquatableArray.Create("background", "foreground")
        : Enumerable.Range(0, request.Architecture.Classes).Select(i => $"class{i}").ToEquatableArray();

    private static void CheckRequest(ModelExportRequest request, OnnxModelInfo onnx)
    {
        var arch = request.Architecture;
        if (arch.Problems() is [var problem, ..]) throw new ArgumentException(problem, nameof(request));
        if (arch.Padding != "same")
            throw new ArgumentException($"padding '{arch.Padding}' cannot be exported yet: the output would be smaller than the input", nameof(request));
        if (request.Authors.IsEmpty) throw new ArgumentException("at least one author is needed", nameof(request));
        Check(request.InputChannelNames.IsEmpty || request.InputChannelNames.Count == arch.InputChannels,
            $"{request.InputChannelNames.Count} input channel names for {arch.InputChannels} input channels");
        Check(request.ClassNames.IsEmpty || request.ClassNames.Count == arch.Classes, $"{request.ClassNames.Count} class names for {arch.Classes} classes");
        Check(request.InputId != request.OutputId, $"input and output share the id '{request.InputId}'");

        string axes = "bc" + string.Concat(arch.SpatialAxes.Select(a => a.Value));
        Check(onnx.Inputs.Count == 1 && onnx.Outputs.Count == 1,
            $"the ONNX graph has {onnx.Inputs.Count} inputs and {onnx.Outputs.Count} outputs; one of each is needed");
        Check(onnx.DefaultOpsetVersion is not null, "the ONNX model imports no default (ai.onnx) operator set");
        Check(onnx.Inputs[0].Rank == axes.Length && onnx.Outputs[0].Rank == axes.Length,
            $"the ONNX input and output must have rank {axes.Length} ({axes}), not {onnx.Inputs[0].Rank} and {onnx.Outputs[0].Rank}");
        CheckTensor("test input", request.TestInput, axes, arch.InputChannels);
        CheckTensor("test output", request.TestOutput, axes, arch.Classes);
        foreach (var axis in arch.SpatialAxes)
        {
            int size = request.TestInput.SizeOf(axis);
            var allowed = arch.InputSize(axis);
            Check(size >= allowed.Min && (size - allowed.Min) % allowed.Step == 0,
                $"test input {axis} size {size} is not {allowed.Min} + n·{allowed.Step}, as {arch.Depth} levels of {arch.Name} need");
            Check(request.TestOutput.SizeOf(axis) == size, $"test output {axis} size {request.TestOutput.SizeOf(axis)} differs from the test input's {size}");
        }
        Check(request.TestInput.Shape[0] == request.TestOutput.Shape[0], "test input and output differ in batch size");
    }

    private static void CheckTensor(string what, NdArray tensor, string axes, int channels)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        Check(tensor.AxesString == axes, $"{what} has axes {tensor.AxesString}; {axes} is needed");
        Check(tensor.DType == DType.Float32, $"{what} is {tensor.DType.Name()}; float32 is needed");
        Check(tensor.SizeOf(AxisId.Channel) == channels, $"{what} has {tensor.SizeOf(AxisId.Channel)} channels, not {channels}");
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition) throw new ArgumentException(problem, "request");
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
