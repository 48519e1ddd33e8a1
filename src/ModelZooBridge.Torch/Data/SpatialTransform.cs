using System.Numerics.Tensors;

namespace ModelZooBridge.Torch.Data;

/// <summary>
/// A random spatial deformation of a patch: for every patch pixel p, the source position relative to the patch
/// origin is c + A·(p − c) + d(p), where c is the patch centre, A a rotation (in y,x) and zoom, and d a smooth
/// elastic displacement field (white noise blurred with σ and scaled so its largest component has the drawn
/// magnitude). The maps and field buffers are kept between patches, so drawing a transform does not allocate.
/// </summary>
internal sealed class SpatialTransform
{
    private readonly GaussianSmoothing _smoothing = new();
    private float[] _z = [], _y = [], _x = [], _field = [];

    /// <summary>True when the last <see cref="Draw"/> chose no deformation (the patch is a plain crop).</summary>
    public bool IsIdentity { get; private set; } = true;

    /// <summary>Source z offset of each patch pixel.</summary>
    public ReadOnlySpan<float> Z => _z;

    /// <summary>Source y offset of each patch pixel.</summary>
    public ReadOnlySpan<float> Y => _y;

    /// <summary>Source x offset of each patch pixel.</summary>
    public ReadOnlySpan<float> X => _x;

    /// <summary>Decides which deformations apply and, if any, fills the coordinate maps.</summary>
    public void Draw(SeededRandom random, AugmentationOptions options, PatchSize size)
    {
        double angle = random.Chance(options.RotationProbability) ? options.RotationDegrees.Draw(random) * Math.PI / 180 : 0;
        double zoom = random.Chance(options.ScaleProbability) ? options.Scale.Draw(random) : 1;
        double magnitude = random.Chance(options.ElasticProbability) ? options.ElasticMagnitude.Draw(random) : 0;
        IsIdentity = angle == 0 && zoom == 1 && magnitude == 0;
        if (IsIdentity) return;
        int n = size.VoxelCount;
        if (_z.Length != n)
        {
            _z = new float[n];
            _y = new float[n];
            _x = new float[n];
            _field = new float[n];
        }
        FillAffine(size, angle, zoom);
        if (magnitude <= 0) return;
        if (!size.Is2D) AddElastic(_z, random, size, options.ElasticSigma, magnitude);
        AddElastic(_y, random, size, options.ElasticSigma, magnitude);
        AddElastic(_x, random, size, options.ElasticSigma, magnitude);
    }

    private void FillAffine(PatchSize size, double angle, double zoom)
    {
        // The inverse map: output pixels look up where they came from, so rotate by −angle and divide by the zoom.
        double cos = Math.Cos(angle) / zoom, sin = Math.Sin(angle) / zoom;
        double cy = (size.Height - 1) / 2.0, cx = (size.Width - 1) / 2.0;
        int i = 0;
        for (int z = 0; z < size.Depth; z++)
        {
            for (int y = 0; y < size.Height; y++)
            {
                double dy = y - cy;
                for (int x = 0; x < size.Width; x++, i++)
                {
                    double dx = x - cx;
                    _z[i] = z;
                    _y[i] = (float)(cy + cos * dy + sin * dx);
                    _x[i] = (float)(cx - sin * dy + cos * dx);
                }
            }
        }
    }

    private void AddElastic(Span<float> map, SeededRandom random, PatchSize size, double sigma, double magnitude)
    {
        var field = _field.AsSpan();
        for (int i = 0; i < field.Length; i++) field[i] = (float)(2 * random.NextDouble() - 1);
        _smoothing.Apply(field, size, sigma);
        float largest = Math.Abs(TensorPrimitives.MaxMagnitude(field));
        if (largest > 0) TensorPrimitives.MultiplyAdd(field, (float)(magnitude / largest), map, map);
    }
}
