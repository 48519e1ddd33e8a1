namespace ModelZooBridge.Tests.Spec;

/// <summary>Paths of the reference descriptions copied under Fixtures/reference-packages.</summary>
internal static class ReferenceFiles
{
    public const string NucleiV05 = "spec-bioimage-io/models/unet2d_nuclei_broad/bioimageio.yaml";
    public const string NucleiV040 = "spec-bioimage-io/models/unet2d_nuclei_broad/v0_4_0.bioimageio.yaml";
    public const string NucleiV049 = "spec-bioimage-io/models/unet2d_nuclei_broad/v0_4_9.bioimageio.yaml";
    public const string ExpandV05 = "spec-bioimage-io/models/unet2d_nuclei_broad/expand_output_shape.bioimageio.yaml";
    public const string ExpandV04 = "spec-bioimage-io/models/unet2d_nuclei_broad/expand_output_shape_v0_4.bioimageio.yaml";
    public const string DuplicateNames = "spec-bioimage-io/models/unet2d_nuclei_broad/invalid_v0_4_0_duplicate_tensor_names.bioimageio.yaml";
    public const string MultiTensor = "spec-bioimage-io/models/unet2d_multi_tensor/bioimageio.yaml";
    public const string DiffOutputShape = "spec-bioimage-io/models/unet2d_diff_output_shape/bioimageio.yaml";
    public const string FixedShape = "spec-bioimage-io/models/unet2d_fixed_shape/v0_4.bioimageio.yaml";
    public const string Upsample = "spec-bioimage-io/models/upsample_test_model/v0_4.bioimageio.yaml";
    public const string Stardist = "spec-bioimage-io/models/stardist_example_model/v0_4.bioimageio.yaml";
    public const string StardistWrongShape = "spec-bioimage-io/models/stardist_example_model/rdf_wrong_shape_v0_4.yaml";
    public const string StardistWrongShape2 = "spec-bioimage-io/models/stardist_example_model/rdf_wrong_shape2_v0_4.yaml";
    public const string KerasTf = "spec-bioimage-io/models/unet2d_keras_tf/v0_4.bioimageio.yaml";
    public const string KerasTf2 = "spec-bioimage-io/models/unet2d_keras_tf2/v0_4.bioimageio.yaml";
    public const string CovidDataset = "spec-bioimage-io/datasets/covid_if_training_data/bioimageio.yaml";
    public const string QupathBrightfield = "qupath-bioimageio-spec/brightfield_bioio_v0_5/rdf.yaml";
    public const string QupathMultiout = "qupath-bioimageio-spec/brightfield_multiout_v0_5/rdf.yaml";
    public const string JdllSample = "JDLL/samples/rdf.yaml";
    public const string JdllCellposeTemplate = "JDLL/special_models/cellpose/rdf.yaml";

    /// <summary>Descriptions the reference README states are valid models (suite or review).</summary>
    public static readonly string[] ValidModels =
    [
        NucleiV05, NucleiV040, NucleiV049, ExpandV05, ExpandV04, MultiTensor, DiffOutputShape, FixedShape, Upsample,
        Stardist, StardistWrongShape, StardistWrongShape2, KerasTf, KerasTf2, QupathBrightfield, JdllSample,
    ];

    public static string PathOf(string relative) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-packages", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(PathOf(relative));
}
