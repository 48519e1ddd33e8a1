using System.Buffers.Binary;
using System.IO.Compression;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Packaging;

/// <summary>Builds hostile and broken zips for the tests, with python's zipfile (names written verbatim) or the BCL.</summary>
internal static class ZipFixtures
{
    /// <summary>
    /// A zip with <c>rdf.yaml</c> and one more entry, written by python's zipfile. <paramref name="entrySetup"/> is
    /// python code run on <c>info</c> (a <c>ZipInfo</c> named <paramref name="entryName"/>) before it is written.
    /// </summary>
    public static void WritePythonZip(string path, string entryName, string entrySetup = "", string data = "x", string compression = "ZIP_DEFLATED")
    {
        ExternalTool.RunPython($$"""
import sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.{{compression}}) as z:
    z.writestr("rdf.yaml", "type: model\n")
    info = zipfile.ZipInfo(sys.argv[2])
    info.compress_type = zipfile.{{compression}}
{{(entrySetup.Length == 0 ? "    pass" : "    " + entrySetup)}}
    z.writestr(info, sys.argv[3])
""", path, entryName, data);
    }

    /// <summary>
    /// A zip with <c>rdf.yaml</c> and <c>weights.bin</c> holding <paramref name="zeroBytes"/> zeros, streamed through
    /// the BCL's deflate (about 1 KB of output per MB of zeros), so a 1 GB bomb takes a second or two to build.
    /// </summary>
    public static void WriteZerosZip(string path, long zeroBytes)
    {
        using var file = new FileStream(path, FileMode.CreateNew);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        using (var rdf = zip.CreateEntry("rdf.yaml").Open()) rdf.Write("type: model\n"u8);
        using var weights = zip.CreateEntry("weights.bin", CompressionLevel.Optimal).Open();
        var zeros = new byte[1 << 20];
        for (var written = 0L; written < zeroBytes; written += zeros.Length)
            weights.Write(zeros, 0, (int)Math.Min(zeros.Length, zeroBytes - written));
    }

    /// <summary>Rewrites the uncompressed size of every entry, in local headers and the central directory, to <paramref name="declared"/>.</summary>
    public static void PatchDeclaredSizes(string path, uint declared)
    {
        var bytes = File.ReadAllBytes(path);
        for (var i = 0; i + 30 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), declared);
            else if (signature == 0x02014b50) BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), declared);
        }
        File.WriteAllBytes(path, bytes);
    }
}
