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
public sealed class UNetParityTests(UNetParityTests.Cases cases) : IClassFixture<UNetParityTests.Cases>
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData("2d-batchnorm-same")]
    [InlineData("2d-plain-valid-2channels")]
    [InlineData("3d-instancenorm-same")]
    [InlineData("anisotropic-batchnorm-same")]
    public void ForwardMatchesPyTorch(string network)
    {
        var (net, input, folder, torchParameterCount) = cases.Get(network);
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

    /// <summary>
    /// The four networks (2D batch-norm same, 2D valid without norm and two input channels, 3D instance-norm,
    /// anisotropic 3D batch-norm), their weights and inputs written for one Python run that computes every reference.
    /// </summary>
    public sealed class Cases : IDisposable
    {
        private static readonly (string Name, UNetKind Kind, UNetConfig Config, long[] InputShape)[] Definitions =
        [
            ("2d-batchnorm-same", UNetKind.TwoD, new UNetConfig(2, 4, UNetPadding.Same, UNetNormalization.Batch, Classes: 3), [2, 1, 16, 16]),
            ("2d-plain-valid-2channels", UNetKind.TwoD, new UNetConfig(1, 3, UNetPadding.Valid, UNetNormalization.None, Classes: 3, InputChannels: 2), [1, 2, 20, 20]),
            ("3d-instancenorm-same", UNetKind.ThreeD, new UNetConfig(1, 3, UNetPadding.Same, UNetNormalization.Instance, Classes: 3), [1, 1, 8, 8, 8]),
            ("anisotropic-batchnorm-same", UNetKind.Anisotropic3D, new UNetConfig(2, 2, UNetPadding.Same, UNetNormalization.Batch, Classes: 3), [2, 1, 2, 16, 16]),
        ];

        private readonly List<(UNet Net, Tensor Input, string Folder)> _cases = [];
        private readonly long[] _torchParameterCounts;

        public Cases()
        {
            TorchRuntime.NumThreads = 1;
            TorchRuntime.ManualSeed(11);
            foreach (var (_, kind, config, inputShape) in Definitions)
            {
                var net = kind switch
                {
                    UNetKind.TwoD => UNet.Create2D(config),
                    UNetKind.ThreeD => UNet.Create3D(config),
                    _ => UNet.CreateAnisotropic3D(config),
                };
                var input = Tensor.Randn(inputShape);
                var folder = Path.Combine(Path.GetTempPath(), $"mzb-unet-{Guid.NewGuid():N}");
                _cases.Add((net, input, folder));
                Export(folder, net, input);
            }
            _torchParameterCounts = PythonTorch.RunFile("unet_reference.py", [.. _cases.Select(c => c.Folder)])
                .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => long.Parse(line, CultureInfo.InvariantCulture)).ToArray();
        }

        public (UNet Net, Tensor Input, string Folder, long TorchParameterCount) Get(string name)
        {
            int index = Array.FindIndex(Definitions, d => d.Name == name);
            return (_cases[index].Net, _cases[index].Input, _cases[index].Folder, _torchParameterCounts[index]);
        }

        public void Dispose()
        {
            foreach (var (net, input, folder) in _cases)
            {
                net.Dispose();
                input.Dispose();
                Directory.Delete(folder, recursive: true);
            }
        }

        private static void Export(string folder, UNet net, Tensor input)
        {
            Directory.CreateDirectory(folder);
            Write(folder, "input", input);
            File.WriteAllLines(Path.Combine(folder, "state.txt"), net.StateDict().Select(e =>
            {
                Write(folder, e.Key, e.Value);
                return $"{e.Key} {string.Join(' ', e.Value.Shape)}";
            }));
            var config = net.Config;
            File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["kind"] = net.Kind.ToString(), ["depth"] = config.Depth, ["filters"] = config.FirstLevelFilters, ["padding"] = config.Padding.ToString(),
                ["normalization"] = config.Normalization.ToString(), ["classes"] = config.Classes, ["input_channels"] = config.InputChannels,
            }));
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
