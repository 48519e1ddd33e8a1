using ModelZooBridge.Packaging;

namespace ModelZooBridge.Tests.Packaging;

[Trait("Area", "Packaging")]
public sealed class DescriptionFileNamesTests
{
    [Theory]
    [InlineData("rdf.yaml", true)]
    [InlineData("bioimageio.yaml", true)]
    [InlineData("model.yaml", true)]
    [InlineData("a.rdf.yaml", true)]
    [InlineData("my.model.yaml", true)]
    [InlineData("xrdf.yaml", false)]
    [InlineData(".rdf.yaml", false)]
    [InlineData("rdf.yml", false)]
    [InlineData("environment.yaml", false)]
    public void IsDescriptionName(string name, bool expected) =>
        Assert.Equal(expected, DescriptionFileNames.IsDescriptionName(name));

    [Fact]
    public void Choose_ReturnsNullWithoutCandidates() =>
        Assert.Null(DescriptionFileNames.Choose(["environment.yaml", "weights.onnx"]));
}
