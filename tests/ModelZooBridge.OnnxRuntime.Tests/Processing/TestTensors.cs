using ModelZooBridge.Arrays;
using ModelZooBridge.Spec;
using ModelZooBridge.Tests.Oracles;

namespace ModelZooBridge.Tests.Processing;

internal static class TestTensors
{
    public static NdArray<float> Random(int[] shape, string axes, int seed, float lo = -3f, float hi = 5f) =>
        new(NumpyOracle.Random((int)NdArray.ElementCount(shape), seed, lo, hi), shape, AxisId.ParseAll(axes));

    public static EquatableArray<double> D(params double[] values) => values;

    public static EquatableArray<AxisId> Axes(string axes) => AxisId.ParseAll(axes);

    public static (string, float[], int[]) Input(string name, NdArray<float> x) => (name, x.Span.ToArray(), x.Shape.ToArray());

    public static void AssertClose(double[] expected, ReadOnlySpan<float> actual, double rtol = 1e-5, double atol = 1e-5)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = atol + rtol * Math.Abs(expected[i]);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: got {actual[i]}, numpy {expected[i]}");
        }
    }
}
