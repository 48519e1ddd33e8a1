using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace ModelZooBridge.Imaging.Tiff.Compression;

/// <summary>
/// Undoes the TIFF predictors on a decoded chunk, row by row: horizontal differencing (predictor 2, TIFF 6.0
/// §14) on samples already in host byte order, and the floating-point predictor (3, Adobe Photoshop TIFF
/// Technical Note 3), which works on bytes and leaves samples in little-endian order whatever the file's.
/// </summary>
internal static class TiffPredictorDecoder
{
    /// <summary>Undoes predictor 2 in place; each sample adds the one <paramref name="stride"/> samples before it.</summary>
    /// <param name="data">Rows of <paramref name="samplesPerRow"/> samples of <paramref name="bytesPerSample"/> bytes.</param>
    /// <param name="rows">Rows in <paramref name="data"/>.</param>
    /// <param name="samplesPerRow">Samples per row (chunk width times interleaved samples).</param>
    /// <param name="stride">Interleaved samples per pixel.</param>
    /// <param name="bytesPerSample">1, 2, 4 or 8.</param>
    public static void UndoHorizontal(Span<byte> data, int rows, int samplesPerRow, int stride, int bytesPerSample)
    {
        int rowBytes = samplesPerRow * bytesPerSample;
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            switch (bytesPerSample)
            {
                case 1: Accumulate(row, stride); break;
                case 2: Accumulate(MemoryMarshal.Cast<byte, ushort>(row), stride); break;
                case 4: Accumulate(MemoryMarshal.Cast<byte, uint>(row), stride); break;
                default: Accumulate(MemoryMarshal.Cast<byte, ulong>(row), stride); break;
            }
        }
    }

    /// <summary>
    /// Undoes predictor 3 in place: byte-wise horizontal differencing with stride <paramref name="stride"/>,
    /// then the byte planes (most significant first) are interleaved back into little-endian samples.
    /// </summary>
    /// <param name="data">Rows of <paramref name="samplesPerRow"/> samples of <paramref name="bytesPerSample"/> bytes.</param>
    /// <param name="rows">Rows in <paramref name="data"/>.</param>
    /// <param name="samplesPerRow">Samples per row (chunk width times interleaved samples).</param>
    /// <param name="stride">Interleaved samples per pixel.</param>
    /// <param name="bytesPerSample">4 or 8.</param>
    /// <param name="scratch">At least one row of bytes.</param>
    public static void UndoFloatingPoint(Span<byte> data, int rows, int samplesPerRow, int stride, int bytesPerSample, Span<byte> scratch)
    {
        int rowBytes = samplesPerRow * bytesPerSample;
        var tmp = scratch[..rowBytes];
        for (int r = 0; r < rows; r++)
        {
            var row = data.Slice(r * rowBytes, rowBytes);
            Accumulate(row, stride);
            for (int plane = 0; plane < bytesPerSample; plane++)
            {
                var bytes = row.Slice(plane * samplesPerRow, samplesPerRow);
                int target = bytesPerSample - 1 - plane;
                for (int k = 0; k < bytes.Length; k++) tmp[k * bytesPerSample + target] = bytes[k];
            }
            tmp.CopyTo(row);
        }
    }

    /// <summary>Converts big-endian samples to little-endian in place.</summary>
    public static void SwapBytes(Span<byte> data, int bytesPerSample)
    {
        switch (bytesPerSample)
        {
            case 2:
                var u16 = MemoryMarshal.Cast<byte, ushort>(data);
                BinaryPrimitives.ReverseEndianness(u16, u16);
                break;
            case 4:
                var u32 = MemoryMarshal.Cast<byte, uint>(data);
                BinaryPrimitives.ReverseEndianness(u32, u32);
                break;
            case 8:
                var u64 = MemoryMarshal.Cast<byte, ulong>(data);
                BinaryPrimitives.ReverseEndianness(u64, u64);
                break;
        }
    }

    private static void Accumulate(Span<byte> row, int stride)
    {
        for (int i = stride; i < row.Length; i++) row[i] = unchecked((byte)(row[i] + row[i - stride]));
    }

    private static void Accumulate(Span<ushort> row, int stride)
    {
        for (int i = stride; i < row.Length; i++) row[i] = unchecked((ushort)(row[i] + row[i - stride]));
    }

    private static void Accumulate(Span<uint> row, int stride)
    {
        for (int i = stride; i < row.Length; i++) row[i] = unchecked(row[i] + row[i - stride]);
    }

    private static void Accumulate(Span<ulong> row, int stride)
    {
        for (int i = stride; i < row.Length; i++) row[i] = unchecked(row[i] + row[i - stride]);
    }
}
