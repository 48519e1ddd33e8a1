using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.Imaging.Tiff.Ifd;
using ModelZooBridge.Imaging.Tiff.Metadata;

namespace ModelZooBridge.Imaging.Tiff;

/// <summary>
/// Chooses axes, shape and calibration from the IFDs and the first page's ImageDescription: ImageJ
/// hyperstacks (t,z,c, channel fastest), OME-TIFF (the first Image's DimensionOrder), tifffile's shaped JSON, or a plain stack of
/// full-resolution pages (z). SamplesPerPixel &gt; 1 always becomes the channel axis.
/// </summary>
internal static class TiffLayoutBuilder
{
    /// <summary>Builds the layout; throws <see cref="ImageFormatException"/> for inconsistent or unsupported files.</summary>
    public static TiffLayout Build(TiffSource source, List<TiffDirectory> directories)
    {
        string? description = directories[0].TryGet(TiffTag.ImageDescription, out var entry) ? EntryReader.ReadText(source, entry) : null;
        if (ImageJDescription.TryParse(description) is { } imageJ) return ForImageJ(source, directories, imageJ);
        if (OmeXmlDescription.IsOme(description))
        {
            OmeXmlDescription? ome;
            try
            {
                ome = OmeXmlDescription.Parse(description!);
            }
            catch (InvalidDataException e)
            {
                ome = TiffThrow.Corrupt<OmeXmlDescription?>(source.Path, e.Message, e);
            }
            if (ome is not null) return ForOme(source, directories, ome);
        }
        if (ShapedDescription.TryParse(description) is { } shaped && ForShaped(source, directories, shaped) is { } layout) return layout;
        return ForPlainStack(source, directories);
    }

    /// <summary>tifffile's shaped layout: the outer axes in the order given, pages in C order over them; null when the pages do not fit it.</summary>
    private static TiffLayout? ForShaped(TiffSource source, List<TiffDirectory> directories, ShapedDescription shaped)
    {
        var first = PageParser.Parse(source, directories[0]);
        int samples = first.SamplesPerPixel;
        bool sampleAxis = Array.IndexOf(shaped.Axes, 's') >= 0;
        var outerAxes = shaped.Axes.Select((axis, i) => (axis, size: shaped.Shape[i])).Where(a => a.axis is not ('y' or 'x' or 's')).ToArray();
        double claimed = outerAxes.Aggregate(1.0, (product, a) => product * a.size);
        int sampleSize = sampleAxis ? shaped.Shape[Array.IndexOf(shaped.Axes, 's')] : 1;
        if (sampleSize != samples || claimed > directories.Count || outerAxes.Any(a => a.axis == 'c') && samples > 1) return null;
        var pages = Pages(source, directories, 0, claimed, first, "the shaped description");
        var outer = new List<(char, int, long, int)>();
        long stride = 1;
        for (int i = outerAxes.Length - 1; i >= 0; i--)
        {
            outer.Insert(0, (outerAxes[i].axis, outerAxes[i].size, stride, 0));
            stride *= outerAxes[i].size;
        }
        if (samples > 1) outer.Add(('c', samples, 0, 1));
        var resolution = TiffCalibration(first);
        var calibration = shaped.Unit is null && shaped.FrameInterval is null ? resolution : resolution with
        {
            Unit = NormaliseUnit(shaped.Unit) ?? resolution.Unit,
            PixelDepth = shaped.Spacing ?? 1,
            FrameInterval = shaped.FrameInterval ?? 0,
            TimeUnit = shaped.TimeUnit ?? "sec",
        };
        return TiffLayout.Create(outer, pages, calibration);
    }

    private static TiffLayout ForPlainStack(TiffSource source, List<TiffDirectory> directories)
    {
        var pages = new List<TiffPage>();
        foreach (var directory in directories)
        {
            if (pages.Count > 0 && PageParser.IsReducedResolution(source, directory)) continue;
            var page = PageParser.Parse(source, directory);
            if (pages.Count > 0 && !page.SameLayoutAs(pages[0]))
                TiffThrow.Unsupported(source.Path, $"a stack of differing pages (IFD {page.Index} is {page.Describe()}, IFD {pages[0].Index} is {pages[0].Describe()})");
            pages.Add(page);
        }
        var first = pages[0];
        return TiffLayout.Create(
            [('z', pages.Count, 1, 0), ('c', first.SamplesPerPixel, 0, 1)],
            pages.ToArray(),
            TiffCalibration(first));
    }

    private static TiffLayout ForImageJ(TiffSource source, List<TiffDirectory> directories, ImageJDescription imageJ)
    {
        // A plain ImageJ stack says only images=N: N slices.
        if (imageJ is { Channels: 1, Slices: 1, Frames: 1, Images: > 1 }) imageJ = imageJ with { Slices = imageJ.Images };
        var first = PageParser.Parse(source, directories[0]);
        int samples = first.SamplesPerPixel;
        if (samples > 1 && imageJ.Channels > 1)
            TiffThrow.Unsupported(source.Path, $"an ImageJ file with {samples} samples per pixel and {imageJ.Channels} channels");
        double claimed = (double)imageJ.Frames * imageJ.Slices * imageJ.Channels;
        var pages = claimed > directories.Count && ContiguousPages(source, first, directories[0].Offset, claimed) is { } contiguous
            ? contiguous
            : Pages(source, directories, 0, claimed, first, "the ImageJ description");

        double? Inverse(double? resolution) => resolution is { } r ? 1 / r : null;
        var calibration = new Calibration(
            PixelWidth: Inverse(first.XResolution) ?? 1,
            PixelHeight: Inverse(first.YResolution) ?? Inverse(first.XResolution) ?? 1,
            PixelDepth: imageJ.Spacing is { } s && s > 0 ? s : 1,
            Unit: NormaliseUnit(imageJ.Unit) ?? "pixel",
            FrameInterval: imageJ.FrameInterval is { } f && f > 0 ? f : 0,
            TimeUnit: imageJ.TimeUnit ?? "sec");
        int c = imageJ.Channels, z = imageJ.Slices;
        return samples > 1
            ? TiffLayout.Create([('t', imageJ.Frames, z, 0), ('z', z, 1, 0), ('c', samples, 0, 1)], pages, calibration)
            : TiffLayout.Create([('t', imageJ.Frames, (long)z * c, 0), ('z', z, c, 0), ('c', c, 1, 0)], pages, calibration);
    }

    private static TiffLayout ForOme(TiffSource source, List<TiffDirectory> directories, OmeXmlDescription ome)
    {
        if (ome.FirstIfd >= directories.Count)
            TiffThrow.Corrupt(source.Path, $"OME-XML places the first plane at IFD {ome.FirstIfd}, but the file has {directories.Count} IFDs");
        var first = PageParser.Parse(source, directories[ome.FirstIfd]);
        if (first.Width != ome.SizeX || first.Height != ome.SizeY)
            TiffThrow.Corrupt(source.Path, $"OME-XML SizeX/SizeY {ome.SizeX}x{ome.SizeY} differ from the page size {first.Width}x{first.Height}");
        int samples = first.SamplesPerPixel;
        if (ome.SizeC % samples != 0)
            TiffThrow.Corrupt(source.Path, $"OME-XML SizeC {ome.SizeC} is not a multiple of SamplesPerPixel {samples}");
        int pageChannels = ome.SizeC / samples;
        if (samples > 1 && pageChannels > 1)
            TiffThrow.Unsupported(source.Path, $"an OME-TIFF with {samples} samples per pixel and {pageChannels} channel pages");

        int SizeOf(char dim) => dim switch { 'Z' => ome.SizeZ, 'C' => pageChannels, _ => ome.SizeT };
        char fast = ome.DimensionOrder[2], middle = ome.DimensionOrder[3], slow = ome.DimensionOrder[4];
        var pages = Pages(source, directories, ome.FirstIfd, (double)ome.SizeZ * pageChannels * ome.SizeT, first, "the OME-XML description");
        var strides = new Dictionary<char, long> { [fast] = 1, [middle] = SizeOf(fast), [slow] = (long)SizeOf(fast) * SizeOf(middle) };

        var outer = new List<(char, int, long, int)>();
        foreach (char dim in new[] { slow, middle, fast })
        {
            char axis = char.ToLowerInvariant(dim);
            outer.Add(dim == 'C' && samples > 1 ? (axis, samples, 0, 1) : (axis, SizeOf(dim), strides[dim], 0));
        }
        var calibration = new Calibration(
            PixelWidth: ome.PhysicalSizeX ?? 1,
            PixelHeight: ome.PhysicalSizeY ?? ome.PhysicalSizeX ?? 1,
            PixelDepth: ome.PhysicalSizeZ ?? 1,
            Unit: ome.PhysicalSizeX is null && ome.PhysicalSizeY is null && ome.PhysicalSizeZ is null ? "pixel" : NormaliseUnit(ome.PhysicalSizeUnit) ?? "pixel",
            FrameInterval: ome.TimeIncrement ?? 0,
            TimeUnit: ome.TimeIncrementUnit == "s" ? "sec" : ome.TimeIncrementUnit);
        return TiffLayout.Create(outer, pages, calibration);
    }

    /// <summary>Parses the <paramref name="claimed"/> pages from IFD <paramref name="start"/> (a product of claimed sizes, so a double to avoid overflow).</summary>
    private static TiffPage[] Pages(TiffSource source, List<TiffDirectory> directories, int start, double claimed, TiffPage first, string claimant)
    {
        if (claimed > directories.Count - start)
            TiffThrow.Corrupt(source.Path, $"{claimant} needs {claimed:R} pages from IFD {start}, but the file has {directories.Count} IFDs");
        int needed = (int)claimed;
        var pages = new TiffPage[needed];
        pages[0] = first;
        for (int i = 1; i < needed; i++)
        {
            var page = PageParser.Parse(source, directories[start + i]);
            if (!page.SameLayoutAs(first))
                TiffThrow.Unsupported(source.Path, $"a stack of differing pages (IFD {page.Index} is {page.Describe()}, IFD {first.Index} is {first.Describe()})");
            pages[i] = page;
        }
        return pages;
    }

    /// <summary>
    /// ImageJ's layout for stacks over 4 GiB: one IFD, and the pages' uncompressed data back to back after the
    /// first page's (ImageJ puts the IFD before the data). Null when the first page is not stored that way,
    /// the file is too short for the pages, or the IFD lies inside them.
    /// </summary>
    private static TiffPage[]? ContiguousPages(TiffSource source, TiffPage first, long ifdOffset, double claimed)
    {
        if (first.Compression != TiffCompression.None || first.Predictor != TiffPredictor.None) return null;
        long[] offsets = first.Offsets(source), counts = first.ByteCounts(source);
        long end = offsets[0];
        for (int i = 0; i < offsets.Length; i++)
        {
            if (offsets[i] != end || counts[i] > source.Length) return null;
            end += counts[i];
        }
        if (end - offsets[0] != first.DataBytes || claimed * first.DataBytes > source.Length - offsets[0]) return null;
        if (ifdOffset >= offsets[0] && ifdOffset < offsets[0] + claimed * first.DataBytes) return null;
        var pages = new TiffPage[(int)claimed];
        pages[0] = first;
        for (int k = 1; k < pages.Length; k++) pages[k] = TiffPage.Contiguous(first, k);
        return pages;
    }

    private static Calibration TiffCalibration(TiffPage page)
    {
        if (page.XResolution is null && page.YResolution is null) return Calibration.None;
        double width = 1 / (page.XResolution ?? page.YResolution!.Value), height = 1 / (page.YResolution ?? page.XResolution!.Value);
        string unit = page.ResolutionUnit switch { 2 => "inch", 3 => "cm", _ => "pixel" };
        return new Calibration(PixelWidth: width, PixelHeight: height, Unit: unit);
    }

    /// <summary>Maps the spellings of micrometre (ImageJ's <c>um</c>, <c>\u00B5m</c> escapes, OME's µm) to ImageJ's <c>micron</c>.</summary>
    private static string? NormaliseUnit(string? unit) => unit switch
    {
        null or "" => null,
        "µm" or "\u03BCm" or "um" or @"\u00B5m" or "micron" or "microns" or "micrometer" or "micrometre" => "micron",
        _ => unit,
    };
}
