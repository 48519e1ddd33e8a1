using ModelZooBridge.Arrays;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Tiling;

/// <summary>The dihedral transforms against numpy's <c>rot90</c>/<c>flip</c>/<c>swapaxes</c>, and their inverses.</summary>
[Trait("Area", "Tiling")]
public sealed class DihedralTests
{
    [Fact]
    public void The_eight_plane_transforms_match_numpy_on_a_channel_first_array()
    {
        int[] shape = [2, 5, 5];
        var data = NumpyOracle.Random(2 * 5 * 5, seed: 11);
        var axes = new SpatialAxes(-1, 1, 2);
        var group = Dihedral.Group(axes, withTranspose: true);
        var names = group.Select(t => t.Name).ToArray();
        var expected = NumpyOracle.Run($$"""
            R = lambda m, k: np.rot90(m, k, axes=(1, 2))
            ops = {"identity": a, "flip_y": np.flip(a, 1), "flip_x": np.flip(a, 2), "rot180": R(a, 2),
                   "transpose": np.swapaxes(a, 1, 2), "rot90": R(a, 1), "rot270": R(a, 3), "antitranspose": R(np.swapaxes(a, 1, 2), 2)}
            out = np.stack([ops[n] for n in {{Python(names)}}])
            """, ("a", data, shape));

        Assert.Equal(8, group.Count);
        Assert.Equal(8, names.Distinct().Count());
        Assert.Equal(Dihedral.Identity, group[0]);
        var actual = new float[data.Length];
        for (int t = 0; t < group.Count; t++)
        {
            group[t].Apply(data, actual, shape, axes);
            Assert.Equal(expected.Skip(t * data.Length).Take(data.Length).Select(v => (float)v), actual);
        }
    }

    [Fact]
    public void A_volume_has_sixteen_transforms_each_undone_by_its_inverse_and_flip_z_matches_numpy()
    {
        int[] shape = [1, 2, 3, 4, 4]; // b, c, z, y, x
        var data = NumpyOracle.Random(2 * 3 * 4 * 4, seed: 12);
        var axes = new SpatialAxes(2, 3, 4);
        var group = Dihedral.Group(axes, withTranspose: true);
        var transformed = new float[data.Length];
        var back = new float[data.Length];

        Assert.Equal(16, group.Count);
        var distinct = new HashSet<string>();
        foreach (var transform in group)
        {
            transform.Apply(data, transformed, shape, axes);
            transform.Inverse.Apply(transformed, back, shape, axes);
            Assert.Equal(data, back);
            distinct.Add(string.Join(",", transformed));
        }
        Assert.Equal(16, distinct.Count);
        var rot90FlipZ = group.Single(t => t.Name == "rot90+flip_z");
        rot90FlipZ.Apply(data, transformed, shape, axes);
        var expected = NumpyOracle.Run("out = np.rot90(np.flip(a, 2), 1, axes=(3, 4))", ("a", data, shape));
        Assert.Equal(expected.Select(v => (float)v), transformed);
    }

    [Fact]
    public void Without_swaps_only_the_flips_remain_and_a_swap_of_a_non_square_plane_is_refused()
    {
        var axes = new SpatialAxes(-1, 0, 1);
        Assert.Equal(["identity", "flip_x", "flip_y", "rot180"], Dihedral.Group(axes, withTranspose: false).Select(t => t.Name));
        Assert.Equal(["identity", "flip_z"], Dihedral.Group(new SpatialAxes(0, -1, -1), withTranspose: true).Select(t => t.Name));
        var rot90 = new Dihedral(Transpose: true, FlipY: true, FlipX: false, FlipZ: false);
        var error = Assert.Throws<ArgumentException>(() => rot90.Apply(new float[6], new float[6], [2, 3], axes));
        Assert.Contains("rot90 needs equal y and x sizes", error.Message, StringComparison.Ordinal);
    }

    private static string Python(IEnumerable<string> names) => "[" + string.Join(", ", names.Select(n => $"\"{n}\"")) + "]";
}
