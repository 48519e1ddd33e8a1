using ModelZooBridge.Validation;

namespace ModelZooBridge.Tests.Validation;

/// <summary>Helpers shared by the validator tests.</summary>
internal static class ValidationTestSupport
{
    /// <summary>Check ids whose outcome depends on the referenced files (the rest are static description checks).</summary>
    public static bool NeedsFiles(string checkId) =>
        checkId.StartsWith("file.", StringComparison.Ordinal) || checkId.StartsWith("test-tensor.", StringComparison.Ordinal) ||
        checkId.StartsWith("onnx.", StringComparison.Ordinal) || checkId.StartsWith("cover.unreadable", StringComparison.Ordinal) ||
        checkId is "documentation.empty" or "documentation.not-utf8";

    public static IEnumerable<ValidationEntry> StaticErrors(ValidationReport report) =>
        report.Errors.Where(e => !NeedsFiles(e.CheckId));

    public static string Dump(ValidationReport report) =>
        $"{report.Status}\n" + string.Join("\n", report.Entries.Select(e => e.ToString()));

    /// <summary>A fresh temporary folder, deleted on dispose.</summary>
    public sealed class TempFolder : IDisposable
    {
        public TempFolder()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mzb-validation-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
