using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace ModelZooBridge.Imaging.Tiff.Metadata;

/// <summary>
/// The parts of an OME-XML ImageDescription (<see href="https://docs.openmicroscopy.org/ome-model/latest/ome-tiff/specification.html">OME-TIFF specification</see>)
/// the reader uses: the first Image's Pixels element and the IFD where its planes start. Parsed with
/// <see cref="XmlReader"/> (DTDs prohibited, no external resolution), matched by local name so any schema year works.
/// </summary>
/// <param name="DimensionOrder">E.g. <c>XYZCT</c>: X fastest, T slowest.</param>
/// <param name="SizeX">Width in pixels.</param>
/// <param name="SizeY">Height in pixels.</param>
/// <param name="SizeZ">Z planes.</param>
/// <param name="SizeC">Channels, counting samples of multi-sample pages.</param>
/// <param name="SizeT">Time points.</param>
/// <param name="PhysicalSizeX">Pixel width, if given.</param>
/// <param name="PhysicalSizeY">Pixel height, if given.</param>
/// <param name="PhysicalSizeZ">Z step, if given.</param>
/// <param name="PhysicalSizeUnit">Unit of the physical sizes (OME default µm).</param>
/// <param name="TimeIncrement">Time step, if given.</param>
/// <param name="TimeIncrementUnit">Unit of the time step (OME default s).</param>
/// <param name="FirstIfd">IFD of the first plane (the first TiffData's IFD attribute, default 0).</param>
internal sealed record OmeXmlDescription(
    string DimensionOrder,
    int SizeX,
    int SizeY,
    int SizeZ,
    int SizeC,
    int SizeT,
    double? PhysicalSizeX,
    double? PhysicalSizeY,
    double? PhysicalSizeZ,
    string PhysicalSizeUnit,
    double? TimeIncrement,
    string TimeIncrementUnit,
    int FirstIfd)
{
    /// <summary>True when the description looks like OME-XML.</summary>
    public static bool IsOme(string? description) =>
        description is not null && description.AsSpan().TrimStart().StartsWith("<") && description.Contains("<OME", StringComparison.Ordinal);

    /// <summary>
    /// Parses the description; null when it has no Image (a <c>BinaryOnly</c> file whose metadata lives in a
    /// companion file); throws <see cref="InvalidDataException"/> when it is malformed.
    /// </summary>
    public static OmeXmlDescription? Parse(string description)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = 256L << 20 };
            using var text = new StringReader(description);
            using var reader = XmlReader.Create(text, settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new InvalidDataException($"OME-XML is malformed: {e.Message}", e);
        }
        var image = document.Descendants().FirstOrDefault(e => e.Name.LocalName == "Image");
        if (image is null) return null;
        var pixels = image.Elements().FirstOrDefault(e => e.Name.LocalName == "Pixels")
            ?? throw new InvalidDataException("OME-XML Image has no Pixels element");

        string order = (string?)pixels.Attribute("DimensionOrder") ?? "XYZCT";
        if (order.Length != 5 || !order.StartsWith("XY", StringComparison.Ordinal) || !order[2..].Order().SequenceEqual("CTZ"))
            throw new InvalidDataException($"OME-XML DimensionOrder '{order}' is invalid");

        int Size(string name, bool required)
        {
            string? text = (string?)pixels.Attribute(name);
            if (text is null)
                return required ? throw new InvalidDataException($"OME-XML Pixels lacks {name}") : 1;
            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) || value < 1)
                throw new InvalidDataException($"OME-XML {name}='{text}' is invalid");
            return value;
        }
        double? Real(string name)
        {
            string? text = (string?)pixels.Attribute(name);
            return text is not null && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0
                ? v : null;
        }

        int firstIfd = 0;
        var tiffData = pixels.Elements().FirstOrDefault(e => e.Name.LocalName == "TiffData");
        if ((string?)tiffData?.Attribute("IFD") is { } ifdText
            && (!int.TryParse(ifdText, NumberStyles.Integer, CultureInfo.InvariantCulture, out firstIfd) || firstIfd < 0))
            throw new InvalidDataException($"OME-XML TiffData IFD='{ifdText}' is invalid");

        return new OmeXmlDescription(
            order,
            Size("SizeX", true),
            Size("SizeY", true),
            Size("SizeZ", false),
            Size("SizeC", false),
            Size("SizeT", false),
            Real("PhysicalSizeX"),
            Real("PhysicalSizeY"),
            Real("PhysicalSizeZ"),
            (string?)pixels.Attribute("PhysicalSizeXUnit") ?? "µm",
            Real("TimeIncrement"),
            (string?)pixels.Attribute("TimeIncrementUnit") ?? "s",
            firstIfd);
    }
}
