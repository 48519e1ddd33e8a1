using System.Numerics.Tensors;

namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Separable Gaussian blur of a <c>z,y,x</c> field in place, with reflected borders and a kernel cut at 3σ
/// (the elastic deformation's smoothing). Holds its kernel and line buffer so repeated calls do not allocate.
/// </summary>
internal sealed class GaussianSmoothing
{
    private float[] _kernel = [];
    private double _sigma = double.NaN;
    private float[] _line = [];

    public void Apply(Span<float> field, PatchSize size, double sigma)
    {
        PrepareKernel(sigma);
        int plane = size.Height * size.Width;
        if (size.Width > 1) Blur(field, count: size.Width, stride: 1, lines: size.Depth * size.Height, lineStep: size.Width, blockStep: 0, blocks: 1);
        if (size.Height > 1) Blur(field, count: size.Height, stride: size.Width, lines: size.Width, lineStep: 1, blockStep: plane, blocks: size.Depth);
        if (size.Depth > 1) Blur(field, count: size.Depth, stride: plane, lines: plane, lineStep: 1, blockStep: 0, blocks: 1);
    }

    private void PrepareKernel(double sigma)
    {
        if (sigma == _sigma) return;
        int radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        _kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++) sum += _kernel[i + radius] = (float)Math.Exp(-0.5 * i * i / (sigma * sigma));
        for (int i = 0; i < _kernel.Length; i++) _kernel[i] = (float)(_kernel[i] / sum);
        _sigma = sigma;
    }

    /// <summary>Blurs lines of <paramref name="count"/> values <paramref name="stride"/> apart; line k of block b starts at b·blockStep + k·lineStep.</summary>
    private void Blur(Span<float> field, int count, int stride, int lines, int lineStep, int blockStep, int blocks)
    {
        int radius = _kernel.Length / 2;
        if (_line.Length < count + 2 * radius) _line = new float[count + 2 * radius];
        var padded = _line.AsSpan(0, count + 2 * radius);
        for (int b = 0; b < blocks; b++)
        {
            for (int k = 0; k < lines; k++)
            {
                int start = b * blockStep + k * lineStep;
                for (int i = 0; i < padded.Length; i++) padded[i] = field[start + Reflect.Index(i - radius, count) * stride];
                for (int i = 0; i < count; i++) field[start + i * stride] = TensorPrimitives.Dot(_kernel, padded.Slice(i, _kernel.Length));
            }
        }
    }
}
