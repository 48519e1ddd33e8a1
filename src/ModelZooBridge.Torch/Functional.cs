using ModelZooBridge.Torch.Interop;

namespace ModelZooBridge.Torch;

/// <summary>
/// Stateless operators, as <c>torch.nn.functional</c> (https://pytorch.org/docs/1.13/nn.functional.html). Spatial
/// arguments have one entry per spatial axis: 2 for (N, C, H, W) inputs, 3 for (N, C, D, H, W).
/// </summary>
public static unsafe class Functional
{
    /// <summary>Convolution over 2 or 3 spatial axes (<c>conv2d</c>/<c>conv3d</c>); weight (out, in/groups, k...).</summary>
    public static Tensor Convolution(Tensor input, Tensor weight, Tensor? bias, ReadOnlySpan<long> stride, ReadOnlySpan<long> padding,
        ReadOnlySpan<long> dilation, long groups = 1) =>
        Convolve(input, weight, bias, stride, padding, dilation, transposed: false, default, groups);

    /// <summary>Transposed convolution (<c>conv_transpose2d</c>/<c>3d</c>); weight (in, out/groups, k...).</summary>
    public static Tensor ConvolutionTransposed(Tensor input, Tensor weight, Tensor? bias, ReadOnlySpan<long> stride, ReadOnlySpan<long> padding,
        ReadOnlySpan<long> outputPadding, ReadOnlySpan<long> dilation, long groups = 1) =>
        Convolve(input, weight, bias, stride, padding, dilation, transposed: true, outputPadding, groups);

    private static Tensor Convolve(Tensor input, Tensor weight, Tensor? bias, ReadOnlySpan<long> stride, ReadOnlySpan<long> padding,
        ReadOnlySpan<long> dilation, bool transposed, ReadOnlySpan<long> outputPadding, long groups)
    {
        int spatial = SpatialRank(stride, padding, dilation);
        if (transposed) SpatialRank(stride, outputPadding);
        fixed (long* s = stride, p = padding, d = dilation, o = outputPadding)
            return Tensor.FromNative(NativeMethods.mzb_convolution(input.Pointer, weight.Pointer, bias?.Pointer ?? IntPtr.Zero, spatial, s, p, d,
                transposed ? 1 : 0, o, groups, out var result), result, input, weight, bias);
    }

    /// <summary>Max-pooling (<c>max_pool2d</c>/<c>3d</c>); e.g. kernel = stride = (1, 2, 2) pools only y and x.</summary>
    public static Tensor MaxPool(Tensor input, ReadOnlySpan<long> kernel, ReadOnlySpan<long> stride, ReadOnlySpan<long> padding)
    {
        int spatial = SpatialRank(kernel, stride, padding);
        fixed (long* k = kernel, s = stride, p = padding)
            return Tensor.FromNative(NativeMethods.mzb_max_pool(input.Pointer, spatial, k, s, p, out var result), result, input);
    }

    /// <summary>Upsampling by per-axis scale factors (<c>interpolate(scale_factor=…)</c>), nearest or (bi/tri)linear.</summary>
    public static Tensor Upsample(Tensor input, ReadOnlySpan<double> scale, UpsampleMode mode, bool alignCorners = false)
    {
        if (scale.Length is not (2 or 3)) throw new ArgumentException($"give 2 or 3 scale factors, got {scale.Length}", nameof(scale));
        fixed (double* f = scale)
            return Tensor.FromNative(NativeMethods.mzb_upsample(input.Pointer, scale.Length, f, (int)mode, alignCorners ? 1 : 0, out var result), result, input);
    }

    /// <summary>
    /// Batch normalisation (<c>batch_norm</c>): with <paramref name="training"/> it normalises with batch statistics and
    /// updates the running ones in place (<c>running = (1 − momentum)·running + momentum·batch</c>, unbiased variance).
    /// </summary>
    public static Tensor BatchNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool training,
        double momentum = 0.1, double eps = 1e-5) =>
        Tensor.FromNative(NativeMethods.mzb_batch_norm(input.Pointer, weight?.Pointer ?? IntPtr.Zero, bias?.Pointer ?? IntPtr.Zero,
            runningMean?.Pointer ?? IntPtr.Zero, runningVar?.Pointer ?? IntPtr.Zero, training ? 1 : 0, momentum, eps, out var result), result,
            input, runningMean, runningVar, weight, bias);

    /// <summary>Instance normalisation (<c>instance_norm</c>); running statistics are optional and used when <paramref name="useInputStats"/> is false.</summary>
    public static Tensor InstanceNorm(Tensor input, Tensor? runningMean, Tensor? runningVar, Tensor? weight, Tensor? bias, bool useInputStats = true,
        double momentum = 0.1, double eps = 1e-5) =>
        Tensor.FromNative(NativeMethods.mzb_instance_norm(input.Pointer, weight?.Pointer ?? IntPtr.Zero, bias?.Pointer ?? IntPtr.Zero,
            runningMean?.Pointer ?? IntPtr.Zero, runningVar?.Pointer ?? IntPtr.Zero, useInputStats ? 1 : 0, momentum, eps, out var result), result,
            input, runningMean, runningVar, weight, bias);

    /// <summary>Dropout (<c>dropout</c>): zeroes elements with probability p and scales the rest by 1/(1−p) when training.</summary>
    public static Tensor Dropout(Tensor input, double p, bool training) =>
        Tensor.FromNative(NativeMethods.mzb_dropout(input.Pointer, p, training ? 1 : 0, out var result), result, input);

    /// <summary>max(x, 0).</summary>
    public static Tensor Relu(Tensor input) => Tensor.FromNative(NativeMethods.mzb_relu(input.Pointer, out var result), result, input);

    /// <summary>x for x ≥ 0, slope·x otherwise.</summary>
    public static Tensor LeakyRelu(Tensor input, double negativeSlope = 0.01) =>
        Tensor.FromNative(NativeMethods.mzb_leaky_relu(input.Pointer, negativeSlope, out var result), result, input);

    /// <summary>1 / (1 + e^−x).</summary>
    public static Tensor Sigmoid(Tensor input) => Tensor.FromNative(NativeMethods.mzb_sigmoid(input.Pointer, out var result), result, input);

    /// <summary>Softmax along <paramref name="dim"/>.</summary>
    public static Tensor Softmax(Tensor input, long dim) => Tensor.FromNative(NativeMethods.mzb_softmax(input.Pointer, dim, out var result), result, input);

    /// <summary>Log-softmax along <paramref name="dim"/>.</summary>
    public static Tensor LogSoftmax(Tensor input, long dim) => Tensor.FromNative(NativeMethods.mzb_log_softmax(input.Pointer, dim, out var result), result, input);

    /// <summary>a + alpha·b (broadcasting).</summary>
    public static Tensor Add(Tensor a, Tensor b, double alpha = 1) =>
        Tensor.FromNative(NativeMethods.mzb_add(a.Pointer, b.Pointer, alpha, out var result), result, a, b);

    /// <summary>a · b elementwise (broadcasting).</summary>
    public static Tensor Mul(Tensor a, Tensor b) => Tensor.FromNative(NativeMethods.mzb_mul(a.Pointer, b.Pointer, out var result), result, a, b);

    /// <summary>factor · a + offset.</summary>
    public static Tensor Scale(Tensor a, double factor, double offset = 0) =>
        Tensor.FromNative(NativeMethods.mzb_scale(a.Pointer, factor, offset, out var result), result, a);

    /// <summary>The sum of all elements (a scalar tensor).</summary>
    public static Tensor Sum(Tensor input) => Tensor.FromNative(NativeMethods.mzb_sum(input.Pointer, out var result), result, input);

    /// <summary>The mean of all elements (a scalar tensor).</summary>
    public static Tensor Mean(Tensor input) => Tensor.FromNative(NativeMethods.mzb_mean(input.Pointer, out var result), result, input);

    /// <summary>Indices of the maxima along <paramref name="dim"/> (int64), e.g. the class map of logits along dim 1.</summary>
    public static Tensor Argmax(Tensor input, long dim, bool keepDim = false) =>
        Tensor.FromNative(NativeMethods.mzb_argmax(input.Pointer, dim, keepDim ? 1 : 0, out var result), result, input);

    /// <summary>Concatenation along <paramref name="dim"/> (<c>torch.cat</c>).</summary>
    public static Tensor Cat(ReadOnlySpan<Tensor> tensors, long dim)
    {
        if (tensors.IsEmpty) throw new ArgumentException("cat needs at least one tensor", nameof(tensors));
        var pointers = stackalloc IntPtr[tensors.Length];
        for (int i = 0; i < tensors.Length; i++) pointers[i] = tensors[i].Pointer;
        return Tensor.FromNative(NativeMethods.mzb_cat(pointers, tensors.Length, dim, out var result), result, tensors);
    }

    private static int SpatialRank(ReadOnlySpan<long> first, ReadOnlySpan<long> second, ReadOnlySpan<long> third = default)
    {
        int rank = first.Length;
        if (rank is not (2 or 3) || second.Length != rank || (third.Length != 0 && third.Length != rank))
            throw new ArgumentException($"spatial arguments need 2 or 3 entries each, all equal in number; got {first.Length}, {second.Length}, {third.Length}");
        return rank;
    }
}
