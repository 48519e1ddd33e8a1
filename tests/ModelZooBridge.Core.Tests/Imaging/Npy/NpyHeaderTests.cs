using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;

namespace ModelZooBridge.Tests.Imaging.Npy;

/// <summary>The header dict parser on hand-made texts: what numpy's <c>ast.literal_eval</c> accepts, and clear errors otherwise.</summary>
[Trait("Area", "Npy")]
public sealed class NpyHeaderTests
{
    [Theory]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }", DType.Float32, false, false, "3,4")]
    [InlineData("{'shape':(3,),'fortran_order':True,'descr':'>i8'}", DType.Int64, true, true, "3")]
    [InlineData("{ 'descr' : '|b1' , 'fortran_order' : False , 'shape' : ( ) , }   \n", DType.Bool, false, false, "")]
    [InlineData("{\"descr\": \"<u2\", \"fortran_order\": False, \"shape\": (1, 2, 3, 4, 5, 6,)}", DType.UInt16, false, false, "1,2,3,4,5,6")]
    [InlineData("{'descr': '=f8', 'fortran_order': False, 'shape': (2L, 0L)}", DType.Float64, false, false, "2,0")]
    [InlineData("{'descr': '>u1', 'fortran_order': False, 'shape': (5,)}", DType.UInt8, false, false, "5")]
    public void Valid_headers_parse(string text, DType dtype, bool bigEndian, bool fortran, string shape)
    {
        var header = NpyHeader.Parse(text, 64, "h.npy");
        Assert.Equal(dtype, header.DType);
        Assert.Equal(bigEndian, header.BigEndian);
        Assert.Equal(fortran, header.FortranOrder);
        Assert.Equal(NpyFixtureTests.ParseShape(shape), header.Shape);
    }

    [Theory]
    [InlineData("", "unexpected end")]
    [InlineData("[1, 2]", "not a Python dict")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)", "unexpected end of header")]
    [InlineData("{'descr': '<f4' 'fortran_order': False}", "expected ',' or '}'")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4)} x", "unexpected text")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4.5)}", "malformed number")]
    [InlineData("{'descr': '<f4', 'fortran_order': 0, 'shape': (3, 4)}", "not True or False")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': 12}", "not a tuple")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 'a')}", "shape entry 1 is not an integer")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (3, 99999999999)}", "shape entry 1")]
    [InlineData("{'descr': '<f4', 'fortran_order': False, 'shape': (2147483647, 2147483647, 2147483647)}", "too large")]
    [InlineData("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, 'shape': ()}", "twice")]
    [InlineData("{'descr': '<f4', 'shape': ()}", "no 'fortran_order'")]
    [InlineData("{'descr': <f4, 'fortran_order': False, 'shape': ()}", "unexpected character '<'")]
    [InlineData("{'descr': '<f4, 'fortran_order': False, 'shape': ()}", "malformed npy header")]
    [InlineData("{'descr': '<c8', 'fortran_order': False, 'shape': ()}", "dtype '<c8' is not supported")]
    [InlineData("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': ()}", "structured dtype is not supported")]
    [InlineData("{1: '<f4'}", "dict key is not a string")]
    [InlineData("{'descr': ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((1)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))}", "nested too deeply")]
    public void Malformed_headers_are_refused_clearly(string text, string message)
    {
        var e = Assert.Throws<ImageFormatException>(() => NpyHeader.Parse(text, 64, "h.npy"));
        Assert.Contains(message, e.Problem);
        Assert.StartsWith("h.npy: ", e.Message);
    }

    [Fact]
    public void Rank_above_six_needs_explicit_axes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mzb-rank7-{Guid.NewGuid():N}.npy");
        try
        {
            ModelZooBridge.Imaging.Npy.NpyFile.Write(path, NdArray.Create(DType.UInt8, [1, 1, 1, 1, 1, 2, 3], AxisId.ParseAll("abcdzyx")));
            var e = Assert.Throws<ImageFormatException>(() => NpyReader.Open(path));
            Assert.Contains("rank 7", e.Problem);
            using var reader = NpyReader.Open(path, AxisId.ParseAll("abcdzyx"));
            Assert.Equal(7, reader.Info.Shape.Length);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
