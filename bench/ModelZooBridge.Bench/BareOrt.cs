using ModelZooBridge.OnnxRuntime;

namespace ModelZooBridge.Bench;

/// <summary>
/// The baseline: our <see cref="InferenceSession"/> on the same ONNX file with the predictor's thread settings, run on
/// ready tiles of one shape: no tiling, preprocessing, padding or merging, only the engine.
/// </summary>
internal sealed class BareOrt : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    public BareOrt(string onnxPath, int threads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        _session = new InferenceSession(onnxPath, options);
        _input = _session.InputMetadata[0].Name;
        _output = _session.OutputMetadata[0].Name;
    }

    /// <summary>Runs <paramref name="count"/> tiles of <paramref name="shape"/> (b, c, spatial...) of standardised noise; returns wall seconds.</summary>
    public double Run(IReadOnlyList<int> shape, long count)
    {
        var tile = Noise.Standardised(shape.Aggregate(1, (a, b) => a * b), seed: 7);
        return Run(shape, count, _ => tile);
    }

    /// <summary>Runs each of <paramref name="tiles"/> (all of <paramref name="shape"/>) one after another; returns wall seconds.</summary>
    public double Run(IReadOnlyList<int> shape, IReadOnlyList<float[]> tiles) => Run(shape, tiles.Count, i => tiles[(int)i]);

    private double Run(IReadOnlyList<int> shape, long count, Func<long, float[]> tile)
    {
        var dims = shape.Select(d => (long)d).ToArray();
        return Alternation.Time(() =>
        {
            for (long i = 0; i < count; i++)
            {
                using var value = OrtValue.CreateTensor<float>(tile(i).AsMemory(), dims);
                using var outputs = _session.Run([_input], [value], [_output]);
            }
        });
    }

    public void Dispose() => _session.Dispose();
}
