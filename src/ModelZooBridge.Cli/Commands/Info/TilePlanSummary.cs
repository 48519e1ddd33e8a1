using System.Collections.Immutable;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.OnnxRuntime.Prediction;

namespace ModelZooBridge.Cli.Commands.Info;

/// <summary>
/// The block plan <c>mzb predict --memory</c> would use for an image: the <see cref="Predictor"/>'s own choice, computed from
/// the image's header shape (no pixels are read), on the CPU with one thread.
/// </summary>
internal sealed record TilePlanSummary(string Image, ImmutableArray<int> ImageShape, string ImageAxes, int MemoryMiB, BlockPlan Plan, long Blocks)
{
    /// <summary>Plans <paramref name="imagePath"/> with the package's predictor.</summary>
    /// <exception cref="DllNotFoundException">When ONNX Runtime is missing.</exception>
    /// <exception cref="ArgumentException">When the image does not fit the model's input, or no block fits the budget.</exception>
    public static TilePlanSummary For(string packagePath, string imagePath, int memoryMiB)
    {
        ImageInfo info;
        using (var reader = ImageFiles.OpenReader(imagePath)) info = reader.Info;
        // A uint8 array of the image's shape stands in for the image: planning reads only shapes and axes.
        using var shaped = NdArray.Create(DType.UInt8, info.Shape.AsSpan(), info.Axes.AsSpan());
        using var predictor = Predictor.Open(packagePath, new PredictorOptions
        {
            Device = DeviceRequest.Parse("cpu"),
            IntraOpThreads = 1,
            MemoryBudgetBytes = (long)memoryMiB << 20,
        });
        var plan = predictor.PlanFor(shaped);
        var tensorShape = SampleLayout.TensorShape(shaped, predictor.Description.Inputs[0]);
        return new TilePlanSummary(imagePath, info.Shape, info.AxesString, memoryMiB, plan, plan.BlockCount(tensorShape));
    }
}
