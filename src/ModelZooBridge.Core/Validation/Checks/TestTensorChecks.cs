using System.Buffers;
using System.Buffers.Binary;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Spec;

namespace ModelZooBridge.Validation.Checks;

/// <summary>
/// Test tensors: readable .npy, dtype, rank and sizes against the axes (fixed, min + n·step, references using the other
/// test tensors, data-dependent ranges), no NaN/Inf, not all near zero. Values are streamed in chunks: nothing is
/// allocated in proportion to the declared or actual tensor size.
/// </summary>
internal static class TestTensorChecks
{
    private const int ChunkBytes = 1 << 20;

    public static void Run(ValidationContext ctx, List<TensorView> tensors, HashSet<string> present, IProgress<string>? progress)
    {
        foreach (var t in tensors)
        {
            if (t.TestTensor is not { } file)
            {
                ctx.Add("test-tensor.missing", $"{t.Kind} '{t.Id}' has no test tensor, so the model cannot be tested", t.Path);
                continue;
            }
            if (!present.Contains(file.Source)) continue;
            ctx.CancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"reading test tensor {file.Source}");
            ReadOne(ctx, t, file.Source);
        }
        foreach (var t in tensors)
            if (ctx.TestShapes.TryGetValue(t.Id, out var shape) && shape.Length == t.Axes.Count)
                Sizes(ctx, tensors, t, shape);
    }

    private static void ReadOne(ValidationContext ctx, TensorView t, string source)
    {
        var path = t.Path + ".test_tensor.source";
        using var stream = ctx.Package.OpenFile(source);
        NpyHeader header;
        try
        {
            header = NpyHeader.Read(stream, source);
        }
        catch (ImageFormatException e)
        {
            ctx.Add("test-tensor.unreadable", $"test tensor '{source}' of {t.Kind} '{t.Id}' is not a readable .npy file: {e.Problem()}", path);
            return;
        }
        var described = t.Data.Count > 0 ? t.Data[0].Type : "float32";
        if (!DtypeFits(header.DType, described))
            ctx.Add("test-tensor.dtype-mismatch", $"test tensor '{source}' of {t.Kind} '{t.Id}' has dtype {header.DType.Name()} but data.type is {described}", t.Path + ".data");
        if (header.Shape.Length != t.Axes.Count)
            ctx.Add("test-tensor.rank-mismatch", $"test tensor '{source}' of {t.Kind} '{t.Id}' has shape ({string.Join(", ", header.Shape)}), {header.Shape.Length} dimensions, incompatible with {t.Axes.Count} axes ({string.Join(", ", t.Axes.Select(a => a.Id.Value))})", t.Path + ".axes");
        ctx.TestShapes[t.Id] = header.Shape;
        try
        {
            Scan(ctx, t, source, stream, header, path);
        }
        catch (EndOfStreamException)
        {
            ctx.Add("test-tensor.unreadable", $"test tensor '{source}' of {t.Kind} '{t.Id}' ends before its {header.DataBytes} data bytes", path);
        }
    }

    private static bool DtypeFits(DType actual, string described) =>
        described is "float32" or "float64" ? actual != DType.Bool : actual.Name() == described;

    private static void Scan(ValidationContext ctx, TensorView t, string source, Stream stream, NpyHeader header, string path)
    {
        var size = header.DType.SizeOf();
        var remaining = header.DataBytes;
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        long nonFinite = 0;
        var large = false;
        try
        {
            while (remaining > 0)
            {
                ctx.CancellationToken.ThrowIfCancellationRequested();
                var want = (int)Math.Min(remaining, ChunkBytes - ChunkBytes % size);
                stream.ReadExactly(buffer, 0, want);
                remaining -= want;
                var span = buffer.AsSpan(0, want);
                for (var i = 0; i < want; i += size)
                {
                    var v = Value(span.Slice(i, size), header.DType, header.BigEndian);
                    if (!double.IsFinite(v)) nonFinite++;
                    else if (Math.Abs(v) >= 1e-4) large = true;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (nonFinite > 0)
            ctx.Add("test-tensor.not-finite", $"test tensor '{source}' of {t.Kind} '{t.Id}' contains {nonFinite} NaN or infinite values", path);
        if (!large && header.ElementCount > 0)
            ctx.Add("test-tensor.near-zero", $"every value of test tensor '{source}' of {t.Kind} '{t.Id}' is below 1e-4 in magnitude: too small for reliable testing", path);
    }

    private static double Value(ReadOnlySpan<byte> b, DType dtype, bool bigEndian) => dtype switch
    {
        DType.Bool or DType.UInt8 => b[0],
        DType.Int8 => (sbyte)b[0],
        DType.UInt16 => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(b) : BinaryPrimitives.ReadUInt16LittleEndian(b),
        DType.Int16 => bigEndian ? BinaryPrimitives.ReadInt16BigEndian(b) : BinaryPrimitives.ReadInt16LittleEndian(b),
        DType.UInt32 => bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(b) : BinaryPrimitives.ReadUInt32LittleEndian(b),
        DType.Int32 => bigEndian ? BinaryPrimitives.ReadInt32BigEndian(b) : BinaryPrimitives.ReadInt32LittleEndian(b),
        DType.Int64 => bigEndian ? BinaryPrimitives.ReadInt64BigEndian(b) : BinaryPrimitives.ReadInt64LittleEndian(b),
        DType.Float32 => bigEndian ? BinaryPrimitives.ReadSingleBigEndian(b) : BinaryPrimitives.ReadSingleLittleEndian(b),
        DType.Float64 => bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(b) : BinaryPrimitives.ReadDoubleLittleEndian(b),
        _ => 0,
    };

    private static void Sizes(ValidationContext ctx, List<TensorView> tensors, TensorView t, int[] shape)
    {
        var source = t.TestTensor!.Source;
        for (var k = 0; k < t.Axes.Count; k++)
        {
            var axis = t.Axes[k];
            var actual = shape[k];
            var path = $"{t.Path}.axes[{k}].size";
            var what = $"test tensor '{source}' of {t.Kind} '{t.Id}' has size {actual} on axis '{axis.Id.Value}'";
            switch (AxisFacts.Size(axis))
            {
                case FixedSize f when f.Value != actual:
                    ctx.Add("test-tensor.size-mismatch", $"{what}, described as {f.Value}", path);
                    break;
                case ParameterizedSize p when actual < p.Min || (actual - (long)p.Min) % p.Step != 0:
                    ctx.Add("test-tensor.size-unreachable", $"{what}, which is not parameterized by min + n*step = {p.Min} + n*{p.Step}", path);
                    break;
                case DataDependentSize d when actual < d.Min || (d.Max is { } max && actual > max):
                    ctx.Add("test-tensor.size-mismatch", $"{what}, outside the data-dependent range {AxisFacts.Describe(d)}", path);
                    break;
                case SizeReference r:
                    var target = tensors.FirstOrDefault(x => x.Id == r.TensorId);
                    var ti = target?.AxisIndex(r.AxisId.Value) ?? -1;
                    if (target is null || ti < 0 || !ctx.TestShapes.TryGetValue(target.Id, out var refShape) || refShape.Length != target.Axes.Count) break;
                    var expected = AxisFacts.Referenced(refShape[ti], AxisFacts.Scale(target.Axes[ti]), AxisFacts.Scale(axis), r.Offset);
                    if (expected != actual)
                        ctx.Add("test-tensor.size-mismatch", $"{what}, but its size reference to '{r.TensorId}.{r.AxisId.Value}' (test size {refShape[ti]}, scale {AxisFacts.Scale(target.Axes[ti]):G6} → {AxisFacts.Scale(axis):G6}, offset {r.Offset}) gives {expected}", path);
                    break;
            }
        }
    }
}

internal static class ImageFormatExceptionExtensions
{
    public static string Problem(this ImageFormatException e) => e.Message;
}
