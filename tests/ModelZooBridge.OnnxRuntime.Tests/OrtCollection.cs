namespace ModelZooBridge.Tests;

/// <summary>ONNX Runtime's environment is process-global: every test that touches it runs in this one serial collection.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OrtCollection
{
    public const string Name = "Ort";
}
