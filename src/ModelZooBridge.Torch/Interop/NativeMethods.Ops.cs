using System.Runtime.InteropServices;

namespace ModelZooBridge.Torch.Interop;

// convolution.cpp, layers.cpp, pointwise.cpp, losses.cpp: the operators. Optional tensors are IntPtr.Zero.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_convolution(IntPtr input, IntPtr weight, IntPtr bias, int spatial, long* stride, long* padding, long* dilation,
        int transposed, long* outputPadding, long groups, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_max_pool(IntPtr input, int spatial, long* kernel, long* stride, long* padding, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_upsample(IntPtr input, int spatial, double* scale, int mode, int alignCorners, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_batch_norm(IntPtr input, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int training,
        double momentum, double eps, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_instance_norm(IntPtr input, IntPtr weight, IntPtr bias, IntPtr runningMean, IntPtr runningVar, int useInputStats,
        double momentum, double eps, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_dropout(IntPtr input, double p, int training, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_relu(IntPtr input, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_leaky_relu(IntPtr input, double negativeSlope, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_sigmoid(IntPtr input, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_softmax(IntPtr input, long dim, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_log_softmax(IntPtr input, long dim, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_add(IntPtr a, IntPtr b, double alpha, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_mul(IntPtr a, IntPtr b, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_scale(IntPtr a, double factor, double offset, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_sum(IntPtr input, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_mean(IntPtr input, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_argmax(IntPtr input, long dim, int keepdim, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_cat(IntPtr* tensors, int count, long dim, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_cross_entropy(IntPtr logits, IntPtr target, IntPtr pixelWeight, IntPtr classWeight, long ignoreIndex, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_soft_dice_loss(IntPtr logits, IntPtr target, long ignoreIndex, double smooth, out IntPtr result);
}
