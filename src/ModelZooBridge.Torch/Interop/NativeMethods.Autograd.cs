using System.Runtime.InteropServices;

namespace ModelZooBridge.Torch.Interop;

// autograd.cpp and optimizers.cpp.
internal static unsafe partial class NativeMethods
{
    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_set_requires_grad(TorchTensorHandle t, int requiresGrad);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_requires_grad(TorchTensorHandle t, out int requiresGrad);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_backward(TorchTensorHandle t);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_grad(TorchTensorHandle t, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_zero_grad(TorchTensorHandle t);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_detach(TorchTensorHandle t, out IntPtr result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_adam_new(IntPtr* parameters, int count, double learningRate, double beta1, double beta2, double eps,
        double weightDecay, out TorchOptimizerHandle result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_sgd_new(IntPtr* parameters, int count, double learningRate, double momentum, double dampening,
        double weightDecay, int nesterov, out TorchOptimizerHandle result);

    [LibraryImport(TorchLibrary.Name)]
    public static partial void mzb_optimizer_free(IntPtr optimizer);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_optimizer_step(TorchOptimizerHandle optimizer);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_optimizer_zero_grad(TorchOptimizerHandle optimizer);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_optimizer_set_learning_rate(TorchOptimizerHandle optimizer, double learningRate);

    [LibraryImport(TorchLibrary.Name)]
    public static partial int mzb_optimizer_get_learning_rate(TorchOptimizerHandle optimizer, out double learningRate);

    [LibraryImport(TorchLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mzb_optimizer_get_state(TorchOptimizerHandle optimizer, int parameter, string name, out IntPtr result);

    [LibraryImport(TorchLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int mzb_optimizer_set_state(TorchOptimizerHandle optimizer, int parameter, string name, TorchTensorHandle value);
}
