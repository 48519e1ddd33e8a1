using System.Text;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Png;
using ModelZooBridge.Packaging;

namespace ModelZooBridge.Validation.Checks;

/// <summary>Documentation, covers and licence.</summary>
internal static class ContentChecks
{
    /// <summary>Covers larger than this are not decoded (recommended cover size is under 500 KB).</summary>
    private const long MaxDecodedCover = 32L << 20;

    private static readonly string[] CoverSuffixes = [".png", ".jpg", ".jpeg", ".gif", ".svg", ".tif", ".tiff"];

    public static void Run(ValidationContext ctx, HashSet<string> present)
    {
        Documentation(ctx, present);
        for (var i = 0; i < ctx.Description.Covers.Count; i++) Cover(ctx, ctx.Description.Covers[i], $"covers[{i}]", present);
        License(ctx);
    }

    private static void Documentation(ValidationContext ctx, HashSet<string> present)
    {
        if (ctx.Description.Documentation is not { } doc) return;
        if (!ctx.IsV04 && !doc.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            ctx.Add("documentation.not-markdown", $"documentation '{doc}' is not a .md file (format 0.5 requires Markdown)", "documentation");
        if (!present.Contains(doc)) return;
        var length = ctx.Package.GetFileLength(doc);
        if (length == 0)
        {
            ctx.Add("documentation.empty", $"documentation '{doc}' is empty", "documentation");
            return;
        }
        if (length > 16L << 20) return;
        var bytes = ctx.Package.ReadFile(doc);
        try
        {
            _ = new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            ctx.Add("documentation.not-utf8", $"documentation '{doc}' is not UTF-8 text (invalid byte at offset {e.Index})", "documentation");
        }
    }

    private static void Cover(ValidationContext ctx, string cover, string path, HashSet<string> present)
    {
        var suffix = Path.GetExtension(cover).ToLowerInvariant();
        if (!ModelPackage.IsRemoteSource(cover) && !CoverSuffixes.Contains(suffix))
        {
            ctx.Add("cover.unsupported-format", $"cover '{cover}' has suffix '{suffix}'; covers must be {string.Join(", ", CoverSuffixes)}", path);
            return;
        }
        if (!present.Contains(cover)) return;
        var problem = suffix == ".png" ? DecodePng(ctx, cover) : SniffHeader(ctx, cover, suffix);
        if (problem is not null) ctx.Add("cover.unreadable", $"cover '{cover}' is not a readable {suffix[1..].ToUpperInvariant()} image: {problem}", path);
    }

    private static string? SniffHeader(ValidationContext ctx, string cover, string suffix)
    {
        Span<byte> head = stackalloc byte[16];
        int n;
        using (var s = ctx.Package.OpenFile(cover)) n = s.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..n];
        bool ok = suffix switch
        {
            ".jpg" or ".jpeg" => head.Length >= 3 && head[0] == 0xFF && head[1] == 0xD8 && head[2] == 0xFF,
            ".gif" => head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8),
            ".tif" or ".tiff" => head.StartsWith("II*\0"u8) || head.StartsWith("MM\0*"u8) || head.StartsWith("II+\0"u8) || head.StartsWith("MM\0+"u8),
            ".svg" => head.IndexOf("<"u8) >= 0,
            _ => false,
        };
        return ok ? null : $"the file does not start with a {suffix[1..].ToUpperInvariant()} signature";
    }

    private static string? DecodePng(ValidationContext ctx, string cover)
    {
        if (ctx.Package.GetFileLength(cover) > MaxDecodedCover) return SniffPng(ctx, cover);
        var temp = Path.Combine(Path.GetTempPath(), $"mzb-cover-{Guid.NewGuid():N}.png");
        try
        {
            using (var source = ctx.Package.OpenFile(cover))
            using (var target = File.Create(temp))
                source.CopyTo(target);
            using var reader = PngReader.Open(temp);
            using var pixels = reader.ReadAll();
            return null;
        }
        catch (ImageFormatException e)
        {
            return e.Message;
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { }
        }
    }

    private static string? SniffPng(ValidationContext ctx, string cover)
    {
        Span<byte> head = stackalloc byte[8];
        using var s = ctx.Package.OpenFile(cover);
        var n = s.ReadAtLeast(head, 8, throwOnEndOfStream: false);
        return n == 8 && head.SequenceEqual((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? null : "the file does not start with the PNG signature";
    }

    private static void License(ValidationContext ctx)
    {
        var license = ctx.Description.License;
        if (string.IsNullOrWhiteSpace(license))
        {
            ctx.Add("license.missing", "no license given", "license");
            return;
        }
        if (SpdxLicenses.Deprecated.TryGetValue(license, out var replacement))
        {
            ctx.Add("license.deprecated", $"license '{license}' is a deprecated SPDX id; use '{replacement}'", "license");
            return;
        }
        if (SpdxLicenses.Known.Contains(license)) return;
        if (!ctx.IsV04 && !SpdxLicenses.LooksLikeId(license))
            ctx.Add("license.invalid", $"license '{license}' is not an SPDX license id (e.g. MIT, BSD-3-Clause, Apache-2.0, CC-BY-4.0)", "license");
        else
            ctx.Add("license.unknown", $"license '{license}' is not among the SPDX ids known to mzb; check it at https://spdx.org/licenses/", "license");
    }
}
