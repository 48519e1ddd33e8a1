using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ModelZooBridge.Torch;
using ModelZooBridge.Torch.Nn;

namespace ModelZooBridge.Tests;

/// <summary>
/// Our U-Nets compute what an independent PyTorch implementation (Oracles/unet_reference.py) computes with the same
/// weights: a training-mode forward (batch statistics, running-statistics update) and an evaluation-mode forward.
/// </summary>
[Collection(TorchCollection.Name)]
[Trait("Area", "Torch")]
public sealed class UNetParityTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(UNetKind.TwoD, 2, 4, UNetPadding.Same, UNetNormalization.Batch, new long[] { 2, 1, 16, 16 })]
    [InlineData(UNetKind.TwoD, 1, 3, UNetPadding.Valid, UNetNormalization.None, new long[] { 1, 2, 20, 20 })]
    [InlineData(UNetKind.ThreeD, 1, 3, UNetPadding.Same, UNetNormalization.Instance, new long[] { 1, 1, 8, 8, 8 })]
    [InlineData(UNetKind.Anisotropic3D, 2, 2, UNetPadding.Same, UNetNormalization.Batch, new long[] { 2, 1, 2, 16, 16 })]
    public void ForwardMatchesPyTorch(UNetKind kind, int depth, int filters, UNetPadding padding, UNetNormalization normalization, long[] inputShape)
    {
        var config = new UNetConfig(depth, filters, padding, normalization, Classes: 3, InputChannels: (int)inputShape[1]);
        TorchRuntime.ManualSeed(11);
        using var net = kind switch
        {
            UNetKind.TwoD => UNet.Create2D(config),
            UNetKind.ThreeD => UNet.Create3D(config),
            _ => UNet.CreateAnisotropic3D(config),
        };
        using var input = Tensor.Randn(inputShape);
        var folder = Path.Combine(Path.GetTempPath(), $"mzb-unet-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            Write(folder, "input", input);
            File.WriteAllLines(Path.Combine(folder, "state.txt"), net.StateDict().Select(e =>
            {
                Write(folder, e.Key, e.Value);
                return $"{e.Key} {string.Join(' ', e.Value.Shape)}";
            }));
            File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = kind.ToString(), ["depth"] = depth, ["filters"] = filters, ["padding"] = padding.ToString(),
                ["normalization"] = normalization.ToString(), ["classes"] = config.Classes, ["input_channels"] = config.InputChannels,
            }));
            var torchParameterCount = long.Parse(PythonTorch.RunFile("unet_reference.py", folder).Trim(), CultureInfo.InvariantCulture);
            Assert.Equal(torchParameterCount, net.ParameterCount());

            using (TorchRuntime.NewScope())
            {
                net.Train();
                AssertClose(Read(folder, "train"), net.Forward(input));
            }
            foreach (var (name, buffer) in net.NamedBuffers())
                AssertClose(Read(folder, "after." + name), buffer);
            using (TorchRuntime.NoGrad())
            using (TorchRuntime.NewScope())
            {
                net.Eval();
                AssertClose(Read(folder, "eval"), net.Forward(input));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static void AssertClose(float[] expected, Tensor actual)
    {
        var values = actual.ToArray<float>();
        Assert.Equal(expected.Length, values.Length);
        double worst = 0;
        for (int i = 0; i < values.Length; i++) worst = Math.Max(worst, Math.Abs(values[i] - expected[i]));
        Assert.InRange(worst, 0, Tolerance);
    }

    private static void Write(string folder, string name, Tensor tensor)
    {
        File.WriteAllBytes(Path.Combine(folder, name + ".bin"), MemoryMarshal.AsBytes(tensor.ToArray<float>().AsSpan()).ToArray());
        File.WriteAllText(Path.Combine(folder, name + ".txt"), string.Join(' ', tensor.Shape));
    }

    private static float[] Read(string folder, string name) => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(folder, name + ".bin"))).ToArray();
}
