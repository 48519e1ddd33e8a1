using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Tiff;
using ModelZooBridge.Imaging.Tiff.Constants;
using ModelZooBridge.Tests.Oracles;
using static ModelZooBridge.Tests.Imaging.Tiff.ImageJOracle;

namespace ModelZooBridge.Tests.Imaging.Tiff;

/// <summary>Files written by <see cref="TiffWriter"/> opened in real ImageJ: dimensions, calibration and pixel values.</summary>
[Trait("Area", "Tiff")]
public sealed class TiffWriterImageJTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(TiffCompression.None)]
    [InlineData(TiffCompression.AdobeDeflate)]
    public void ImageJOpensHyperstacksWithTheirDimensionsCalibrationAndValues(TiffCompression compression)
    {
        var options = new TiffWriteOptions { Compression = compression };
        var cases = new (NdArray Array, Calibration Calibration, Position[] Positions)[]
        {
            (TiffWriterTestData.Pattern(DType.UInt16, "tzcyx", 2, 3, 2, 33, 40),
                new Calibration(0.325, 0.5, 2.5, "micron", 1.5, "min"),
                [new(1, 1, 1, 0, 0), new(2, 1, 1, 5, 7), new(1, 3, 1, 39, 32), new(2, 2, 2, 17, 4), new(1, 3, 2, 1, 30)]),
            (TiffWriterTestData.Pattern(DType.Float32, "zyx", 3, 700, 300),
                new Calibration(0.1, 0.1, 0.4, "nm"),
                [new(1, 1, 1, 299, 0), new(1, 2, 1, 3, 400), new(1, 3, 1, 150, 699)]),
            (TiffWriterTestData.Pattern(DType.UInt8, "cyx", 4, 19, 23), Calibration.None,
                [new(1, 1, 1, 0, 0), new(3, 1, 1, 22, 18), new(4, 1, 1, 7, 3)]),
            (TiffWriterTestData.Pattern(DType.Int16, "tyx", 3, 20, 30), new Calibration(2, 2, 1, "mm", 0.25, "sec"),
                [new(1, 1, 1, 0, 0), new(1, 1, 2, 29, 19), new(1, 1, 3, 11, 5)]),
            (TiffWriterTestData.Pattern(DType.Bool, "zyx", 2, 16, 15), Calibration.None,
                [new(1, 1, 1, 1, 0), new(1, 2, 1, 0, 0), new(1, 2, 1, 14, 15)]),
        };
        var paths = cases.Select((c, i) => Path.Combine(_folder, $"case{i}.tif")).ToArray();
        for (int i = 0; i < cases.Length; i++) TiffWriter.Write(paths[i], cases[i].Array, cases[i].Calibration, options);

        var opened = Open(cases.Select((c, i) => (paths[i], c.Positions)).ToArray());
        for (int i = 0; i < cases.Length; i++)
        {
            var (array, calibration, positions) = cases[i];
            var imagej = opened[i];
            int Size(string axis) => array.IndexOf(axis) is var d and >= 0 ? array.Shape[d] : 1;
            Assert.Equal($"{Size("x")},{Size("y")},{Size("c")},{Size("z")},{Size("t")}", imagej["dims"]);
            Assert.Equal(array.DType is DType.Bool ? 8 : array.DType.SizeOf() * 8, int.Parse(imagej["bitdepth"]));

            var voxel = imagej["voxel"].Split(',');
            // getVoxelSize reports ImageJ's plural unit names.
            string expectedUnit = calibration.IsNone ? "pixels" : calibration.Unit == "micron" ? "microns" : calibration.Unit;
            Assert.Equal(expectedUnit, voxel[3]);
            Assert.Equal(calibration.PixelWidth, Number(voxel[0]), 8);
            Assert.Equal(calibration.PixelHeight, Number(voxel[1]), 8);
            Assert.Equal(calibration.PixelDepth, Number(voxel[2]), 8);
            var time = imagej["time"].Split(',');
            Assert.Equal(calibration.FrameInterval, Number(time[0]), 8);
            if (calibration.FrameInterval > 0) Assert.Equal(calibration.TimeUnit, time[1]);

            double sum = TiffWriterTestData.ImageJRawSum(array);
            Assert.Equal(sum, Number(imagej["sum"]), Math.Max(1e-3, Math.Abs(sum) * 1e-9));
            for (int k = 0; k < positions.Length; k++)
            {
                var p = positions[k];
                double expected = TiffWriterTestData.ValueAt(array, p.Channel - 1, p.Slice - 1, p.Frame - 1, p.X, p.Y);
                Assert.Equal(expected, Number(imagej[$"px{k + 1}"]), 1e-6 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }
}
