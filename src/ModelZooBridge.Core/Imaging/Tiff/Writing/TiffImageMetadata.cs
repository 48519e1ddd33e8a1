using System.Globalization;
using System.Text;
using ModelZooBridge.Arrays;

namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>
/// What the first page says about the whole image: the ImageJ hyperstack description (for dtypes ImageJ reads exactly)
/// or tifffile's JSON "shaped" description (for the others), and the pixel size as XResolution/YResolution.
/// </summary>
internal sealed class TiffImageMetadata
{
    private const string AxisOrder = "tzcyx";

    private TiffImageMetadata(string description, bool isImageJ, TiffRational? xResolution, TiffRational? yResolution)
    {
        Description = description;
        IsImageJ = isImageJ;
        XResolution = xResolution;
        YResolution = yResolution;
    }

    /// <summary>The ImageDescription of the first page.</summary>
    public string Description { get; }

    /// <summary>True when <see cref="Description"/> is ImageJ's.</summary>
    public bool IsImageJ { get; }

    /// <summary>Pixels per unit along x (1 / pixel width), or null when uncalibrated.</summary>
    public TiffRational? XResolution { get; }

    /// <summary>Pixels per unit along y (1 / pixel height), or null when uncalibrated.</summary>
    public TiffRational? YResolution { get; }

    /// <summary>Checks that <paramref name="info"/> can be stored as an ImageJ-ordered stack and builds its metadata.</summary>
    /// <exception cref="ArgumentException">When the axes, sizes or calibration cannot be written.</exception>
    public static TiffImageMetadata For(ImageInfo info)
    {
        RequireImageJAxisOrder(info);
        for (int i = 0; i < info.Shape.Length; i++)
        {
            if (info.Shape[i] < 1)
                throw new ArgumentException($"axis '{info.Axes[i]}' of {info} has size {info.Shape[i]}; every axis needs at least 1", nameof(info));
        }
        if (info.PlaneCount > int.MaxValue)
            throw new ArgumentException($"{info} has {info.PlaneCount} planes; TIFF stacks hold at most {int.MaxValue}", nameof(info));

        var calibration = info.Calibration;
        TiffRational? xResolution = null, yResolution = null;
        string? unit = null;
        if (!calibration.IsNone)
        {
            RequirePositive(calibration.PixelWidth, nameof(Calibration.PixelWidth));
            RequirePositive(calibration.PixelHeight, nameof(Calibration.PixelHeight));
            RequirePositive(calibration.PixelDepth, nameof(Calibration.PixelDepth));
            if (!double.IsFinite(calibration.FrameInterval) || calibration.FrameInterval < 0)
                throw new ArgumentException($"calibration frame interval must be finite and ≥ 0, got {calibration.FrameInterval}", nameof(info));
            xResolution = TiffRational.Approximate(1 / calibration.PixelWidth);
            yResolution = TiffRational.Approximate(1 / calibration.PixelHeight);
            unit = AsciiUnit(calibration.Unit, "unit");
        }
        bool hasTime = !calibration.IsNone && (calibration.FrameInterval > 0 || calibration.TimeUnit != Calibration.None.TimeUnit);
        string? timeUnit = hasTime ? AsciiUnit(calibration.TimeUnit, "time unit") : null;
        double? frameInterval = hasTime && calibration.FrameInterval > 0 ? calibration.FrameInterval : null;

        if (TiffSampleEncoding.ImageJReadsExactly(info.DType))
        {
            var description = new ImageJDescription(
                Images: (int)info.PlaneCount,
                Channels: SizeOf(info, 'c'),
                Slices: SizeOf(info, 'z'),
                Frames: SizeOf(info, 't'),
                Unit: unit,
                Spacing: unit is null ? null : calibration.PixelDepth,
                FrameInterval: frameInterval,
                TimeUnit: timeUnit);
            return new TiffImageMetadata(description.Format(), true, xResolution, yResolution);
        }
        return new TiffImageMetadata(ShapedDescription(info, unit, calibration.PixelDepth, frameInterval, timeUnit), false, xResolution, yResolution);
    }

    private static void RequireImageJAxisOrder(ImageInfo info)
    {
        int previous = -1;
        bool ordered = info.Axes.Length >= 2
            && info.Axes[^2] == AxisId.Y && info.Axes[^1] == AxisId.X;
        foreach (var axis in info.Axes)
        {
            int position = axis.Value.Length == 1 ? AxisOrder.IndexOf(axis.Value[0], StringComparison.Ordinal) : -1;
            ordered &= position > previous;
            previous = position;
        }
        if (!ordered)
            throw new ArgumentException(
                $"axes '{info.AxesString}' cannot be written as an ImageJ-ordered TIFF stack: the axes must be a subsequence of " +
                "'t,z,c,y,x' in that order, ending in 'y,x' (e.g. 'tzcyx', 'zcyx', 'zyx', 'cyx', 'yx'); transpose or squeeze the array first",
                nameof(info));
    }

    private static int SizeOf(ImageInfo info, char axis)
    {
        int index = info.Axes.IndexOf(new AxisId(axis.ToString()));
        return index < 0 ? 1 : info.Shape[index];
    }

    private static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentException($"calibration {name} must be positive and finite, got {value}", "info");
    }

    /// <summary>TIFF ASCII holds 7-bit text: a leading micro sign becomes 'u' (ImageJ reads "um" as µm); other non-ASCII is refused.</summary>
    private static string AsciiUnit(string unit, string what)
    {
        if (unit.Length > 0 && unit[0] is '\u00B5' or '\u03BC') unit = "u" + unit[1..];
        if (unit.Length == 0 || unit.Any(ch => ch < ' ' || ch > '~' || ch == '='))
            throw new ArgumentException($"calibration {what} '{unit}' cannot be stored: use printable ASCII without '=' (µ may lead, e.g. 'µm')", "info");
        return unit;
    }

    /// <summary>tifffile's JSON description (<c>{"shape": [...], "axes": "ZYX"}</c>), which tifffile reads back as the series shape and axes.</summary>
    private static string ShapedDescription(ImageInfo info, string? unit, double spacing, double? frameInterval, string? timeUnit)
    {
        var json = new StringBuilder("{\"shape\": [");
        json.AppendJoin(", ", info.Shape);
        json.Append("], \"axes\": \"").Append(info.AxesString.ToUpperInvariant()).Append('"');
        if (unit is not null)
            json.Append(CultureInfo.InvariantCulture, $", \"unit\": \"{unit.Replace("\\", "\\\\").Replace("\"", "\\\"")}\", \"spacing\": {spacing.ToString("R", CultureInfo.InvariantCulture)}");
        if (frameInterval is { } interval)
            json.Append(CultureInfo.InvariantCulture, $", \"finterval\": {interval.ToString("R", CultureInfo.InvariantCulture)}");
        if (timeUnit is not null)
            json.Append(", \"tunit\": \"").Append(timeUnit.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
        return json.Append('}').ToString();
    }
}
