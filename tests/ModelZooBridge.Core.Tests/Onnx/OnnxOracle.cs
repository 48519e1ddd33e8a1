using System.Text.Json;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Onnx;

/// <summary>Asks Debian's python3-onnx what a model file declares, as JSON, for comparison with our reader.</summary>
public static class OnnxOracle
{
    private const string Script = """
import json, sys
import onnx
m = onnx.load(sys.argv[1], load_external_data=False)
def dims(t):
    if not t.HasField("shape"):
        return None
    out = []
    for d in t.shape.dim:
        w = d.WhichOneof("value")
        out.append(d.dim_value if w == "dim_value" else d.dim_param if w == "dim_param" else None)
    return out
def value(v):
    t = v.type.tensor_type
    return {"name": v.name, "elem_type": t.elem_type,
            "elem_name": onnx.TensorProto.DataType.Name(t.elem_type), "dims": dims(t)}
print(json.dumps({
    "ir_version": m.ir_version,
    "opsets": {(o.domain or "ai.onnx"): o.version for o in m.opset_import},
    "producer_name": m.producer_name,
    "producer_version": m.producer_version,
    "graph_name": m.graph.name,
    "inputs": [value(v) for v in m.graph.input],
    "outputs": [value(v) for v in m.graph.output],
    "initializers": [{"name": t.name, "data_type": t.data_type, "dims": list(t.dims)} for t in m.graph.initializer],
    "metadata": {p.key: p.value for p in m.metadata_props},
}))
""";

    /// <summary>The model's facts as python3-onnx reads them.</summary>
    public static JsonElement Describe(string path) =>
        JsonDocument.Parse(ExternalTool.RunPython(Script, path)).RootElement;
}
