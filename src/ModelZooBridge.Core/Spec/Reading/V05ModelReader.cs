using ModelZooBridge.Spec.Yaml;

namespace ModelZooBridge.Spec.Reading;

/// <summary>Reads a <c>format_version: 0.5.x</c> model description.</summary>
internal sealed class V05ModelReader
{
    private readonly NodeReader _r;
    private readonly CommonFieldReader _common;
    private readonly V05TensorReader _tensors;

    public V05ModelReader(NodeReader r)
    {
        _r = r;
        _common = new CommonFieldReader(r);
        _tensors = new V05TensorReader(r, _common);
    }

    public ModelDescr? Read(MapReader m, string formatVersion)
    {
        m.Ignore("type", "format_version");
        var name = m.String("name", required: true);
        var inputs = m.List("inputs", _tensors.Input, required: true);
        var outputs = m.List("outputs", _tensors.Output, required: true);
        var weights = Weights(m);
        var descr = new ModelDescr(formatVersion, name ?? "", inputs.ToEquatableArray(), outputs.ToEquatableArray(), weights ?? new WeightsDescr())
        {
            Description = m.String("description"),
            Id = m.String("id"),
            IdEmoji = m.String("id_emoji"),
            Authors = m.List("authors", (n, p) => _common.Author(n, p, allowString: false)).ToEquatableArray(),
            Maintainers = m.List("maintainers", _common.Maintainer).ToEquatableArray(),
            Cite = m.List("cite", (n, p) => _common.Cite(n, p, stripDoiPrefix: false)).ToEquatableArray(),
            License = m.String("license"),
            Tags = m.StringList("tags"),
            Version = _common.Version(m, "version"),
            VersionComment = m.String("version_comment"),
            Covers = m.StringList("covers"),
            Documentation = m.String("documentation"),
            GitRepo = m.String("git_repo"),
            Icon = m.String("icon"),
            Links = m.StringList("links"),
            Uploader = _common.Uploader(m, "uploader"),
            PackagedBy = m.List("packaged_by", (n, p) => _common.Author(n, p, allowString: false)).ToEquatableArray(),
            Parent = m.Map("parent") is { } pm && _common.Link(pm, "version") is { } link ? new LinkedModel(link.Id, link.Version) : null,
            Attachments = m.List("attachments", _common.File).ToEquatableArray(),
            Config = m.AnyMap("config"),
            TrainingData = _common.TrainingData(m, "version"),
            RunMode = _common.RunMode(m),
            Timestamp = _common.Timestamp(m),
        };
        RequireNonEmpty(m, "inputs");
        RequireNonEmpty(m, "outputs");
        m.Finish();
        _common.CheckUniqueTensorIds(
            inputs.Select((t, i) => (t.Id, m.Node.Get("inputs") is YSequence s ? s.Items[i] : null, $"inputs[{i}].id"))
            .Concat(outputs.Select((t, i) => (t.Id, m.Node.Get("outputs") is YSequence s ? s.Items[i] : null, $"outputs[{i}].id"))));
        return name is null || weights is null ? null : descr;
    }

    private void RequireNonEmpty(MapReader m, string key)
    {
        if (m.Node.Get(key) is YSequence { Items.Count: 0 } seq)
            _r.Sink.Error(seq, m.Sub(key), "empty_list", $"'{key}' needs at least one tensor");
    }

    private WeightsDescr? Weights(MapReader parent)
    {
        var m = parent.Map("weights", required: true);
        if (m is null) return null;
        var result = new WeightsDescr(
            KerasHdf5: Entry(m, "keras_hdf5", (e, b) => new KerasHdf5WeightsDescr(b.Source, b.Sha256, e.Text("tensorflow_version", required: true) ?? "", b.Authors, b.Parent, b.Comment)),
            Onnx: Entry(m, "onnx", (e, b) => new OnnxWeightsDescr(b.Source, b.Sha256, e.Int("opset_version", 7, int.MaxValue, required: true) ?? 0,
                _common.File(e.Take("external_data"), e.Sub("external_data")), b.Authors, b.Parent, b.Comment)),
            PytorchStateDict: Entry(m, "pytorch_state_dict", (e, b) => Architecture(e) is { } arch
                ? new PytorchStateDictWeightsDescr(b.Source, b.Sha256, arch, e.Text("pytorch_version", required: true) ?? "",
                    _common.File(e.Take("dependencies"), e.Sub("dependencies")), b.Authors, b.Parent, b.Comment)
                : null),
            TensorflowJs: Entry(m, "tensorflow_js", (e, b) => new TensorflowJsWeightsDescr(b.Source, b.Sha256, e.Text("tensorflow_version", required: true) ?? "", b.Authors, b.Parent, b.Comment)),
            TensorflowSavedModelBundle: Entry(m, "tensorflow_saved_model_bundle", (e, b) => new TensorflowSavedModelBundleWeightsDescr(b.Source, b.Sha256,
                e.Text("tensorflow_version", required: true) ?? "", _common.File(e.Take("dependencies"), e.Sub("dependencies")), b.Authors, b.Parent, b.Comment)),
            Torchscript: Entry(m, "torchscript", (e, b) => new TorchscriptWeightsDescr(b.Source, b.Sha256, e.Text("pytorch_version", required: true) ?? "", b.Authors, b.Parent, b.Comment)));
        m.Finish();
        if (!result.Entries.Any() && !_r.Sink.HasErrors)
            _r.Sink.Error(m.Node, m.Path, "missing_weights", "no weights entry (expected at least one of keras_hdf5, onnx, pytorch_state_dict, tensorflow_js, tensorflow_saved_model_bundle, torchscript)");
        return result;
    }

    private readonly record struct EntryBase(string Source, string? Sha256, EquatableArray<Author> Authors, string? Parent, string? Comment);

    private T? Entry<T>(MapReader weights, string key, Func<MapReader, EntryBase, T?> make) where T : WeightsEntryDescr
    {
        var e = weights.Map(key);
        if (e is null) return null;
        var source = e.String("source", required: true);
        var b = new EntryBase(source ?? "", _common.Sha256(e), e.List("authors", (n, p) => _common.Author(n, p, allowString: false)).ToEquatableArray(),
            e.String("parent"), e.String("comment"));
        var result = make(e, b);
        e.Finish();
        if (b.Parent == key)
            _r.Sink.Error(e.Node.Get("parent"), e.Sub("parent"), "self_parent", $"weights entry '{key}' cannot be its own parent");
        return source is null ? null : result;
    }

    private ArchitectureDescr? Architecture(MapReader e)
    {
        var a = e.Map("architecture", required: true);
        if (a is null) return null;
        var callable = a.String("callable", required: true);
        var kwargs = a.AnyMap("kwargs") ?? SpecMap.Empty;
        ArchitectureDescr? result;
        if (a.Has("import_from"))
        {
            var module = a.String("import_from", required: true);
            result = module is null || callable is null ? null : new ArchitectureFromLibrary(module, callable, kwargs);
        }
        else
        {
            var source = a.String("source", required: true);
            var sha = _common.Sha256(a);
            result = source is null || callable is null ? null : new ArchitectureFromFile(source, sha, callable, kwargs);
        }
        a.Finish();
        return result;
    }
}
