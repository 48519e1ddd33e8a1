namespace ModelZooBridge.Torch.Data;

/// <summary>
/// Fills one sample of a batch from a volume: image channels by (bi/tri)linear interpolation, classes by nearest
/// neighbour (so labels stay in the label set), weights linearly; positions outside the volume are mirrored
/// (reflect padding). A plain crop copies pixels exactly through precomputed reflected indices.
/// </summary>
internal sealed class PatchRenderer
{
    private int[] _zIndex = [], _yIndex = [], _xIndex = [];

    /// <summary>Copies the patch at <paramref name="origin"/> (reflecting where it leaves the volume).</summary>
    public void Crop(TrainingVolume volume, PatchOrigin origin, PatchSize size, Span<float> image, Span<long> classes, Span<float> weights)
    {
        FillIndices(ref _zIndex, origin.Z, size.Depth, volume.Depth);
        FillIndices(ref _yIndex, origin.Y, size.Height, volume.Height);
        FillIndices(ref _xIndex, origin.X, size.Width, volume.Width);
        int plane = volume.Height * volume.Width, patchVoxels = size.VoxelCount;
        int i = 0;
        for (int z = 0; z < size.Depth; z++)
        {
            for (int y = 0; y < size.Height; y++)
            {
                int row = _zIndex[z] * plane + _yIndex[y] * volume.Width;
                for (int x = 0; x < size.Width; x++, i++)
                {
                    int source = row + _xIndex[x];
                    classes[i] = volume.Classes[source];
                    if (!weights.IsEmpty) weights[i] = volume.Weights?[source] ?? 1f;
                    for (int c = 0; c < volume.Channels; c++) image[c * patchVoxels + i] = volume.Image[c * volume.VoxelCount + source];
                }
            }
        }
    }

    /// <summary>Samples the patch at <paramref name="origin"/> through the coordinate maps of <paramref name="transform"/>.</summary>
    public static void Warp(TrainingVolume volume, PatchOrigin origin, PatchSize size, SpatialTransform transform, Span<float> image, Span<long> classes, Span<float> weights)
    {
        var mapZ = transform.Z;
        var mapY = transform.Y;
        var mapX = transform.X;
        int plane = volume.Height * volume.Width, patchVoxels = size.VoxelCount;
        var values = volume.Image.AsSpan();
        for (int i = 0; i < patchVoxels; i++)
        {
            float fz = origin.Z + mapZ[i], fy = origin.Y + mapY[i], fx = origin.X + mapX[i];
            var corners = Corners.At(fz, fy, fx, volume.Depth, volume.Height, volume.Width);
            int nearest = Reflect.Index((int)MathF.Round(fz), volume.Depth) * plane
                + Reflect.Index((int)MathF.Round(fy), volume.Height) * volume.Width
                + Reflect.Index((int)MathF.Round(fx), volume.Width);
            classes[i] = volume.Classes[nearest];
            if (!weights.IsEmpty) weights[i] = volume.Weights is null ? 1f : corners.Sample(volume.Weights, plane, volume.Width);
            for (int c = 0; c < volume.Channels; c++)
                image[c * patchVoxels + i] = corners.Sample(values.Slice(c * volume.VoxelCount, volume.VoxelCount), plane, volume.Width);
        }
    }

    private static void FillIndices(ref int[] indices, int start, int count, int size)
    {
        if (indices.Length != count) indices = new int[count];
        for (int i = 0; i < count; i++) indices[i] = Reflect.Index(start + i, size);
    }

    /// <summary>The eight (reflected) neighbours of a fractional position and their linear weights.</summary>
    private readonly struct Corners
    {
        private readonly int _z0, _z1, _y0, _y1, _x0, _x1;
        private readonly float _wz, _wy, _wx;

        private Corners(int z0, int z1, float wz, int y0, int y1, float wy, int x0, int x1, float wx)
        {
            (_z0, _z1, _wz, _y0, _y1, _wy, _x0, _x1, _wx) = (z0, z1, wz, y0, y1, wy, x0, x1, wx);
        }

        public static Corners At(float z, float y, float x, int depth, int height, int width)
        {
            var (z0, z1, wz) = Axis(z, depth);
            var (y0, y1, wy) = Axis(y, height);
            var (x0, x1, wx) = Axis(x, width);
            return new Corners(z0, z1, wz, y0, y1, wy, x0, x1, wx);
        }

        public float Sample(ReadOnlySpan<float> values, int plane, int width)
        {
            float front = Bilinear(values, _z0 * plane, width);
            return _wz == 0 ? front : front + _wz * (Bilinear(values, _z1 * plane, width) - front);
        }

        private float Bilinear(ReadOnlySpan<float> values, int slice, int width)
        {
            int r0 = slice + _y0 * width, r1 = slice + _y1 * width;
            float top = values[r0 + _x0] + _wx * (values[r0 + _x1] - values[r0 + _x0]);
            float bottom = values[r1 + _x0] + _wx * (values[r1 + _x1] - values[r1 + _x0]);
            return top + _wy * (bottom - top);
        }

        private static (int Low, int High, float Weight) Axis(float position, int size)
        {
            float floor = MathF.Floor(position);
            int low = (int)floor;
            return (Reflect.Index(low, size), Reflect.Index(low + 1, size), position - floor);
        }
    }
}
