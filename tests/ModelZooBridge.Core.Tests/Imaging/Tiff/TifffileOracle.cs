using System.Text.Json;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>Reads TIFF files with tifffile (Debian's python3) and reports what it sees, one JSON object per file.</summary>
internal static class TifffileOracle
{
    private const string Script = """
        import sys, json, hashlib
        import numpy, tifffile
        result = []
        for path in sys.argv[1:]:
            with tifffile.TiffFile(path) as tif:
                series = tif.series[0]
                data = numpy.ascontiguousarray(series.asarray())
                page = tif.pages[0]
                def tag(name):
                    t = page.tags.get(name)
                    return None if t is None else t.value
                result.append(dict(
                    shape=list(data.shape), axes=series.axes, dtype=str(data.dtype), kind=series.kind,
                    sha256=hashlib.sha256(data.astype(data.dtype.newbyteorder('<')).tobytes()).hexdigest(),
                    imagej=tif.imagej_metadata, shaped=tif.shaped_metadata[0] if tif.shaped_metadata else None,
                    bigtiff=tif.is_bigtiff, pages=len(tif.pages), compression=int(page.compression),
                    bits=page.bitspersample, sampleformat=int(page.sampleformat), rowsperstrip=page.rowsperstrip,
                    strips=len(page.dataoffsets), xres=tag('XResolution'), yres=tag('YResolution'),
                    resunit=None if tag('ResolutionUnit') is None else int(tag('ResolutionUnit'))))
        print(json.dumps(result))
        """;

    public static JsonElement[] Read(params string[] paths)
    {
        var json = ExternalTool.RunPython(Script, paths);
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().Select(e => e.Clone()).ToArray();
    }
}
