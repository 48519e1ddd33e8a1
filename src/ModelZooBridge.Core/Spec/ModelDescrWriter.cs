using ModelZooBridge.Spec.Writing;
using YamlDotNet.RepresentationModel;
using static ModelZooBridge.Spec.Writing.YamlNodes;

namespace ModelZooBridge.Spec;

/// <summary>
/// Writes a <see cref="ModelDescr"/> as a format 0.5 YAML description. Reading the output with
/// <see cref="ModelDescrReader"/> gives an equal description. Defaults are omitted, except that
/// <c>data</c> is always written.
/// </summary>
public static class ModelDescrWriter
{
    /// <summary>Serialises <paramref name="descr"/> to YAML text.</summary>
    /// <param name="descr">The description.</param>
    public static string Write(ModelDescr descr)
    {
        ArgumentNullException.ThrowIfNull(descr);
        var root = Map(
            ("type", Str(descr.Type)),
            ("format_version", Str(descr.FormatVersion)),
            ("name", Str(descr.Name)),
            ("description", OptStr(descr.Description)),
            ("id", OptStr(descr.Id)),
            ("id_emoji", OptStr(descr.IdEmoji)),
            ("authors", SeqOrNull(descr.Authors, AuthorNode)),
            ("maintainers", SeqOrNull(descr.Maintainers, m => Map(("github_user", Str(m.GithubUser)), ("name", OptStr(m.Name)),
                ("affiliation", OptStr(m.Affiliation)), ("email", OptStr(m.Email)), ("orcid", OptStr(m.Orcid))))),
            ("cite", SeqOrNull(descr.Cite, c => Map(("text", Str(c.Text)), ("doi", OptStr(c.Doi)), ("url", OptStr(c.Url))))),
            ("license", OptStr(descr.License)),
            ("tags", SeqOrNull(descr.Tags, Str)),
            ("version", OptStr(descr.Version)),
            ("version_comment", OptStr(descr.VersionComment)),
            ("covers", SeqOrNull(descr.Covers, Str)),
            ("documentation", OptStr(descr.Documentation)),
            ("git_repo", OptStr(descr.GitRepo)),
            ("icon", OptStr(descr.Icon)),
            ("links", SeqOrNull(descr.Links, Str)),
            ("uploader", descr.Uploader is { } u ? Map(("email", Str(u.Email)), ("name", OptStr(u.Name))) : null),
            ("packaged_by", SeqOrNull(descr.PackagedBy, AuthorNode)),
            ("parent", descr.Parent is { } p ? Map(("id", Str(p.Id)), ("version", OptStr(p.Version))) : null),
            ("training_data", descr.TrainingData switch
            {
                LinkedDataset d => Map(("id", Str(d.Id)), ("version", OptStr(d.Version))),
                InlineDataset d => MapOf(d.Description),
                _ => null,
            }),
            ("run_mode", descr.RunMode is { } rm ? Map(("name", Str(rm.Name)), ("kwargs", rm.Kwargs.Entries.IsEmpty ? null : MapOf(rm.Kwargs))) : null),
            ("timestamp", descr.Timestamp is { } ts ? Str(ts.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture)) : null),
            ("inputs", Seq(descr.Inputs.Select(TensorNodes.Input))),
            ("outputs", Seq(descr.Outputs.Select(TensorNodes.Output))),
            ("weights", WeightsNode(descr.Weights)),
            ("attachments", SeqOrNull(descr.Attachments, FileNode)),
            ("config", descr.Config is { } cfg ? MapOf(cfg) : null));
        var stream = new YamlStream(new YamlDocument(root));
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        stream.Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends each document with "...": drop the explicit end marker for a plain single-document file.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    internal static YamlNode AuthorNode(Author a) => Map(("name", Str(a.Name)), ("affiliation", OptStr(a.Affiliation)),
        ("email", OptStr(a.Email)), ("orcid", OptStr(a.Orcid)), ("github_user", OptStr(a.GithubUser)));

    internal static YamlNode FileNode(FileDescr f) => Map(("source", Str(f.Source)), ("sha256", OptStr(f.Sha256)));

    private static YamlNode WeightsNode(WeightsDescr w)
    {
        var map = new YamlMappingNode();
        foreach (var e in w.Entries)
        {
            var common = new List<(string, YamlNode?)>
            {
                ("source", Str(e.Source)),
                ("sha256", OptStr(e.Sha256)),
                ("authors", SeqOrNull(e.Authors, AuthorNode)),
                ("parent", OptStr(e.Parent)),
                ("comment", OptStr(e.Comment)),
            };
            common.AddRange(e switch
            {
                OnnxWeightsDescr o => [("opset_version", Int(o.OpsetVersion)), ("external_data", o.ExternalData is { } x ? FileNode(x) : null)],
                PytorchStateDictWeightsDescr p => [("architecture", ArchitectureNode(p.Architecture)), ("pytorch_version", Str(p.PytorchVersion)),
                    ("dependencies", p.Dependencies is { } d ? FileNode(d) : null)],
                TorchscriptWeightsDescr t => [("pytorch_version", Str(t.PytorchVersion))],
                KerasHdf5WeightsDescr k => [("tensorflow_version", Str(k.TensorflowVersion))],
                TensorflowJsWeightsDescr j => [("tensorflow_version", Str(j.TensorflowVersion))],
                TensorflowSavedModelBundleWeightsDescr b => [("tensorflow_version", Str(b.TensorflowVersion)),
                    ("dependencies", b.Dependencies is { } d ? FileNode(d) : null)],
                _ => Array.Empty<(string, YamlNode?)>(),
            });
            map.Add(new YamlScalarNode(e.Format), Map([.. common]));
        }
        return map;
    }

    private static YamlNode ArchitectureNode(ArchitectureDescr a) => a switch
    {
        ArchitectureFromFile f => Map(("source", Str(f.Source)), ("sha256", OptStr(f.Sha256)), ("callable", Str(f.Callable)),
            ("kwargs", f.Kwargs.Entries.IsEmpty ? null : MapOf(f.Kwargs))),
        ArchitectureFromLibrary l => Map(("import_from", Str(l.ImportFrom)), ("callable", Str(l.Callable)),
            ("kwargs", l.Kwargs.Entries.IsEmpty ? null : MapOf(l.Kwargs))),
        _ => throw new ArgumentOutOfRangeException(nameof(a), a.GetType().Name, "unknown architecture kind"),
    };
}
