namespace ModelZooBridge.Imaging.Tiff.Constants;

/// <summary>The TIFF tags this project reads or writes (TIFF 6.0 §8 and the Adobe/Technical notes).</summary>
public enum TiffTag : ushort
{
    /// <summary>NewSubfileType (254).</summary>
    NewSubfileType = 254,
    /// <summary>ImageWidth (256).</summary>
    ImageWidth = 256,
    /// <summary>ImageLength (257).</summary>
    ImageLength = 257,
    /// <summary>BitsPerSample (258).</summary>
    BitsPerSample = 258,
    /// <summary>Compression (259), see <see cref="TiffCompression"/>.</summary>
    Compression = 259,
    /// <summary>PhotometricInterpretation (262), see <see cref="TiffPhotometric"/>.</summary>
    PhotometricInterpretation = 262,
    /// <summary>ImageDescription (270): ImageJ's metadata or OME-XML.</summary>
    ImageDescription = 270,
    /// <summary>StripOffsets (273).</summary>
    StripOffsets = 273,
    /// <summary>SamplesPerPixel (277).</summary>
    SamplesPerPixel = 277,
    /// <summary>RowsPerStrip (278).</summary>
    RowsPerStrip = 278,
    /// <summary>StripByteCounts (279).</summary>
    StripByteCounts = 279,
    /// <summary>XResolution (282), pixels per resolution unit.</summary>
    XResolution = 282,
    /// <summary>YResolution (283), pixels per resolution unit.</summary>
    YResolution = 283,
    /// <summary>PlanarConfiguration (284), see <see cref="TiffPlanarConfiguration"/>.</summary>
    PlanarConfiguration = 284,
    /// <summary>ResolutionUnit (296): 1 none, 2 inch, 3 centimetre.</summary>
    ResolutionUnit = 296,
    /// <summary>Software (305).</summary>
    Software = 305,
    /// <summary>Predictor (317), see <see cref="TiffPredictor"/>.</summary>
    Predictor = 317,
    /// <summary>ColorMap (320).</summary>
    ColorMap = 320,
    /// <summary>TileWidth (322).</summary>
    TileWidth = 322,
    /// <summary>TileLength (323).</summary>
    TileLength = 323,
    /// <summary>TileOffsets (324).</summary>
    TileOffsets = 324,
    /// <summary>TileByteCounts (325).</summary>
    TileByteCounts = 325,
    /// <summary>ExtraSamples (338).</summary>
    ExtraSamples = 338,
    /// <summary>SampleFormat (339), see <see cref="TiffSampleFormat"/>.</summary>
    SampleFormat = 339,
    /// <summary>ImageJ's binary metadata byte counts (50838).</summary>
    ImageJMetadataByteCounts = 50838,
    /// <summary>ImageJ's binary metadata: display ranges, LUTs, labels (50839).</summary>
    ImageJMetadata = 50839,
}
