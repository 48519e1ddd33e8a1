namespace ModelZooBridge.Spec;

/// <summary>
/// A bioimage.io model description (<c>type: model</c>) in format 0.5. Descriptions written in 0.4.x are
/// converted to this form by <see cref="ModelDescrReader"/> following the official conversion rules.
/// Immutable and behaviour-free; compares by value.
/// </summary>
/// <param name="FormatVersion"><c>format_version</c> (0.4 files converted: <see cref="LatestFormatVersion"/>).</param>
/// <param name="Name"><c>name</c>.</param>
/// <param name="Inputs"><c>inputs</c>.</param>
/// <param name="Outputs"><c>outputs</c>.</param>
/// <param name="Weights"><c>weights</c>.</param>
public sealed record ModelDescr(
    string FormatVersion, string Name, EquatableArray<InputTensorDescr> Inputs, EquatableArray<OutputTensorDescr> Outputs,
    WeightsDescr Weights)
{
    /// <summary>The newest model format version this library knows (0.5.7).</summary>
    public const string LatestFormatVersion = "0.5.7";

    /// <summary><c>type</c>: always <c>model</c>.</summary>
    public string Type => "model";

    /// <summary><c>description</c>.</summary>
    public string? Description { get; init; }

    /// <summary><c>id</c>: bioimage.io id, e.g. <c>affable-shark</c> (0.4.10 conversion: <c>config.bioimageio.nickname</c>).</summary>
    public string? Id { get; init; }

    /// <summary><c>id_emoji</c>.</summary>
    public string? IdEmoji { get; init; }

    /// <summary><c>authors</c>.</summary>
    public EquatableArray<Author> Authors { get; init; }

    /// <summary><c>maintainers</c>.</summary>
    public EquatableArray<Maintainer> Maintainers { get; init; }

    /// <summary><c>cite</c>.</summary>
    public EquatableArray<CiteEntry> Cite { get; init; }

    /// <summary><c>license</c>: SPDX id.</summary>
    public string? License { get; init; }

    /// <summary><c>tags</c>.</summary>
    public EquatableArray<string> Tags { get; init; }

    /// <summary><c>version</c>, as written (text; 0.4 <c>version_number</c> maps here too).</summary>
    public string? Version { get; init; }

    /// <summary><c>version_comment</c> (0.5.5).</summary>
    public string? VersionComment { get; init; }

    /// <summary><c>covers</c>: image file sources.</summary>
    public EquatableArray<string> Covers { get; init; }

    /// <summary><c>documentation</c>: markdown file source.</summary>
    public string? Documentation { get; init; }

    /// <summary><c>git_repo</c>.</summary>
    public string? GitRepo { get; init; }

    /// <summary><c>icon</c>: emoji or file source.</summary>
    public string? Icon { get; init; }

    /// <summary><c>links</c>: ids of related bioimage.io resources.</summary>
    public EquatableArray<string> Links { get; init; }

    /// <summary><c>uploader</c>.</summary>
    public Uploader? Uploader { get; init; }

    /// <summary><c>packaged_by</c>.</summary>
    public EquatableArray<Author> PackagedBy { get; init; }

    /// <summary><c>parent</c>.</summary>
    public LinkedModel? Parent { get; init; }

    /// <summary><c>attachments</c> (0.4: <c>attachments.files</c>).</summary>
    public EquatableArray<FileDescr> Attachments { get; init; }

    /// <summary><c>config</c>: free-form mapping (tool keys such as <c>bioimageio</c>, <c>deepimagej</c>).</summary>
    public SpecMap? Config { get; init; }

    /// <summary><c>training_data</c>.</summary>
    public TrainingDataDescr? TrainingData { get; init; }

    /// <summary><c>run_mode</c>.</summary>
    public RunMode? RunMode { get; init; }

    /// <summary><c>timestamp</c> (ISO 8601), when given.</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
