using System.Runtime.InteropServices;

namespace ModelZooBridge.Torch.Interop;

// tensor.cpp: creation, inspection, copies.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(TorchLibrary.Name)]
    public static partial void mzb_tensor_free(IntPtr t);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_from_buffer(void* data, int dtype, long* shape, int ndim, int deviceType, int deviceIndex, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_zeros(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_ones(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_randn(long* shape, int ndim, int dtype, int deviceType, int deviceIndex, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_uniform_(TorchTensorHandle t, double low, double high);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_kaiming_uniform_(TorchTensorHandle t, double negativeSlope);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_fill_(TorchTensorHandle t, double value);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_copy_(TorchTensorHandle destination, TorchTensorHandle source);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_ndim(TorchTensorHandle t, out int ndim);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_shape(TorchTensorHandle t, long* shape, int capacity);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_dtype(TorchTensorHandle t, out int dtype);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_device(TorchTensorHandle t, out int deviceType, out int deviceIndex);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_to(TorchTensorHandle t, int dtype, int deviceType, int deviceIndex, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_copy_to_buffer(TorchTensorHandle t, void* data, int dtype, long count);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_item(TorchTensorHandle t, out double value);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_clone(TorchTensorHandle t, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_reshape(TorchTensorHandle t, long* shape, int ndim, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_tensor_narrow(TorchTensorHandle t, long dim, long start, long length, out IntPtr result);
}
