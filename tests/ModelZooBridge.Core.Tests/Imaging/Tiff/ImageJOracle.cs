using System.Globalization;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>
/// Opens files in real ImageJ (one JVM for all of them) and reports, per file: dimensions, voxel size and unit, frame
/// interval and time unit, bit depth, the sum of all raw pixel values, and calibrated values at chosen positions.
/// </summary>
internal static class ImageJOracle
{
    private const string Macro = """
        setBatchMode(true);
        files = split(getArgument(), ";");
        for (i = 0; i < files.length; i++) {
            parts = split(files[i], "|");
            open(parts[0]);
            getDimensions(w, h, c, z, t);
            getVoxelSize(pw, ph, pd, unit);
            Stack.getUnits(xu, yu, zu, tu, vu);
            print(i + ":dims=" + w + "," + h + "," + c + "," + z + "," + t);
            print(i + ":voxel=" + d2s(pw, 9) + "," + d2s(ph, 9) + "," + d2s(pd, 9) + "," + unit);
            print(i + ":time=" + d2s(Stack.getFrameInterval(), 9) + "," + tu);
            print(i + ":bitdepth=" + bitDepth());
            sum = 0;
            for (s = 1; s <= nSlices; s++) { setSlice(s); getRawStatistics(n, mean); sum = sum + n * mean; }
            print(i + ":sum=" + d2s(sum, 3));
            for (k = 1; k < parts.length; k++) {
                q = split(parts[k], ",");
                Stack.setPosition(parseInt(q[0]), parseInt(q[1]), parseInt(q[2]));
                print(i + ":px" + k + "=" + d2s(calibrate(getPixel(parseInt(q[3]), parseInt(q[4]))), 6));
            }
            close();
        }
        """;

    /// <summary>A pixel position with ImageJ's 1-based channel, slice and frame and 0-based x, y.</summary>
    public readonly record struct Position(int Channel, int Slice, int Frame, int X, int Y);

    /// <summary>What ImageJ reported for one file: key → value, keys <c>dims</c>, <c>voxel</c>, <c>time</c>, <c>bitdepth</c>, <c>sum</c>, <c>px1</c>…</summary>
    public static Dictionary<string, string>[] Open(params (string Path, Position[] Positions)[] files)
    {
        string argument = string.Join(";", files.Select(f =>
            string.Join("|", f.Positions.Select(p => $"{p.Channel},{p.Slice},{p.Frame},{p.X},{p.Y}").Prepend(f.Path))));
        var output = ExternalTool.RunImageJMacro(Macro, argument);
        var result = files.Select(_ => new Dictionary<string, string>()).ToArray();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int colon = line.IndexOf(':'), eq = line.IndexOf('=');
            if (colon <= 0 || eq < colon || !int.TryParse(line[..colon], CultureInfo.InvariantCulture, out int index)) continue;
            result[index][line[(colon + 1)..eq]] = line[(eq + 1)..];
        }
        return result;
    }

    public static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
