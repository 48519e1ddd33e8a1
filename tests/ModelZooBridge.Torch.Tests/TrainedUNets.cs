using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;
using ModelZooBridge.Torch.Optim;

namespace ModelZooBridge.Tests;

/// <summary>Small U-Nets trained for a few Adam steps (so BatchNorm's running statistics are not the initial ones), and both ways to run them.</summary>
internal static class TrainedUNets
{
    public static UNet Create(UNetKind kind, UNetConfig config) => kind switch
    {
        UNetKind.TwoD => UNet.Create2D(config),
        UNetKind.ThreeD => UNet.Create3D(config),
        _ => UNet.CreateAnisotropic3D(config),
    };

    /// <summary>A seeded network after <paramref name="steps"/> Adam steps of cross-entropy on random images and labels, in evaluation mode.</summary>
    public static UNet Train(UNetKind kind, UNetConfig config, long[] inputShape, ulong seed, int steps = 3)
    {
        TorchRuntime.ManualSeed(seed);
        var net = Create(kind, config);
        using var optimizer = new Adam(net.TrainableParameters(), learningRate: 0.01);
        var random = new Random((int)seed);
        for (int step = 0; step < steps; step++)
        {
            using var scope = TorchRuntime.NewScope();
            var logits = net.Forward(Tensor.Randn(inputShape) * 3.0);
            long[] outputShape = logits.Shape;
            long[] labelShape = [outputShape[0], .. outputShape[2..]];
            var labels = new long[labelShape.Aggregate(1L, (a, b) => a * b)];
            for (int i = 0; i < labels.Length; i++) labels[i] = random.Next(Math.Max(2, config.Classes));
            Tensor loss;
            if (config.Classes == 1)
            {
                var error = Functional.Sigmoid(logits) - Tensor.FromArray<float>(labels.Select(l => (float)l).ToArray(), outputShape);
                loss = Functional.Mean(error * error);
            }
            else loss = Losses.CrossEntropy(logits, Tensor.FromArray<long>(labels, labelShape));
            optimizer.ZeroGrad();
            loss.Backward();
            optimizer.Step();
        }
        net.Eval();
        return net;
    }

    /// <summary>The evaluation forward pass in libtorch followed by softmax over the channels (sigmoid for one).</summary>
    public static float[] TorchProbabilities(UNet net, float[] input, long[] shape)
    {
        using var noGrad = TorchRuntime.NoGrad();
        using var scope = TorchRuntime.NewScope();
        var logits = net.Forward(Tensor.FromArray<float>(input, shape));
        var probabilities = net.Config.Classes == 1 ? Functional.Sigmoid(logits) : Functional.Softmax(logits, 1);
        return probabilities.ToArray<float>();
    }

    /// <summary>The ONNX model's single output for <paramref name="input"/>, in ONNX Runtime on one thread.</summary>
    public static float[] OrtOutput(byte[] onnx, float[] input, long[] shape)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        using var value = OrtValue.CreateTensor<float>(input.ToArray(), shape);
        using var results = session.Run([session.InputMetadata[0].Name], [value], [session.OutputMetadata[0].Name]);
        return results[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static float[] RandomImage(long[] shape, int seed)
    {
        var random = new Random(seed);
        var values = new float[shape.Aggregate(1L, (a, b) => a * b)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(random.NextDouble() * 4 - 2);
        return values;
    }

    public static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        double worst = 0;
        for (int i = 0; i < a.Length; i++) worst = Math.Max(worst, Math.Abs(a[i] - b[i]));
        return worst;
    }
}
