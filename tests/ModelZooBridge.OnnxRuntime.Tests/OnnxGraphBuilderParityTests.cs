using System.Runtime.InteropServices;
using System.Text.Json;
using ModelZooBridge.OnnxRuntime;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests;

/// <summary>
/// PyTorch's outputs for every <see cref="OnnxOpCases"/> graph, computed once in one python3 process: torch.nn.functional
/// on the weights python3-onnx reads from the built model.
/// </summary>
public sealed class TorchOpOutputs : IDisposable
{
    private const string Script = """
import json, os, sys
import numpy as np, onnx, torch
import torch.nn.functional as F
from onnx import numpy_helper
torch.set_num_threads(1)
folder = sys.argv[1]
cases = json.load(open(os.path.join(folder, "cases.json")))
shapes = {}
with torch.no_grad():
    for name, case in cases.items():
        m = onnx.load(os.path.join(folder, name + ".onnx"))
        W = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in m.graph.initializer}
        x = torch.from_numpy(np.fromfile(os.path.join(folder, name + ".input.f32"), dtype="<f4").reshape(case["shape"]))
        out = eval(case["torch"]).numpy().astype("<f4")
        out.tofile(os.path.join(folder, name + ".torch.f32"))
        shapes[name] = list(out.shape)
print(json.dumps(shapes))
""";

    private readonly string _folder = ExternalTool.NewTempFolder();
    private readonly Dictionary<string, (float[] Data, long[] Shape)> _outputs = [];

    public TorchOpOutputs()
    {
        var cases = new Dictionary<string, object>();
        foreach (var opCase in OnnxOpCases.All)
        {
            File.WriteAllBytes(Path.Combine(_folder, opCase.Name + ".onnx"), opCase.BuildModel());
            File.WriteAllBytes(Path.Combine(_folder, opCase.Name + ".input.f32"), MemoryMarshal.AsBytes(opCase.Input().AsSpan()).ToArray());
            cases[opCase.Name] = new { shape = opCase.InputShape, torch = opCase.Torch };
        }
        File.WriteAllText(Path.Combine(_folder, "cases.json"), JsonSerializer.Serialize(cases));
        var shapes = JsonDocument.Parse(ExternalTool.RunPython(Script, _folder)).RootElement;
        foreach (var opCase in OnnxOpCases.All)
        {
            var data = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(_folder, opCase.Name + ".torch.f32"))).ToArray();
            _outputs[opCase.Name] = (data, shapes.GetProperty(opCase.Name).EnumerateArray().Select(d => d.GetInt64()).ToArray());
        }
    }

    public (float[] Data, long[] Shape) this[string caseName] => _outputs[caseName];

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}

/// <summary>Each operator graph built with OnnxGraphBuilder runs in ONNX Runtime through our binding and equals PyTorch within 1e-5.</summary>
[Collection(OrtCollection.Name)]
[Trait("Area", "OnnxRuntime")]
public sealed class OnnxGraphBuilderParityTests(TorchOpOutputs torch) : OrtLeakCheck, IClassFixture<TorchOpOutputs>
{
    private const float Tolerance = 1e-5f;

    public static TheoryData<string> Cases => [.. OnnxOpCases.All.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void OrtOutputEqualsTorch(string caseName)
    {
        var opCase = OnnxOpCases.Get(caseName);
        var (expected, expectedShape) = torch[caseName];
        using var session = OrtTestFiles.OpenSession(opCase.BuildModel());
        using var input = OrtValue.CreateTensor<float>(opCase.Input(), [.. opCase.InputShape.Select(d => (long)d)]);
        using var outputs = session.Run(["input"], [input], ["output"]);

        Assert.Equal(expectedShape, outputs[0].Shape);
        Assert.Equal(opCase.OutputShape.Select(d => (long)d), outputs[0].Shape);
        Assert.InRange(OrtTestFiles.MaxAbsDifference(outputs[0].GetTensorDataAsSpan<float>(), expected), 0, Tolerance);
    }
}
