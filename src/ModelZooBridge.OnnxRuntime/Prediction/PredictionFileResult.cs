using ModelZooBridge.Imaging;

namespace ModelZooBridge.OnnxRuntime.Prediction;

/// <summary>The files one <see cref="Predictor.PredictFile"/> wrote, in the model's output order.</summary>
/// <param name="OutputIds">The output tensor ids.</param>
/// <param name="OutputPaths">The file written for each output.</param>
/// <param name="OutputInfos">Dtype, shape and axes (image names, batch included) of each output as the model made it; the file holds it arranged as <see cref="ModelZooBridge.Imaging.ImageFiles.Write"/> arranges an array.</param>
/// <param name="Report">What ran, how long it took, and the slabs and working set.</param>
public sealed record PredictionFileResult(
    IReadOnlyList<string> OutputIds, IReadOnlyList<string> OutputPaths, IReadOnlyList<ImageInfo> OutputInfos, PredictionReport Report)
{
    /// <summary>
    /// The file for output <paramref name="index"/> when the first output goes to <paramref name="target"/>: the target
    /// itself for the first, <c>NAME-ID.EXT</c> beside it for the others.
    /// </summary>
    public static string OutputPath(string target, int index, string outputId)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        return index == 0 ? target
            : Path.Combine(Path.GetDirectoryName(target) ?? "", $"{Path.GetFileNameWithoutExtension(target)}-{outputId}{Path.GetExtension(target)}");
    }
}
