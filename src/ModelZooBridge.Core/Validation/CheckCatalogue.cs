using System.Collections.Frozen;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation;

/// <summary>
/// Every check the validator reports, by stable id. Findings of the description reader (<see cref="ModelDescrReader"/>)
/// are mapped onto catalogue ids through <see cref="ForReaderCode"/>; <c>zoo-specs/checks.md</c> documents the same list.
/// </summary>
public static class CheckCatalogue
{
    private const Severity E = Severity.Error, W = Severity.Warning, A = Severity.Alert, I = Severity.Info;

    private static readonly CheckDefinition[] Definitions =
    [
        // Opening the package and reading the description.
        new("package.unreadable", E, "The package path, zip or folder cannot be opened (missing, not a zip, unsafe entries, limits exceeded, no description)", "Pass an existing folder, zip or rdf.yaml; rebuild the zip with `mzb package`."),
        new("yaml.not-text", E, "The description is not UTF-8 text", "Save the description as UTF-8 without NUL characters."),
        new("yaml.syntax", E, "The description is not well-formed YAML (syntax, duplicate keys, unknown aliases, several documents)", "Fix the YAML at the reported line and column."),
        new("yaml.too-large", E, "The description exceeds the size, nesting or alias-expansion limits", "Descriptions are a few KiB; remove generated bulk data."),
        new("format.unsupported", E, "Not a model description, or a format_version we do not read", "Use `type: model` and format_version 0.4.x or 0.5.x."),
        new("format.future-version", A, "format_version is newer than the newest version known here; read as the newest", "Check the description with a newer validator, or write the latest known 0.5 version."),
        new("field.missing", E, "A required field is missing or an required list is empty", "Add the field named in the message."),
        new("field.wrong-type", E, "A field has the wrong YAML type", "Write the value with the type named in the message."),
        new("field.unknown", E, "A field that the format does not define (models forbid extra keys)", "Remove the key or move free-form data under `config`."),
        new("field.out-of-range", E, "A number is outside its allowed range, is not finite, or a range has the wrong length", "Use a value within the limits named in the message."),
        new("field.invalid-value", E, "A value is not one of the allowed forms (dtype, axis type or id, mode, sha256, timestamp, architecture, processing id)", "Use one of the allowed values named in the message."),
        new("field.framework-version-missing", A, "A 0.4 weights entry lacks its framework version (opset_version, pytorch_version, tensorflow_version); the converter assumes a default (in 0.5 the field is required: field.missing)", "Add the version of the framework the weights were saved with."),
        new("data.infinite-range", W, "`inf` in data.range is replaced by null (unbounded)", "Write null instead of .inf."),
        new("conversion.lossy", W, "A 0.4 field was dropped or approximated while converting to 0.5", "Update the description to format 0.5 (`mzb update-format`)."),
        new("conversion.failed", E, "A 0.4 construct has no 0.5 equivalent (ambiguous axes, inconsistent shape lists, bad implicit shape)", "Rewrite the tensor shape in format 0.5 terms."),
        // Tensors and axes.
        new("tensors.duplicate-id", E, "Two tensors share an id (ids are unique across inputs and outputs)", "Rename one of the tensors."),
        new("tensors.invalid-id", E, "A tensor id is not a lower-case identifier of at most 32 characters", "Use letters, digits and underscores, starting with a letter."),
        new("axes.duplicate-id", E, "Two axes of one tensor share an id", "Give every axis of a tensor its own id."),
        new("axes.invalid-id", E, "An axis id is not a lower-case identifier of at most 16 characters", "Use lower-case letters, digits and underscores, e.g. `x`, `y`, `z`."),
        new("size.reference-unresolved", E, "A size reference names a tensor or axis that does not exist", "Point `tensor_id`/`axis_id` at an existing tensor and axis."),
        new("size.reference-self", E, "An axis size refers to the tensor it belongs to", "Reference an axis of another tensor, or give a fixed or {min, step} size."),
        new("size.reference-cycle", E, "Size references form a cycle across tensors", "Break the cycle: one of the axes needs a fixed or {min, step} size."),
        new("size.reference-invalid-target", E, "A size reference targets an axis it may not (batch axis, a reference or data-dependent size, an output from an input, channel vs non-channel)", "Reference an input or output axis with a fixed or {min, step} size of the same kind."),
        new("size.unit-mismatch", E, "A size reference joins axes with different units", "Use the same unit on both axes (or none on both)."),
        new("size.data-dependent-range", E, "A data-dependent size has min ≥ max", "Make `max` larger than `min`, or leave it null."),
        new("halo.without-reference", E, "A halo on an axis whose size is not a reference", "Remove the halo or make the size a {tensor_id, axis_id} reference."),
        new("halo.too-large", E, "Twice the halo is not smaller than the axis's minimum size", "Reduce the halo or increase the referenced minimum size."),
        new("halo.not-integral", E, "halo · scale / referenced scale is not an integer, so there is no input halo in whole pixels", "Choose a halo that maps to whole input pixels."),
        new("data.channel-count", E, "A per-channel data list does not have one entry per channel", "Give exactly one data description per channel name."),
        new("data.mixed-types", E, "Per-channel data descriptions use different types", "Use the same `type` for every channel."),
        // Processing.
        new("processing.unknown-axis", E, "A processing axis is not an axis of the tensor", "Use axis ids of the tensor the step belongs to."),
        new("processing.clip-bounds", E, "clip has no bound, both a value and a percentile for one side, or min ≥ max", "Give min < max (or percentiles), one form per side."),
        new("processing.percentile-range", E, "Percentiles outside [0, 100] or min_percentile ≥ max_percentile", "Use 0 ≤ min_percentile < max_percentile ≤ 100."),
        new("processing.reference-tensor", E, "reference_tensor names no suitable tensor (preprocessing: another input; postprocessing: an input or output)", "Name an existing tensor id."),
        new("processing.per-axis-count", E, "Per-axis values (binarize thresholds, scale_linear gain/offset, fixed mean/std) do not match the axis size", "Give one value per element of the named axis."),
        new("processing.identity", E, "scale_linear with gain 1 and offset 0 does nothing", "Remove the step or give a real gain/offset."),
        // Weights.
        new("weights.missing", E, "No weights entry", "Add at least one weights format (for mzb: onnx)."),
        new("weights.parent-invalid", E, "A weights parent is the entry itself, an absent format, or parents form a cycle", "Point `parent` at another present weights format."),
        new("weights.parent-count", W, "Not exactly one weights entry without a parent", "Mark converted formats with `parent` so exactly one entry is the original."),
        new("weights.no-onnx", I, "No ONNX weights: mzb can describe this model but not run it", "Export the model to ONNX and add a `weights.onnx` entry."),
        // Files.
        new("file.missing", E, "A referenced local file is not in the package", "Add the file, or fix the path in the named field."),
        new("file.remote", W, "A referenced file is a URL; remote sources are not checked offline", "Package the model (`mzb package`) so that every file is inside it."),
        new("file.invalid-reference", E, "A file reference is unsafe or unreadable (absolute path, `..`, link outside the package, read error)", "Use a path relative to the description, inside the package."),
        new("file.reserved-name", E, "A referenced file uses a name reserved for the description (rdf.yaml, bioimageio.yaml, model.yaml)", "Rename the file."),
        new("file.sha256-mismatch", E, "The SHA-256 of a file differs from the declared sha256", "Update `sha256` or point to the matching file."),
        new("file.sha256-missing", I, "A local file has no declared sha256 (its hash is reported)", "Add the reported `sha256` so that corrupted copies are detected."),
        new("documentation.empty", W, "The documentation file is empty", "Describe the model, its inputs and outputs, and how it was validated."),
        new("documentation.not-markdown", E, "Documentation of a 0.5 description is not a `.md` file", "Convert the documentation to Markdown."),
        new("documentation.not-utf8", E, "The documentation is not UTF-8 text", "Save the documentation as UTF-8."),
        new("cover.unsupported-format", E, "A cover is not a .png, .jpg, .jpeg, .gif, .svg, .tif or .tiff file", "Use a PNG or JPEG cover."),
        new("cover.unreadable", E, "A cover's content does not match its format (PNG decoded; JPEG, GIF, SVG, TIFF header-checked)", "Re-save the cover image."),
        new("license.missing", A, "No licence", "Add an SPDX licence id, e.g. MIT or CC-BY-4.0."),
        new("license.invalid", E, "The licence of a 0.5 description is not an SPDX id", "Use an SPDX licence id, e.g. MIT, BSD-3-Clause, Apache-2.0, CC-BY-4.0."),
        new("license.unknown", W, "The licence is not among the SPDX ids known here (or is not an id at all in 0.4)", "Check the id against https://spdx.org/licenses/."),
        new("license.deprecated", W, "The licence is a deprecated SPDX id", "Use the current SPDX id named in the message."),
        // Test tensors.
        new("test-tensor.missing", A, "A tensor has no test tensor, so the model cannot be tested", "Add a `test_tensor` .npy for every input and output."),
        new("test-tensor.unreadable", E, "A test tensor is not a readable .npy file", "Save it with numpy.save (no pickles, supported dtype)."),
        new("test-tensor.dtype-mismatch", E, "A test tensor's dtype does not fit the described data type", "Save the tensor with the described type (float descriptions accept any numeric type except bool/float16)."),
        new("test-tensor.rank-mismatch", E, "A test tensor's number of dimensions differs from the number of axes", "Save the tensor with one dimension per described axis."),
        new("test-tensor.size-mismatch", E, "A test tensor's size on an axis differs from the fixed, referenced or data-dependent size", "Make the tensor match the described size, or fix the description."),
        new("test-tensor.size-unreachable", E, "A test tensor's size is not min + n·step of a parameterized axis", "Crop or pad the test tensor to a reachable size."),
        new("test-tensor.not-finite", E, "A test tensor contains NaN or infinity", "Replace NaN/Inf values."),
        new("test-tensor.near-zero", E, "Every value of a test tensor is below 1e-4 in magnitude: too small for reliable testing", "Use test data with meaningful values."),
        // ONNX weights.
        new("onnx.unreadable", E, "The ONNX weights cannot be parsed", "Re-export the model to ONNX."),
        new("onnx.opset-mismatch", E, "The ONNX file needs a newer default-domain opset than opset_version declares", "Set `opset_version` to the file's opset."),
        new("onnx.opset-lower", W, "The ONNX file's default-domain opset is lower than opset_version declares", "Set `opset_version` to the file's opset."),
        new("onnx.io-count", E, "The ONNX graph has a different number of inputs or outputs than the description", "Describe every graph input and output (mapping is positional)."),
        new("onnx.rank-mismatch", E, "An ONNX graph input or output has a different rank than the described tensor", "Make the described axes match the graph."),
        new("onnx.dtype-mismatch", E, "An ONNX graph input or output type differs from the type the description leads to", "Fix data.type or add ensure_dtype."),
        new("onnx.dim-mismatch", E, "A static ONNX dimension differs from the described fixed size", "Make the described size match the graph, or export with dynamic axes."),
        new("onnx.fewer-sizes", W, "The ONNX graph fixes a dimension that the description declares as variable", "Export with dynamic axes, or describe the size as fixed."),
        // Reproduction.
        new("reproduction.not-run", I, "The test outputs were not reproduced (static validation only, static errors, no ONNX weights or no test tensors)", "Run `mzb validate` without --static on a statically valid package with ONNX weights and test tensors."),
        new("reproduction.passed", I, "An output was reproduced from the test inputs through ONNX Runtime within the tolerance (max abs difference and ppm reported)", "Nothing to fix."),
        new("reproduction.tolerated", W, "An output was reproduced, but some elements lie outside atol + rtol·|expected| (within the allowed mismatched elements per million)", "Check the reported elements; re-export the test outputs with the shipped ONNX weights if they come from another format."),
        new("reproduction.mismatch", E, "An output differs from its test tensor: more mismatched elements per million than allowed, or another shape", "Regenerate the test outputs with the shipped ONNX weights, or set `config.bioimageio.reproducibility_tolerance`."),
        new("reproduction.failed-to-run", E, "The test inputs could not be run: ONNX Runtime cannot load or run the weights, or a test tensor or processing step cannot be applied", "Fix the ONNX export (the ONNX Runtime message is quoted) or the named tensor or processing step."),
        new("reproduction.other-sizes", E, "Format 0.5: at another valid input size (min + n·step for n = 0, 1, 2, or the test size + one step) the model fails to run or gives an output shape other than the description implies", "Describe the sizes the graph really takes (e.g. a step that is a multiple of the network's total downsampling), or fix the output size references (scale, offset)."),
        new("reproduction.batch", E, "Format 0.5, free batch axis: with batch size 2 the model fails to run, gives an output shape other than described, or batch entry 0 differs from the same input run alone beyond the tolerance", "Export the graph with a dynamic batch dimension and no operation across the batch, or describe the batch axis with size 1."),
        new("reproduction.sizes-checked", I, "Format 0.5: the runs at other valid sizes and batch sizes (each listed with its shapes) gave the described output shapes, or no other size applies", "Nothing to fix."),
    ];

    private static readonly FrozenDictionary<string, CheckDefinition> ById = Definitions.ToFrozenDictionary(d => d.Id);

    private static readonly FrozenDictionary<string, string> ReaderCodes = new Dictionary<string, string>
    {
        ["not_utf8"] = "yaml.not-text", ["not_text"] = "yaml.not-text",
        ["yaml_syntax"] = "yaml.syntax", ["yaml_complex_key"] = "yaml.syntax", ["yaml_duplicate_key"] = "yaml.syntax",
        ["yaml_unknown_alias"] = "yaml.syntax", ["yaml_bad_merge"] = "yaml.syntax", ["multiple_documents"] = "yaml.syntax",
        ["empty_document"] = "yaml.syntax",
        ["too_large"] = "yaml.too-large", ["yaml_too_large"] = "yaml.too-large", ["yaml_too_deep"] = "yaml.too-large",
        ["not_a_model"] = "format.unsupported", ["unsupported_format_version"] = "format.unsupported",
        ["future_format_version"] = "format.future-version",
        ["missing_field"] = "field.missing", ["empty_list"] = "field.missing",
        ["wrong_type"] = "field.wrong-type",
        ["unknown_field"] = "field.unknown",
        ["out_of_range"] = "field.out-of-range", ["not_finite"] = "field.out-of-range", ["bad_range"] = "field.out-of-range",
        ["bad_dtype"] = "field.invalid-value", ["bad_axis_id"] = "field.invalid-value", ["bad_axis_type"] = "field.invalid-value",
        ["bad_mode"] = "field.invalid-value", ["bad_sha256"] = "field.invalid-value", ["bad_timestamp"] = "field.invalid-value",
        ["bad_architecture"] = "field.invalid-value", ["unknown_processing"] = "field.invalid-value",
        ["missing_version"] = "field.framework-version-missing",
        ["infinite_range"] = "data.infinite-range",
        ["dropped_field"] = "conversion.lossy", ["halo_dropped"] = "conversion.lossy", ["parameterized_channels"] = "conversion.lossy",
        ["ambiguous_axis"] = "conversion.failed", ["shape_length"] = "conversion.failed", ["bad_offset"] = "conversion.failed",
        ["bad_implicit_size"] = "conversion.failed", ["too_many_channels"] = "conversion.failed", ["count_mismatch"] = "conversion.failed",
        ["duplicate_tensor_id"] = "tensors.duplicate-id", ["duplicate_axis_id"] = "axes.duplicate-id",
        ["halo_without_reference"] = "halo.without-reference", ["unknown_reference"] = "size.reference-unresolved",
        ["bad_axes"] = "processing.unknown-axis",
        ["self_parent"] = "weights.parent-invalid", ["missing_weights"] = "weights.missing",
    }.ToFrozenDictionary();

    private static readonly FrozenSet<string> Unreadable = FrozenSet.Create(
        "package.unreadable", "yaml.not-text", "yaml.too-large", "format.unsupported");

    /// <summary>
    /// The checks only the reproduction run (ONNX Runtime, <c>ModelZooBridge.OnnxRuntime.Validation</c>) reports; the
    /// static <see cref="PackageValidator"/> never does.
    /// </summary>
    public static IReadOnlySet<string> ReproductionRunIds { get; } = FrozenSet.Create(
        "reproduction.passed", "reproduction.tolerated", "reproduction.mismatch", "reproduction.failed-to-run",
        "reproduction.other-sizes", "reproduction.batch", "reproduction.sizes-checked");

    /// <summary>Every check, in documentation order.</summary>
    public static IReadOnlyList<CheckDefinition> All { get; } = Array.AsReadOnly(Definitions);

    /// <summary>The reader issue codes that <see cref="ForReaderCode"/> maps (for tests and documentation).</summary>
    public static IReadOnlyCollection<string> KnownReaderCodes => ReaderCodes.Keys;

    /// <summary>The check with this id.</summary>
    /// <param name="id">A catalogue id.</param>
    /// <exception cref="KeyNotFoundException">The id is not in the catalogue.</exception>
    public static CheckDefinition Get(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ById.TryGetValue(id, out var d) ? d : throw new KeyNotFoundException($"no check '{id}' in the catalogue");
    }

    /// <summary>Whether the id exists.</summary>
    /// <param name="id">A candidate id.</param>
    public static bool Contains(string id) => ById.ContainsKey(id);

    /// <summary>Whether the check means the input could not be read as a model description at all (not a bad model).</summary>
    /// <param name="checkId">A catalogue id.</param>
    public static bool IsUnreadableInput(string checkId) => Unreadable.Contains(checkId);

    /// <summary>
    /// The catalogue id for a <see cref="SpecIssue.Code"/> of the description reader; unknown codes map to
    /// <c>field.invalid-value</c> so that no reader finding is lost.
    /// </summary>
    /// <param name="readerCode">The reader's issue code, e.g. <c>yaml_syntax</c>.</param>
    public static string ForReaderCode(string readerCode)
    {
        ArgumentNullException.ThrowIfNull(readerCode);
        return ReaderCodes.TryGetValue(readerCode, out var id) ? id : "field.invalid-value";
    }

    /// <summary>Whether the reader code has an explicit mapping.</summary>
    /// <param name="readerCode">The reader's issue code.</param>
    public static bool MapsReaderCode(string readerCode) => ReaderCodes.ContainsKey(readerCode);
}
