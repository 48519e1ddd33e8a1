using ModelZooBridge.Spec;

namespace ModelZooBridge.Tests.Spec;

/// <summary>The annotated templates in zoo-specs/templates are what the exporter writes; they must read cleanly.</summary>
[Trait("Area", "Spec")]
public sealed class ExportTemplateTests
{
    [Theory]
    [InlineData("unet2d.rdf.yaml", "y,x", 2)]
    [InlineData("unet3d.rdf.yaml", "z,y,x", 2)]
    [InlineData("unet3d-aniso.rdf.yaml", "z,y,x", 2)]
    public void TemplateReadsWithoutErrors(string name, string spaceAxes, int classes)
    {
        var path = RepositoryPaths.Of("zoo-specs", "templates", name);
        var result = ModelDescrReader.Read(File.ReadAllBytes(path), path);
        Assert.False(result.HasErrors, string.Join("\n", result.Errors));
        var model = result.Description!;
        Assert.Equal("0.5.7", model.FormatVersion);
        var input = Assert.Single(model.Inputs);
        Assert.Equal("batch,channel," + spaceAxes, string.Join(",", input.Axes.Select(a => a.Id.ToString())));
        var output = Assert.Single(model.Outputs);
        Assert.Equal("batch,channel," + spaceAxes, string.Join(",", output.Axes.Select(a => a.Id.ToString())));
        Assert.Equal(classes, output.Axes.OfType<ChannelAxis>().Single().ChannelNames.Count);
        Assert.NotNull(model.Weights.Onnx);
    }
}
