using System.Collections.Concurrent;
using System.Text;
using Google.Protobuf;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Onnx;
using ModelZooBridge.Packaging.Export;
using ModelZooBridge.Tests.Oracles;
using static ModelZooBridge.Onnx.OnnxAttributes;

namespace ModelZooBridge.Tests;

/// <summary>
/// A small segmentation network built with <see cref="OnnxGraphBuilder"/> (3×3 conv → ReLU → 1×1 conv → softmax
/// over 2 classes, 2-D or 3-D, seeded weights) standing in for a trained U-Net, and export requests around it whose
/// test output PyTorch computes from the test input (zero_mean_unit_variance, then the same layers), so a
/// reproduction through ONNX Runtime checks our graph against an independent implementation.
/// </summary>
internal static class TinySegmentationNet
{
    private const string TorchForward = """
import sys
import numpy as np, onnx, torch
import torch.nn.functional as F
from onnx import numpy_helper
m = onnx.load(sys.argv[1])
W = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}
x = torch.from_numpy(np.load(sys.argv[2]))
axes = tuple(range(2, x.dim()))
x = (x - x.mean(dim=axes, keepdim=True)) / (x.std(dim=axes, keepdim=True, unbiased=False) + 1e-6)
conv = F.conv2d if x.dim() == 4 else F.conv3d
with torch.no_grad():
    h = F.relu(conv(x, W["encoder.conv.weight"], W["encoder.conv.bias"], padding=1))
    p = F.softmax(conv(h, W["head.weight"], W["head.bias"]), dim=1)
np.save(sys.argv[3], p.numpy().astype("<f4"))
""";

    /// <summary>The ONNX model for 2 (y,x) or 3 (z,y,x) spatial dims: input <c>raw</c>, output <c>probability</c>.</summary>
    public static byte[] Build(int spatialDims, int filters = 4)
    {
        var graph = new OnnxGraphBuilder(opset: 17, graphName: "tiny");
        OnnxDim[] dims = spatialDims == 2 ? ["batch", 1, "y", "x"] : ["batch", 1, "z", "y", "x"];
        var x = graph.AddInput("raw", DType.Float32, dims);
        long[] kernel = [.. Enumerable.Repeat(3L, spatialDims)];
        var conv = graph.AddNode("Conv", [x, Weight(graph, "encoder.conv.weight", [filters, 1, .. kernel]), Weight(graph, "encoder.conv.bias", [filters])],
            "encoder.conv", Ints("kernel_shape", kernel), Ints("pads", [.. Enumerable.Repeat(1L, 2 * spatialDims)]));
        var act = graph.AddNode("Relu", [conv], "encoder.act");
        var head = graph.AddNode("Conv", [act, Weight(graph, "head.weight", [2, filters, .. Enumerable.Repeat(1L, spatialDims)]), Weight(graph, "head.bias", [2])],
            "head", Ints("kernel_shape", [.. Enumerable.Repeat(1L, spatialDims)]));
        var probability = graph.AddNode("Softmax", [head], ["probability"], "softmax", Int("axis", 1))[0];
        dims[1] = 2;
        graph.AddOutput(probability, DType.Float32, dims);
        return graph.Build("modelzoobridge-test", "1").ToByteArray();
    }

    // PyTorch takes seconds to start: each test-input shape is run once per test process (inputs are not mutated).
    private static readonly ConcurrentDictionary<string, Lazy<(byte[] Onnx, NdArray<float> Input, NdArray Output)>> Samples = new();

    /// <summary>An export request: seeded test input of <paramref name="shape"/> (axes bcyx or bczyx), output from PyTorch.</summary>
    public static ModelExportRequest Request(NetworkArchitecture architecture, int[] shape)
    {
        var (onnx, input, output) = Samples.GetOrAdd(string.Join(",", shape), _ => new(() => Sample(shape))).Value;
        return new ModelExportRequest(onnx, architecture, input, output, new TrainingSummary("20 synthetic images", 3, TimeSpan.FromSeconds(75), 42)
        {
            Metrics = [new("foreground F1", 0.875), new("validation loss", 0.31)],
            Settings = ["loss: cross-entropy", "optimizer: Adam, learning rate 1e-3"],
        })
        {
            Name = "Tiny export test",
            Description = "A small network exported by the ModelZooBridge tests.",
            Authors = new[] { new ModelZooBridge.Spec.Author("Test Author") },
            Halo = new Dictionary<AxisId, int> { [AxisId.Y] = 2, [AxisId.X] = 2 },
            Timestamp = new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero),
        };
    }

    private static (byte[] Onnx, NdArray<float> Input, NdArray Output) Sample(int[] shape)
    {
        var onnx = Build(shape.Length - 2);
        var axes = AxisId.ParseAll(shape.Length == 4 ? "bcyx" : "bczyx");
        var input = new NdArray<float>(shape, axes);
        var random = new Random(7);
        // An image-like input: a ramp along x plus noise, in 8-bit range, so normalisation matters.
        for (int i = 0; i < input.Span.Length; i++) input.Span[i] = 40f + 100f * (i % shape[^1]) / shape[^1] + 60f * (float)random.NextDouble();
        return (onnx, input, RunTorch(onnx, input, axes));
    }

    // Small arrays are read into memory (not mapped), so the temporary folder can go at once.
    private static NdArray RunTorch(byte[] onnx, NdArray<float> input, AxisId[] axes)
    {
        var folder = ExternalTool.NewTempFolder();
        try
        {
            string model = Path.Combine(folder, "model.onnx"), inputPath = Path.Combine(folder, "input.npy"), outputPath = Path.Combine(folder, "output.npy");
            File.WriteAllBytes(model, onnx);
            NpyFile.Write(inputPath, input);
            ExternalTool.RunPython(TorchForward, model, inputPath, outputPath);
            return NpyFile.Read(outputPath, axes);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Weight(OnnxGraphBuilder graph, string name, long[] shape)
    {
        int count = (int)shape.Aggregate(1L, (a, d) => a * d);
        var random = new Random(Encoding.UTF8.GetBytes(name).Sum(b => b));
        var data = new float[count];
        for (int i = 0; i < count; i++) data[i] = (float)(random.NextDouble() * 2 - 1) / MathF.Sqrt(count / shape[0]);
        return graph.AddInitializer(name, data, shape);
    }
}
