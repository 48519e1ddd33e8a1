using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>
/// Reads a <c>format_version: 0.4.x</c> model description and converts it to 0.5 in memory (bioimageio-spec.md §13).
/// Issues point at the 0.4 field paths as written.
/// </summary>
internal sealed class V04ModelReader(NodeReader r, int patch)
{
    private readonly CommonFieldReader _common = new(r);
    private readonly V04TensorConverter _tensors = new(r);
    private readonly V04ProcessingConverter _processing = new(r);

    public ModelDescr? Read(MapReader m)
    {
        m.Ignore("type", "format_version");
        var name = m.String("name", required: true);
        if (name is not null && patch < 7) name = name.Replace("/", "", StringComparison.Ordinal).Replace("\\", "", StringComparison.Ordinal);

        var rawInputs = m.List("inputs", (n, p) => _tensors.ReadRaw(n, p, input: true), required: true);
        var rawOutputs = m.List("outputs", (n, p) => _tensors.ReadRaw(n, p, input: false), required: true);
        var testInputs = m.StringList("test_inputs", required: true);
        var testOutputs = m.StringList("test_outputs", required: true);
        var sampleInputs = m.StringList("sample_inputs");
        var sampleOutputs = m.StringList("sample_outputs");
        CheckCount(m, "test_inputs", testInputs.Count, rawInputs.Count, "inputs", required: true);
        CheckCount(m, "test_outputs", testOutputs.Count, rawOutputs.Count, "outputs", required: true);
        CheckCount(m, "sample_inputs", sampleInputs.Count, rawInputs.Count, "inputs", required: false);
        CheckCount(m, "sample_outputs", sampleOutputs.Count, rawOutputs.Count, "outputs", required: false);

        _common.CheckUniqueTensorIds(rawInputs.Concat(rawOutputs).Select(t => (t.Name, (YNode?)((YMapping)t.Node).Get("name"), t.Path + ".name")));
        var inputsByName = rawInputs.GroupBy(t => t.Name).ToDictionary(g => g.Key, g => g.First());

        var inputs = rawInputs.Select((t, i) => new InputTensorDescr(
            t.Name, _tensors.InputAxes(t), _tensors.Data(t), t.Description,
            At(testInputs, i) is { } ti ? new FileDescr(ti) : null, At(sampleInputs, i) is { } si ? new FileDescr(si) : null,
            InputProcessing(t))).ToEquatableArray();
        var outputs = rawOutputs.Select((t, i) => new OutputTensorDescr(
            t.Name, _tensors.OutputAxes(t, inputsByName), _tensors.Data(t), t.Description,
            At(testOutputs, i) is { } to ? new FileDescr(to) : null, At(sampleOutputs, i) is { } so ? new FileDescr(so) : null,
            Processing(t, post: true))).ToEquatableArray();

        var rootDependencies = m.String("dependencies");
        var weights = Weights(m, rootDependencies);
        var config = m.AnyMap("config");
        var id = m.String("id") ?? Nickname(config);
        var descr = new ModelDescr(ModelDescr.LatestFormatVersion, name ?? "", inputs, outputs, weights ?? new WeightsDescr())
        {
            Description = m.String("description", required: true),
            Id = id,
            IdEmoji = m.String("id_emoji"),
            Authors = m.List("authors", (n, p) => _common.Author(n, p, allowString: true), required: true).ToEquatableArray(),
            Maintainers = m.List("maintainers", _common.Maintainer).ToEquatableArray(),
            Cite = m.List("cite", (n, p) => _common.Cite(n, p, stripDoiPrefix: true)).ToEquatableArray(),
            License = m.String("license", required: true),
            Tags = m.StringList("tags"),
            Version = _common.Version(m, "version") ?? _common.Version(m, "version_number"),
            Covers = m.StringList("covers"),
            Documentation = m.String("documentation", required: true),
            GitRepo = m.String("git_repo"),
            Icon = m.String("icon"),
            Links = m.StringList("links"),
            Uploader = _common.Uploader(m, "uploader"),
            PackagedBy = m.List("packaged_by", (n, p) => _common.Author(n, p, allowString: true)).ToEquatableArray(),
            Parent = m.Map("parent") is { } pm && _common.Link(pm, "version_number") is { } link ? new LinkedModel(link.Id, link.Version) : null,
            Attachments = Attachments(m),
            Config = config,
            TrainingData = _common.TrainingData(m, "version_number"),
            RunMode = _common.RunMode(m),
            Timestamp = _common.Timestamp(m),
        };
        if (!m.Has("timestamp")) m.Missing("timestamp", "ISO 8601, required in 0.4");
        foreach (var dropped in (string[])["download_url", "rdf_source"])
            if (m.Take(dropped) is { } node)
                r.Sink.Add(node, dropped, "dropped_field", $"'{dropped}' has no 0.5 equivalent and is dropped", Severity.Info);
        foreach (var key in (string[])["inputs", "outputs"])
            if (m.Node.Get(key) is YSequence { Items.Count: 0 } seq)
                r.Sink.Error(seq, key, "empty_list", $"'{key}' needs at least one tensor");
        m.Finish();
        return name is null || weights is null ? null : descr;
    }

    private static string? At(EquatableArray<string> list, int i) => i < list.Count ? list[i] : null;

    private void CheckCount(MapReader m, string key, int count, int tensors, string what, bool required)
    {
        if ((required || count > 0) && count != tensors && m.Node.Get(key) is { } node)
            r.Sink.Error(node, key, "count_mismatch", $"{key} lists {count} files but there are {tensors} {what}");
    }

    private EquatableArray<ProcessingDescr> Processing(V04Tensor t, bool post) =>
        t.Processing.Select((n, i) => _processing.Convert(n, $"{t.ProcessingPath}[{i}]", t.Axes, post)).OfType<ProcessingDescr>().ToEquatableArray();

    /// <summary>Converted preprocessing plus the <c>ensure_dtype: float32</c> the official converter appends.</summary>
    private EquatableArray<ProcessingDescr> InputProcessing(V04Tensor t)
    {
        var list = Processing(t, post: false).Items.ToList();
        if (list.Count == 0 || list[^1] is not (EnsureDtypeDescr or BinarizeDescr)) list.Add(new EnsureDtypeDescr("float32"));
        return list.ToEquatableArray();
    }

    private static string? Nickname(SpecMap? config) =>
        config?["bioimageio"] is SpecMap bio && bio["nickname"] is SpecString nick ? nick.Value : null;

    private EquatableArray<FileDescr> Attachments(MapReader m)
    {
        var a = m.Map("attachments");
        if (a is null) return EquatableArray<FileDescr>.Empty;
        var files = a.StringList("files").Select(f => new FileDescr(f)).ToEquatableArray();
        foreach (var (k, _) in a.Node.Entries)
            if (k.Value != "files")
                r.Sink.Warn(k, a.Sub(k.Value), "dropped_field", $"attachments.{k.Value} has no 0.5 equivalent and is dropped");
        return files;
    }

    private WeightsDescr? Weights(MapReader parent, string? rootDependencies)
    {
        var m = parent.Map("weights", required: true);
        if (m is null) return null;
        var result = new WeightsDescr(
            KerasHdf5: Entry(m, "keras_hdf5", (e, b) => new KerasHdf5WeightsDescr(b.Source, b.Sha256, FrameworkVersion(e, "tensorflow_version", "1.15"), b.Authors, b.Parent)),
            Onnx: Entry(m, "onnx", (e, b) => new OnnxWeightsDescr(b.Source, b.Sha256, Opset(e), null, b.Authors, b.Parent)),
            PytorchStateDict: Entry(m, "pytorch_state_dict", (e, b) => Architecture(e) is { } arch
                ? new PytorchStateDictWeightsDescr(b.Source, b.Sha256, arch, FrameworkVersion(e, "pytorch_version", "1.10"),
                    Dependencies(e, rootDependencies, convertible: true), b.Authors, b.Parent)
                : null),
            TensorflowJs: Entry(m, "tensorflow_js", (e, b) => new TensorflowJsWeightsDescr(b.Source, b.Sha256, FrameworkVersion(e, "tensorflow_version", "1.15"), b.Authors, b.Parent)),
            TensorflowSavedModelBundle: Entry(m, "tensorflow_saved_model_bundle", (e, b) => new TensorflowSavedModelBundleWeightsDescr(b.Source, b.Sha256,
                FrameworkVersion(e, "tensorflow_version", "1.15"), Dependencies(e, null, convertible: true), b.Authors, b.Parent)),
            Torchscript: Entry(m, "torchscript", (e, b) => new TorchscriptWeightsDescr(b.Source, b.Sha256, FrameworkVersion(e, "pytorch_version", "1.10"), b.Authors, b.Parent)));
        m.Finish();
        if (!result.Entries.Any() && !r.Sink.HasErrors)
            r.Sink.Error(m.Node, m.Path, "missing_weights", "no weights entry (expected at least one of keras_hdf5, onnx, pytorch_state_dict, tensorflow_js, tensorflow_saved_model_bundle, torchscript)");
        if (rootDependencies is not null && result.PytorchStateDict is null)
            r.Sink.Warn(parent.Node.Get("dependencies"), "dependencies", "dropped_field", "root 'dependencies' apply to pytorch_state_dict weights only and are dropped");
        return result;
    }

    private readonly record struct EntryBase(string Source, string? Sha256, EquatableArray<Author> Authors, string? Parent);

    private T? Entry<T>(MapReader weights, string key, Func<MapReader, EntryBase, T?> make) where T : WeightsEntryDescr
    {
        var e = weights.Map(key);
        if (e is null) return null;
        var source = e.String("source", required: true);
        var b = new EntryBase(source ?? "", _common.Sha256(e), e.List("authors", (n, p) => _common.Author(n, p, allowString: true)).ToEquatableArray(), e.String("parent"));
        if (e.Take("attachments") is { } att)
            r.Sink.Add(att, e.Sub("attachments"), "dropped_field", "weights attachments have no 0.5 equivalent and are dropped", Severity.Alert);
        var result = make(e, b);
        e.Ignore("dependencies");
        e.Finish();
        if (b.Parent == key)
            r.Sink.Error(e.Node.Get("parent"), e.Sub("parent"), "self_parent", $"weights entry '{key}' cannot be its own parent");
        return source is null ? null : result;
    }

    private string FrameworkVersion(MapReader e, string key, string fallback)
    {
        if (e.Text(key) is { } v) return v;
        r.Sink.Add(e.Node, e.Sub(key), "missing_version", $"missing {key}; assuming {fallback} as the official converter does", Severity.Alert);
        return fallback;
    }

    private int Opset(MapReader e)
    {
        if (e.Int("opset_version", 7, int.MaxValue) is { } v) return v;
        if (!e.Has("opset_version"))
            r.Sink.Add(e.Node, e.Sub("opset_version"), "missing_version", "missing opset_version; assuming 15 as the official converter does", Severity.Alert);
        return 15;
    }

    /// <summary><c>dependencies: conda:environment.yaml</c> → <c>{source: environment.yaml}</c>; other managers are dropped.</summary>
    private FileDescr? Dependencies(MapReader e, string? rootDependencies, bool convertible)
    {
        var text = e.String("dependencies") ?? rootDependencies;
        if (text is null || !convertible) return null;
        var colon = text.IndexOf(':');
        if (colon > 0 && text[..colon] == "conda") return new FileDescr(text[(colon + 1)..]);
        r.Sink.Warn(e.Node.Get("dependencies") ?? e.Node, e.Sub("dependencies"), "dropped_field",
            $"dependencies '{text}' are not a conda environment file and have no 0.5 equivalent; dropped");
        return null;
    }

    private ArchitectureDescr? Architecture(MapReader e)
    {
        var text = e.String("architecture", required: true);
        var sha = _common.Sha256(e, "architecture_sha256");
        var kwargs = e.AnyMap("kwargs") ?? SpecMap.Empty;
        if (text is null) return null;
        var colon = text.LastIndexOf(':');
        if (colon > 0 && !text.Contains("://", StringComparison.Ordinal) || colon > 0 && text.IndexOf(':') != colon)
        {
            var source = text[..colon];
            var callable = text[(colon + 1)..];
            if (sha is null)
                r.Sink.Error(e.Node, e.Sub("architecture_sha256"), "missing_field", $"architecture '{text}' is a file: 'architecture_sha256' is required");
            return new ArchitectureFromFile(source, sha, callable, kwargs);
        }
        var dot = text.LastIndexOf('.');
        if (dot <= 0)
        {
            r.Sink.Error(e.Node.Get("architecture"), e.Sub("architecture"), "bad_architecture", $"expected 'file.py:Callable' or 'package.module.Callable', got '{text}'");
            return null;
        }
        return new ArchitectureFromLibrary(text[..dot], text[(dot + 1)..], kwargs);
    }
}
