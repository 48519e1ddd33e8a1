using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Bench;
using ModelZooBridge.Imaging;

// TIFF benchmark: our reader and writer against tifffile on the same 1 GiB uint16 stack, in the same run.
// usage: ModelZooBridge.Bench tiff FOLDER [PAGES] [HEIGHT] [WIDTH]
//        ModelZooBridge.Bench make-stack FILE PAGES   (a 1024x1024 uint16 stack for the memory benchmark)
//        ModelZooBridge.Bench predict PACKAGES SCRATCH HOST   (prediction benchmark, PredictBench.cs)
if (args.Length == 4 && args[0] == "predict") return PredictBench.Run(args[1], args[2], args[3]);
if (args.Length == 3 && args[0] == "make-stack")
{
    int count = int.Parse(args[2], CultureInfo.InvariantCulture);
    var pattern = Enumerable.Range(0, StackPattern.DistinctPages).Select(p => StackPattern.Page(p, 1024, 1024)).ToArray();
    using var writer = ImageFiles.CreateWriter(args[1], new ImageInfo(DType.UInt16, [count, 1024, 1024], [.. AxisId.ParseAll("zyx")]));
    for (int p = 0; p < count; p++) writer.WritePlane(MemoryMarshal.AsBytes(pattern[p % StackPattern.DistinctPages].AsSpan()));
    writer.Commit();
    return 0;
}
if (args.Length < 2 || args[0] != "tiff")
{
    Console.Error.WriteLine("usage: ModelZooBridge.Bench tiff FOLDER [PAGES=512] [HEIGHT=1024] [WIDTH=1024] | make-stack FILE PAGES | predict PACKAGES SCRATCH HOST");
    return 2;
}
string folder = args[1];
int pages = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 512;
int height = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 1024;
int width = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1024;
Directory.CreateDirectory(folder);
var distinct = Enumerable.Range(0, StackPattern.DistinctPages).Select(p => StackPattern.Page(p, height, width)).ToArray();
var info = new ImageInfo(DType.UInt16, [pages, height, width], [.. AxisId.ParseAll("zyx")]);
double gib = info.TotalBytes / (double)(1L << 30);
Console.WriteLine($"stack: {pages} pages of {height}x{width} uint16 = {gib:F2} GiB, {Environment.ProcessorCount} CPUs");

var ours = new Dictionary<string, double>();
foreach (var (name, deflate) in new[] { ("none", false), ("deflate", true) })
{
    var watch = Stopwatch.StartNew();
    using (var writer = ImageFiles.CreateWriter(Path.Combine(folder, $"mzb-{name}.tif"), info, new ImageWriteOptions { Deflate = deflate }))
    {
        for (int p = 0; p < pages; p++) writer.WritePlane(MemoryMarshal.AsBytes(distinct[p % StackPattern.DistinctPages].AsSpan()));
        writer.Commit();
    }
    ours[$"write_{name}"] = watch.Elapsed.TotalSeconds;
}

var python = Process.Start(new ProcessStartInfo("/usr/bin/python3",
    [Path.Combine(AppContext.BaseDirectory, "tifffile_baseline.py"), folder, $"{pages}", $"{height}", $"{width}"]) { RedirectStandardOutput = true })!;
var baselineJson = python.StandardOutput.ReadToEnd();
python.WaitForExit();
if (python.ExitCode != 0) { Console.Error.WriteLine("tifffile baseline failed"); return 1; }
var baseline = JsonSerializer.Deserialize(baselineJson, BenchJson.Default.DictionaryStringDouble)!;

var buffer = new byte[info.PlaneBytes];
foreach (var name in new[] { "none", "deflate" })
{
    foreach (var source in new[] { "tifffile", "mzb" })
    {
        var watch = Stopwatch.StartNew();
        using (var reader = ImageFiles.OpenReader(Path.Combine(folder, $"{source}-{name}.tif")))
        {
            for (long p = 0; p < reader.Info.PlaneCount; p++)
            {
                reader.ReadPlane(p, buffer);
                if (p % 37 == 0 && !buffer.AsSpan().SequenceEqual(MemoryMarshal.AsBytes(distinct[p % StackPattern.DistinctPages].AsSpan())))
                    throw new InvalidDataException($"{source}-{name}.tif page {p} differs");
            }
        }
        ours[$"read_{source}_{name}"] = watch.Elapsed.TotalSeconds;
    }
}

double mb = info.TotalBytes / 1e6;
Console.WriteLine($"{"operation",-28} {"mzb MB/s",10} {"tifffile MB/s",14} {"ratio",7}");
void Row(string label, string ourKey, string theirKey)
{
    double us = mb / ours[ourKey], them = mb / baseline[theirKey];
    Console.WriteLine($"{label,-28} {us,10:F0} {them,14:F0} {us / them,7:F2}x");
}
Row("write uncompressed", "write_none", "write_none");
Row("write deflate", "write_deflate", "write_deflate");
Row("read uncompressed (own file)", "read_mzb_none", "read_tifffile_none");
Row("read uncompressed (tifffile's)", "read_tifffile_none", "read_tifffile_none");
Row("read deflate (own file)", "read_mzb_deflate", "read_tifffile_deflate");
Row("read deflate (tifffile's)", "read_tifffile_deflate", "read_tifffile_deflate");
foreach (var name in new[] { "none", "deflate" })
    foreach (var source in new[] { "mzb", "tifffile" })
        Console.WriteLine($"size {source}-{name}.tif: {new FileInfo(Path.Combine(folder, $"{source}-{name}.tif")).Length / 1e6:F0} MB");
return 0;
