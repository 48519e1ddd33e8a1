using ModelZooBridge.Arrays;
using ModelZooBridge.Torch.Data;

namespace ModelZooBridge.Tests.Data;

[Trait("Area", "Data")]
public sealed class PatchSymmetryTests
{
    private static IEnumerable<Dihedral> All(bool withZ, bool withTranspose) =>
        from t in withTranspose ? new[] { false, true } : [false]
        from z in withZ ? new[] { false, true } : [false]
        from y in new[] { false, true }
        from x in new[] { false, true }
        select new Dihedral(t, y, x, z);

    private static int[] Ramp(int length, int channels = 1) => Enumerable.Range(0, length * channels).ToArray();

    [Theory]
    [InlineData(1, 5, 5, false)]
    [InlineData(1, 4, 7, false)]
    [InlineData(3, 6, 6, true)]
    public void Every_element_is_undone_exactly_by_its_inverse(int depth, int height, int width, bool withZ)
    {
        var size = new PatchSize(depth, height, width);
        var source = Ramp(size.VoxelCount, channels: 2);
        var moved = new int[source.Length];
        var back = new int[source.Length];
        foreach (var transform in All(withZ, withTranspose: height == width))
        {
            PatchSymmetry.Apply<int>(transform, source, moved, size);
            PatchSymmetry.Apply<int>(transform.Inverse, moved, back, size);
            Assert.Equal(source, back);
        }
    }

    [Fact]
    public void A_square_2d_patch_has_eight_distinct_images_and_a_3d_one_sixteen()
    {
        var planar = PatchSize.Planar(4, 4);
        var volume = new PatchSize(2, 4, 4);
        int Distinct(PatchSize size, bool withZ) => All(withZ, true).Select(t =>
        {
            var moved = new int[size.VoxelCount];
            PatchSymmetry.Apply<int>(t, Ramp(size.VoxelCount), moved, size);
            return string.Join(",", moved);
        }).Distinct().Count();
        Assert.Equal(8, Distinct(planar, false));
        Assert.Equal(16, Distinct(volume, true));
    }

    [Fact]
    public void Transpose_with_x_flip_is_numpy_rot90_clockwise()
    {
        // np.rot90([[1,2],[3,4]], -1) == [[3,1],[4,2]]
        var moved = new int[4];
        PatchSymmetry.Apply<int>(new Dihedral(Transpose: true, FlipY: false, FlipX: true, FlipZ: false), [1, 2, 3, 4], moved, PatchSize.Planar(2, 2));
        Assert.Equal([3, 1, 4, 2], moved);
    }

    [Fact]
    public void Random_elements_cover_the_group_and_never_transpose_a_rectangle()
    {
        var random = new SeededRandom(3);
        var square = Enumerable.Range(0, 400).Select(_ => PatchSymmetry.Random(random, PatchSize.Planar(8, 8))).Distinct().Count();
        var rectangle = Enumerable.Range(0, 400).Select(_ => PatchSymmetry.Random(random, PatchSize.Planar(8, 6))).ToList();
        Assert.Equal(8, square);
        Assert.DoesNotContain(rectangle, t => t.Transpose || t.FlipZ);
        Assert.Equal(4, rectangle.Distinct().Count());
        Assert.Throws<ArgumentException>(() => PatchSymmetry.Apply<int>(new Dihedral(true, false, false, false), new int[48], new int[48], PatchSize.Planar(8, 6)));
        Assert.Throws<ArgumentException>(() => PatchSymmetry.Apply<int>(Dihedral.Identity, new int[47], new int[47], PatchSize.Planar(8, 6)));
    }
}
