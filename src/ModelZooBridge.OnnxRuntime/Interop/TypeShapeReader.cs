namespace ModelZooBridge.OnnxRuntime.Interop;

/// <summary>Reads an <c>OrtTensorTypeAndShapeInfo</c> (which the caller keeps ownership of).</summary>
internal static unsafe class TypeShapeReader
{
    /// <summary>Element type, dimensions (-1 for free ones) and, when asked, the symbolic dimension names.</summary>
    public static (int ElementType, long[] Dimensions, string[] Symbolic) Read(IntPtr info, bool symbolic)
    {
        var api = OrtNative.Api;
        int elementType;
        OrtStatus.ThrowIfFailed(api->GetTensorElementType(info, &elementType));
        nuint rank;
        OrtStatus.ThrowIfFailed(api->GetDimensionsCount(info, &rank));
        var dims = new long[(int)rank];
        var names = new string[(int)rank];
        if (rank == 0)
            return (elementType, dims, names);
        fixed (long* d = dims)
            OrtStatus.ThrowIfFailed(api->GetDimensions(info, d, rank));
        if (symbolic)
        {
            var pointers = stackalloc byte*[(int)rank];
            OrtStatus.ThrowIfFailed(api->GetSymbolicDimensions(info, pointers, rank));
            for (int i = 0; i < (int)rank; i++)
                names[i] = pointers[i] == null ? "" : OrtNative.ReadUtf8(pointers[i]);
        }
        else
        {
            Array.Fill(names, "");
        }
        return (elementType, dims, names);
    }
}
