using ModelZooBridge.Packaging;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>One file the description refers to.</summary>
internal sealed record FileRef(string FieldPath, string Source, string? Sha256, string What);

/// <summary>Presence, safety and SHA-256 of every referenced file.</summary>
internal static class FileChecks
{
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "rdf.yaml", "bioimageio.yaml", "model.yaml" };

    public static List<FileRef> Collect(ModelDescr d, List<TensorView> tensors)
    {
        var files = new List<FileRef>();
        foreach (var w in d.Weights.Entries)
        {
            var p = $"weights.{w.Format}";
            files.Add(new FileRef(p + ".source", w.Source, w.Sha256, $"{w.Format} weights"));
            switch (w)
            {
                case OnnxWeightsDescr { ExternalData: { } x }:
                    files.Add(new FileRef(p + ".external_data.source", x.Source, x.Sha256, "ONNX external data"));
                    break;
                case PytorchStateDictWeightsDescr pt:
                    if (pt.Architecture is ArchitectureFromFile af) files.Add(new FileRef(p + ".architecture.source", af.Source, af.Sha256, "architecture source"));
                    if (pt.Dependencies is { } dep) files.Add(new FileRef(p + ".dependencies.source", dep.Source, dep.Sha256, "environment file"));
                    break;
                case TensorflowSavedModelBundleWeightsDescr { Dependencies: { } tfd }:
                    files.Add(new FileRef(p + ".dependencies.source", tfd.Source, tfd.Sha256, "environment file"));
                    break;
            }
        }
        foreach (var t in tensors)
        {
            if (t.TestTensor is { } tt) files.Add(new FileRef(t.Path + ".test_tensor.source", tt.Source, tt.Sha256, $"test tensor of '{t.Id}'"));
            if (t.SampleTensor is { } st) files.Add(new FileRef(t.Path + ".sample_tensor.source", st.Source, st.Sha256, $"sample tensor of '{t.Id}'"));
        }
        if (d.Documentation is { } doc) files.Add(new FileRef("documentation", doc, null, "documentation"));
        for (var i = 0; i < d.Covers.Count; i++) files.Add(new FileRef($"covers[{i}]", d.Covers[i], null, "cover"));
        for (var i = 0; i < d.Attachments.Count; i++)
            files.Add(new FileRef($"attachments[{i}].source", d.Attachments[i].Source, d.Attachments[i].Sha256, "attachment"));
        return files;
    }

    /// <summary>Checks every reference; returns the ones present in the package.</summary>
    public static HashSet<string> Run(ValidationContext ctx, List<FileRef> files, IProgress<string>? progress)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            ctx.CancellationToken.ThrowIfCancellationRequested();
            if (ModelPackage.IsRemoteSource(f.Source))
            {
                ctx.Add("file.remote", $"{f.What} '{f.Source}' is a remote source, not checked offline", f.FieldPath);
                continue;
            }
            var baseName = f.Source.Replace('\\', '/').Split('/')[^1];
            if (Reserved.Contains(baseName) || baseName.EndsWith(".rdf.yaml", StringComparison.OrdinalIgnoreCase) ||
                baseName.EndsWith(".bioimageio.yaml", StringComparison.OrdinalIgnoreCase) || baseName.EndsWith(".model.yaml", StringComparison.OrdinalIgnoreCase))
                ctx.Add("file.reserved-name", $"{f.What} '{f.Source}' uses a file name reserved for the description", f.FieldPath);
            bool exists;
            try
            {
                exists = ctx.Package.Exists(f.Source);
            }
            catch (PackageException e)
            {
                ctx.Add("file.invalid-reference", $"{f.What} '{f.Source}': {e.Problem}", f.FieldPath);
                continue;
            }
            if (!exists)
            {
                ctx.Add("file.missing", $"{f.What} '{f.Source}' ({f.FieldPath}) is not in the package", f.FieldPath);
                continue;
            }
            present.Add(f.Source);
            progress?.Report($"hashing {f.Source}");
            string actual;
            try
            {
                actual = ctx.Package.ComputeSha256(f.Source);
            }
            catch (Exception e) when (e is PackageException or IOException or InvalidDataException or UnauthorizedAccessException)
            {
                ctx.Add("file.invalid-reference", $"{f.What} '{f.Source}' cannot be read: {e.Message}", f.FieldPath);
                present.Remove(f.Source);
                continue;
            }
            if (f.Sha256 is { } expected)
            {
                if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
                    ctx.Add("file.sha256-mismatch", $"sha256 mismatch for {f.What} '{f.Source}': expected {expected.ToLowerInvariant()}, got {actual}. Update the expected sha256 or point to the matching file", SiblingSha(f.FieldPath));
            }
            else if (f.What is not ("documentation" or "cover"))
                ctx.Add("file.sha256-missing", $"{f.What} '{f.Source}' has no declared sha256; its sha256 is {actual}", f.FieldPath);
        }
        return present;
    }

    private static string SiblingSha(string fieldPath) =>
        fieldPath.EndsWith(".source", StringComparison.Ordinal) ? fieldPath[..^".source".Length] + ".sha256" : fieldPath;
}
