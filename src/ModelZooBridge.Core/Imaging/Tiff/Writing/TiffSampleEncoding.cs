using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging.Tiff.Constants;

namespace ModelZooBridge.Imaging.Tiff.Writing;

/// <summary>How each <see cref="DType"/> is stored (BitsPerSample, SampleFormat) and whether ImageJ 1.x reads it exactly.
/// The table is repeated for users in <c>README.md (Writing)</c>.</summary>
internal static class TiffSampleEncoding
{
    /// <summary>BitsPerSample and SampleFormat of one grey sample; bool is stored as uint8 0/1.</summary>
    public static (ushort BitsPerSample, TiffSampleFormat SampleFormat) Of(DType dtype) => dtype switch
    {
        DType.Bool or DType.UInt8 => (8, TiffSampleFormat.UnsignedInteger),
        DType.Int8 => (8, TiffSampleFormat.SignedInteger),
        DType.UInt16 => (16, TiffSampleFormat.UnsignedInteger),
        DType.Int16 => (16, TiffSampleFormat.SignedInteger),
        DType.UInt32 => (32, TiffSampleFormat.UnsignedInteger),
        DType.Int32 => (32, TiffSampleFormat.SignedInteger),
        DType.Float32 => (32, TiffSampleFormat.Float),
        DType.Int64 => (64, TiffSampleFormat.SignedInteger),
        DType.Float64 => (64, TiffSampleFormat.Float),
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>
    /// True when ImageJ 1.x opens the stored samples with their exact values, so the file gets an ImageJ hyperstack
    /// description: 8-bit (uint8, bool), 16-bit (uint16; int16 through the calibration function ImageJ sets for signed
    /// 16-bit data) and 32-bit float. ImageJ reads int8 as unsigned, uint32/int32/float64 as float32 (losing precision)
    /// and cannot open int64.
    /// </summary>
    public static bool ImageJReadsExactly(DType dtype) =>
        dtype is DType.Bool or DType.UInt8 or DType.UInt16 or DType.Int16 or DType.Float32;
}
