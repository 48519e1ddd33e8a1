using System.Numerics.Tensors;
using Google.Protobuf;
using ModelZooBridge.Arrays;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Spec;
using ModelZooBridge.Torch.Data;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Torch.Training;

/// <summary>
/// Writes a trained <see cref="UNet"/> as a bioimage.io package through <see cref="ModelPackageExporter"/>: the ONNX
/// graph from <see cref="OnnxExport"/>, a test input/output pair computed here in libtorch, the architecture, and
/// <c>zero_mean_unit_variance</c> preprocessing over the spatial axes per sample and channel.
/// </summary>
/// <remarks>
/// The test output is computed from the test input standardised exactly as the package describes it (bioimage.io:
/// <c>(x − mean) / (std + eps)</c>, population std, eps 1e-6), so <c>mzb validate</c> reproduces it. Training data
/// is standardised with the same mean and population std but without eps (<see cref="IntensityNormalization.ZeroMeanUnitVariance"/>),
/// which scales values by <c>std / (std + 1e-6)</c>, a relative difference below 1e-6 for any image whose std exceeds 1;
/// and training statistics come from each whole image file, while a consumer computes them over the tensor it is given.
/// </remarks>
public static class PackageExport
{
    /// <summary>Exports <paramref name="model"/> with <paramref name="testInput"/> as its test image and returns the description written.</summary>
    /// <param name="model">The trained network; it runs in evaluation mode without grad here and gets its mode back afterwards.</param>
    /// <param name="testInput">A raw (not normalised) validation crop, axes <c>c,y,x</c> (2D) or <c>c,z,y,x</c> (3D), whose
    /// spatial sizes are <c>min + n·step</c> of the architecture (<see cref="NetworkArchitecture.InputSize"/>).</param>
    /// <param name="details">Name, description, authors and training summary.</param>
    /// <param name="zipPath">The package to write (atomically).</param>
    /// <param name="cancellationToken">Cancels before the package is written.</param>
    /// <exception cref="ArgumentException">The test input's axes or channels do not fit the model, or the exporter
    /// rejects the request (sizes off the step grid, valid padding, which packages cannot describe yet, …).</exception>
    public static ModelDescr Export(UNet model, NdArray testInput, ExportDetails details, string zipPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(testInput);
        ArgumentNullException.ThrowIfNull(details);
        var architecture = UNetArchitecture.Describe(model);
        string expectedAxes = "c" + string.Concat(architecture.SpatialAxes.Select(a => a.Value));
        if (testInput.AxesString != expectedAxes || testInput.SizeOf(AxisId.Channel) != architecture.InputChannels)
            throw new ArgumentException($"test input {testInput} does not fit {architecture.Name}: axes {expectedAxes} with {architecture.InputChannels} channel(s) are needed", nameof(testInput));

        var preprocessing = new ZeroMeanUnitVarianceDescr(architecture.SpatialAxes.ToEquatableArray());
        var input = (NdArray<float>)testInput.ToFloat32().ExpandDims(AxisId.Batch, 0);
        var output = Predict(model, Standardize(input, preprocessing.Eps));
        cancellationToken.ThrowIfCancellationRequested();

        var request = new ModelExportRequest(OnnxExport.ToModel(model).ToByteArray(), architecture, input, output, details.Training)
        {
            Name = details.Name,
            Description = details.Description,
            Authors = details.Authors,
            License = details.License,
            Tags = details.Tags,
            ClassNames = details.ClassNames,
            InputChannelNames = details.InputChannelNames,
            Version = details.Version,
            Preprocessing = EquatableArray.Create<ProcessingDescr>(preprocessing),
        };
        return ModelPackageExporter.Export(request, zipPath, cancellationToken);
    }

    // bioimage.io zero_mean_unit_variance over the spatial axes of each channel of the single sample.
    private static NdArray<float> Standardize(NdArray<float> input, double eps)
    {
        var result = new NdArray<float>(input.Shape.AsSpan(), input.Axes.AsSpan());
        int channels = input.SizeOf(AxisId.Channel);
        int voxels = input.Span.Length / channels;
        for (int c = 0; c < channels; c++)
        {
            var source = input.Span.Slice(c * voxels, voxels);
            var (mean, std) = IntensityStatistics.MeanAndStd(source);
            var destination = result.Span.Slice(c * voxels, voxels);
            TensorPrimitives.Subtract(source, (float)mean, destination);
            TensorPrimitives.Multiply(destination, (float)(1 / (std + eps)), destination);
        }
        return result;
    }

    private static NdArray<float> Predict(UNet model, NdArray<float> input)
    {
        bool wasTraining = model.IsTraining;
        model.Eval();
        try
        {
            using var noGrad = TorchRuntime.NoGrad();
            using var scope = TorchRuntime.NewScope();
            var device = model.Parameters().First().Device;
            var logits = model.Forward(Tensor.FromArray<float>(input.Span, [.. input.Shape.Select(s => (long)s)], device));
            var probabilities = model.Config.Classes == 1 ? Functional.Sigmoid(logits) : Functional.Softmax(logits, 1);
            return new NdArray<float>(probabilities.To(DType.Float32, Device.Cpu).ToArray<float>(), [.. probabilities.Shape.Select(s => (int)s)], input.Axes.AsSpan());
        }
        finally
        {
            model.Train(wasTraining);
        }
    }
}
