using System.Text.Json;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>
/// The TIFF fixtures made by <c>Fixtures/tiff/make_fixtures.sh</c> (tifffile, tiffcp and ImageJ 1.53t) and
/// their manifest: expected pixels as little-endian C-order <c>.raw</c> files, dtype, shape, axes and calibration.
/// </summary>
public static class TiffTestFiles
{
    /// <summary>JPEG-compressed RGB written by tiffcp; must be rejected naming JPEG.</summary>
    public const string Jpeg = "jpeg_rgb.tif";
    /// <summary>60 deflate pages where only page 7's data is intact.</summary>
    public const string LazyCorruptPages = "lazy_corrupt_pages.tif";
    /// <summary>Two full-resolution pages of different sizes.</summary>
    public const string MixedPages = "mixed_pages.tif";
    /// <summary>Interleaved RGB, 8-bit, strips.</summary>
    public const string RgbContiguous = "u8_rgb_contig.tif";
    /// <summary>Uncompressed 8-bit strips.</summary>
    public const string U8Strips = "u8_strips.tif";

    /// <summary>Small fixtures with varied structure that the fuzz test mutates.</summary>
    public static readonly string[] FuzzSeeds =
    [
        U8Strips, "i16_zlib_pred2.tif", "u32_tiles.tif", "lzw2_u16.tif", "packbits_u8.tif", "i32_bigtiff_zlib.tif",
        "u16_planar_stack.tif", "ome_ztcyx_u8.tif", "imagej_tzc_u16.tif", "tiles_zip3_f64.tif", "u16_bigendian.tif",
        "lzw_u8_big.tif", RgbContiguous, "i64_bigendian_bigtiff.tif", "imagej_real_hyperstack.tif",
    ];

    private static readonly Lazy<string> FolderPath = new(FindFolder);
    private static readonly Lazy<IReadOnlyList<TiffFixture>> All = new(LoadManifest);

    /// <summary>The fixture folder in the source tree.</summary>
    public static string Folder => FolderPath.Value;

    /// <summary>Every manifest entry.</summary>
    public static IReadOnlyList<TiffFixture> Manifest => All.Value;

    /// <summary>Full path of a fixture.</summary>
    public static string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>The manifest entry of a fixture.</summary>
    public static TiffFixture Get(string name) => Manifest.Single(f => f.File == name);

    private static string FindFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ModelZooBridge.Core.Tests", "Fixtures", "tiff");
            if (File.Exists(Path.Combine(candidate, "manifest.json"))) return candidate;
        }
        throw new DirectoryNotFoundException("Fixtures/tiff/manifest.json not found above " + AppContext.BaseDirectory);
    }

    private static IReadOnlyList<TiffFixture> LoadManifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "manifest.json")));
        var list = new List<TiffFixture>();
        foreach (var e in document.RootElement.EnumerateArray())
        {
            string? Text(string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            TiffExpectedCalibration? calibration = null;
            if (e.TryGetProperty("calibration", out var c) && c.ValueKind == JsonValueKind.Object)
            {
                calibration = new TiffExpectedCalibration(
                    c.GetProperty("pixelWidth").GetDouble(), c.GetProperty("pixelHeight").GetDouble(),
                    c.GetProperty("pixelDepth").GetDouble(), c.GetProperty("unit").GetString()!,
                    c.GetProperty("frameInterval").GetDouble(), c.GetProperty("timeUnit").GetString()!);
            }
            list.Add(new TiffFixture(
                Text("file")!,
                Text("raw"),
                Text("dtype"),
                e.TryGetProperty("shape", out var s) ? s.EnumerateArray().Select(x => x.GetInt32()).ToArray() : [],
                Text("axes"),
                calibration,
                Text("error"),
                e.TryGetProperty("onlyPlane", out var only) ? only.GetInt32() : null,
                Text("note") ?? ""));
        }
        return list;
    }
}
