using ModelZooBridge.Spec;

namespace ModelZooBridge.Tests.Spec;

[Trait("Area", "Spec")]
public sealed class ReferenceDescriptionTests
{
    public static TheoryData<string> ValidModels() => new(ReferenceFiles.ValidModels);

    private static DescriptionReadResult Read(string file) => ModelDescrReader.Read(ReferenceFiles.Bytes(file), file);

    [Theory]
    [MemberData(nameof(ValidModels))]
    public void Valid_reference_descriptions_read_without_errors(string file)
    {
        var result = Read(file);
        Assert.True(!result.HasErrors, string.Join("\n", result.Issues));
        Assert.NotNull(result.Description);
    }

    [Theory]
    [MemberData(nameof(ValidModels))]
    public void Write_then_read_gives_an_equal_description(string file)
    {
        var first = Read(file).Description!;
        var yaml = ModelDescrWriter.Write(first);
        var second = ModelDescrReader.Read(yaml, "written.yaml");
        Assert.True(!second.HasErrors, string.Join("\n", second.Issues) + "\n" + yaml);
        Assert.Equal(first, second.Description);
        Assert.Equal(yaml, ModelDescrWriter.Write(second.Description!));
    }
}
