using System.Text.Json.Serialization;

namespace ModelZooBridge.Bench;

[JsonSerializable(typeof(Dictionary<string, double>))]
internal sealed partial class BenchJson : JsonSerializerContext;
