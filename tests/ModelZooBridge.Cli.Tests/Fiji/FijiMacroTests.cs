using System.Globalization;
using System.Text.Json;
using ModelZooBridge.Arrays;
using ModelZooBridge.Imaging;

namespace ModelZooBridge.Tests.Fiji;

/// <summary>
/// The installed macros in real ImageJ (Debian's 1.53t under xvfb-run), called as other macros call them
/// (<c>runMacro(path, "key=value ...")</c> in batch mode), against the host run directly on the same files.
/// </summary>
[Trait("Area", "Fiji")]
public sealed class FijiMacroTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();
    private readonly string _fiji;
    private readonly string _temp;
    private readonly string _macros;

    public FijiMacroTests()
    {
        _fiji = FijiLayout.Create(_folder);
        _temp = Directory.CreateDirectory(Path.Combine(_folder, "tmp")).FullName;
        _macros = Path.Combine(_fiji, "plugins", "ModelZooBridge");
        var install = CliRunner.Run("fiji", "install", "--fiji", _fiji, "--host", FijiLayout.Host);
        Assert.True(install.ExitCode == 0, install.Stderr);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Predict_on_the_active_image_matches_mzb_predict_keeps_the_calibration_and_removes_its_temporary_files()
    {
        var package = Conv2dTestPackage.Write(Path.Combine(_folder, "package"), halo: 2);
        var input = Path.Combine(_folder, "cells image.tif");
        ImageFiles.Write(input, TwoChannelImage(40, 50), new Calibration(0.25, 0.25, 1, "micron"));
        var fromMacro = Path.Combine(_folder, "from-macro.tif");

        var log = FijiLayout.RunMacro(_fiji, $$"""
            open("{{input}}");
            getVoxelSize(width, height, depth, unit);
            print("input calibration=" + width + " " + height + " " + unit);
            makeRectangle(5, 6, 10, 12);
            result = runMacro("{{_macros}}/MZB_Predict.ijm", "model=[{{package}}] input=active device=cpu");
            selectImage("cells image.tif");
            getSelectionBounds(x, y, w, h);
            print("selection kept=" + x + "," + y + "," + w + "," + h);
            selectImage(result);
            print("returned=" + result);
            getVoxelSize(width, height, depth, unit);
            print("result calibration=" + width + " " + height + " " + unit);
            print("images=" + nImages);
            saveAs("Tiff", "{{fromMacro}}");
            """, _temp);
        var direct = CliRunner.Run("predict", "--model", package, "--input", input, "--output", Path.Combine(_folder, "direct.tif"), "--device", "cpu", "--threads", "1");

        Assert.True(log.Contains("returned=mzb-cells image.tif\n", StringComparison.Ordinal), log);
        var lines = log.Split('\n');
        var inputCalibration = lines.Single(l => l.StartsWith("input calibration=", StringComparison.Ordinal))["input ".Length..];
        Assert.StartsWith("calibration=0.25 0.25 ", inputCalibration);
        Assert.Contains("result " + inputCalibration, lines);
        Assert.Contains("images=2", lines);
        Assert.Contains("selection kept=5,6,10,12", lines); // and the whole image was predicted: the shapes below match
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        var expected = ImageFiles.Read(Path.Combine(_folder, "direct.tif"));
        var actual = ImageFiles.Read(fromMacro);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        Assert.Equal("cyx", actual.AxesString);
        var difference = expected.As<float>().Span.ToArray().Zip(actual.As<float>().Span.ToArray()).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(difference <= 1e-5f, $"macro and host differ by {difference}");
        Assert.Empty(MacroTemporaryFiles());
    }

    [Fact]
    public void Predict_feeds_a_second_model_input_from_another_open_image()
    {
        var package = ImageMaskTestPackage.Write(Path.Combine(_folder, "image-mask"));
        var image = Path.Combine(_folder, "raw.tif");
        var mask = Path.Combine(_folder, "cells mask.tif");
        var random = new Random(4);
        ImageFiles.Write(image, new NdArray<float>(Enumerable.Range(0, 36 * 28).Select(_ => random.NextSingle()).ToArray(), [36, 28], [AxisId.Y, AxisId.X]));
        ImageFiles.Write(mask, TwoChannelImage(36, 28));
        var fromMacro = Path.Combine(_folder, "from-macro.tif");

        var log = FijiLayout.RunMacro(_fiji, $$"""
            open("{{mask}}");
            open("{{image}}");
            result = runMacro("{{_macros}}/MZB_Predict.ijm", "model=[{{package}}] input=active inputs=[mask=cells mask.tif] device=cpu");
            print("returned=" + result);
            selectImage(result);
            saveAs("Tiff", "{{fromMacro}}");
            """, _temp);
        var direct = CliRunner.Run("predict", "-m", package, "-i", $"image={image}", "-i", $"mask={mask}", "-o", Path.Combine(_folder, "direct.tif"),
            "--device", "cpu", "--threads", "1");

        Assert.True(log.Contains("returned=mzb-raw.tif\n", StringComparison.Ordinal), log);
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        var expected = ImageFiles.Read(Path.Combine(_folder, "direct.tif"));
        var actual = ImageFiles.Read(fromMacro);
        Assert.Equal(expected.Shape.ToArray(), actual.Shape.ToArray());
        var difference = expected.As<float>().Span.ToArray().Zip(actual.As<float>().Span.ToArray()).Max(p => Math.Abs(p.First - p.Second));
        Assert.True(difference <= 1e-5f, $"macro and host differ by {difference}");
        Assert.Empty(MacroTemporaryFiles());
    }

    [Fact]
    public void Validate_reports_a_good_package_as_passed_and_a_broken_one_cleanly_and_Predict_shows_the_host_error()
    {
        var good = Conv2dTestPackage.Write(Path.Combine(_folder, "good"), halo: 2);
        var broken = Conv2dTestPackage.Write(Path.Combine(_folder, "broken"), halo: 2);
        File.WriteAllBytes(Path.Combine(broken, "weights.onnx"), [0x08, 0x07, 0x12, 0xFF, 0xFF, 0x01]);
        var input = Path.Combine(_folder, "in.tif");
        ImageFiles.Write(input, TwoChannelImage(20, 20));

        var log = FijiLayout.RunMacro(_fiji, $$"""
            print("good=" + runMacro("{{_macros}}/MZB_Validate.ijm", "model=[{{good}}]"));
            print("broken=" + runMacro("{{_macros}}/MZB_Validate.ijm", "model=[{{broken}}]"));
            run("MZB Validate", "model=[{{good}}] static");
            print("predict=" + runMacro("{{_macros}}/MZB_Predict.ijm", "model=[{{broken}}] input=[{{input}}] device=cpu"));
            """, _temp);

        Assert.True(log.Contains("good=passed", StringComparison.Ordinal), log);
        Assert.Contains("passed: 0 error(s)", log);
        Assert.Contains("valid-format: 0 error(s)", log); // the menu command, as a recorded macro calls it, with the static flag
        Assert.Matches(@"broken=(failed|\[aborted\])", log);
        Assert.Contains("weights.onnx", log);
        Assert.Matches(@"mzb predict failed \(exit 2\): mzb: error: .*protobuf", log);
        Assert.Contains("predict=[aborted]", log);
        Assert.DoesNotContain("Exception", log);
        Assert.Empty(MacroTemporaryFiles());
    }

    [Fact]
    public void Evaluate_fills_the_Results_table_with_the_scores_mzb_evaluate_reports()
    {
        var random = new Random(3);
        var truth = Path.Combine(_folder, "truth.tif");
        var prediction = Path.Combine(_folder, "prediction.tif");
        ImageFiles.Write(truth, new NdArray<byte>(Enumerable.Range(0, 30 * 20).Select(_ => (byte)(random.Next(2) * 255)).ToArray(), [30, 20], [AxisId.Y, AxisId.X]));
        ImageFiles.Write(prediction, new NdArray<float>(Enumerable.Range(0, 30 * 20).Select(_ => (float)random.NextDouble()).ToArray(), [30, 20], [AxisId.Y, AxisId.X]));

        var log = FijiLayout.RunMacro(_fiji, $$"""
            print("rows=" + runMacro("{{_macros}}/MZB_Evaluate.ijm", "prediction=[{{prediction}}] truth=[{{truth}}] classes=background,nucleus"));
            for (i = 0; i < nResults; i++)
                print("row=" + getResultString("Image", i) + "|" + getResultString("Class", i) + "|" + d2s(getResult("IoU", i), 4) + "|" +
                      d2s(getResult("Dice", i), 4) + "|" + d2s(getResult("Precision", i), 4) + "|" + d2s(getResult("Recall", i), 4) + "|" + d2s(getResult("PixelAccuracy", i), 4));
            """, _temp);
        var json = CliRunner.Run("evaluate", "--prediction", prediction, "--truth", truth, "--classes", "background,nucleus", "--json");

        Assert.True(json.ExitCode == 0, json.Stderr);
        var report = JsonDocument.Parse(json.Stdout).RootElement;
        Assert.Contains("rows=4", log);
        foreach (var (label, scores) in new[] { ("prediction", report.GetProperty("images")[0]), ("overall", report.GetProperty("overall")) })
        {
            foreach (var k in new[] { 0, 1 })
            {
                var c = scores.GetProperty("per_class")[k];
                string F(string name) => c.GetProperty(name).GetDouble().ToString("F4", CultureInfo.InvariantCulture);
                var accuracy = scores.GetProperty("pixel_accuracy").GetDouble().ToString("F4", CultureInfo.InvariantCulture);
                Assert.Contains($"row={label}|{c.GetProperty("name").GetString()}|{F("iou")}|{F("dice")}|{F("precision")}|{F("recall")}|{accuracy}", log);
            }
        }
    }

    [Fact]
    public void The_macros_are_Plugins_menu_commands_and_a_missing_host_is_reported()
    {
        var log = FijiLayout.RunMacro(_fiji, $$"""
            List.setCommands;
            print("predict-command=" + List.get("MZB Predict"));
            print("library-command=" + List.get("mzb-host"));
            print("result=" + runMacro("{{_macros}}/MZB_Validate.ijm", "model=/nowhere"));
            """, _temp, new Dictionary<string, string> { ["MZB_HOME"] = Path.Combine(_folder, "no-host-here") });

        Assert.Contains("predict-command=ij.plugin.Macro_Runner(\"ModelZooBridge/MZB_Predict.ijm\")", log);
        Assert.Contains("library-command=\n", log.ReplaceLineEndings("\n"));
        Assert.Contains($"ModelZooBridge: MZB_HOME does not lead to mzb: {Path.Combine(_folder, "no-host-here")}", log);
        Assert.Contains("mzb not found: set MZB_HOME", log);
        Assert.Contains("result=[aborted]", log);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void Train_and_Predict_pass_their_arguments_to_the_host_as_planned()
    {
        // A stand-in host (found through MZB_HOME) records each command line; `train` and `export` are not in this host yet.
        var fakeHome = Directory.CreateDirectory(Path.Combine(_folder, "fake-host")).FullName;
        var calls = Path.Combine(fakeHome, "calls.txt");
        File.WriteAllText(Path.Combine(fakeHome, "mzb"), $"#!/bin/sh\necho \"$*\" >> '{calls}'\n");
        File.SetUnixFileMode(Path.Combine(fakeHome, "mzb"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var run = Path.Combine(_folder, "run 1");
        var inputs = Directory.CreateDirectory(Path.Combine(_folder, "inputs")).FullName;

        var log = FijiLayout.RunMacro(_fiji, $$"""
            print("train=" + runMacro("{{_macros}}/MZB_Train.ijm", "images=/data/img labels=/data/lab arch=unet3d-aniso out=[{{run}}] steps_per_epoch=5 minutes=2 depth=2"));
            print("missing=" + runMacro("{{_macros}}/MZB_Train.ijm", "images=/data/img"));
            print("no-duration=" + runMacro("{{_macros}}/MZB_Train.ijm", "images=/data/img labels=/data/lab out=/run"));
            print("predict=" + runMacro("{{_macros}}/MZB_Predict.ijm", "model_path=/m.zip input={{inputs}} output=/out tile=64 device=cuda tta"));
            """, _temp, new Dictionary<string, string> { ["MZB_HOME"] = fakeHome });

        Assert.True(log.Contains($"train={run}/model.zip\n", StringComparison.Ordinal), log);
        Assert.Contains("MZB Train: images=DIR, labels=DIR and out=DIR are required", log);
        Assert.Contains("missing=[aborted]", log);
        Assert.Contains("MZB Train: minutes=M or epochs=N is required", log);
        Assert.Contains("no-duration=[aborted]", log);
        Assert.Contains("predict=/out", log);
        Assert.Equal(
            [
                $"train --images /data/img --labels /data/lab --arch unet3d-aniso --out {run} --minutes 2 --depth 2 --steps-per-epoch 5",
                $"export {run} --out {run}/model.zip",
                $"predict --model /m.zip --input {inputs} --output /out --device cuda --tile 64 --tta",
            ],
            File.ReadAllLines(calls));
    }

    [Fact]
    public void Train_with_small_settings_writes_a_run_and_a_package_that_Predict_runs_like_the_host()
    {
        var images = Path.Combine(_folder, "train images");
        var labels = Path.Combine(_folder, "train labels");
        DiscImages.Write(images, labels, count: 4);
        var run = Path.Combine(_folder, "disc run");
        var image = Path.Combine(images, "0.png");
        var fromMacro = Path.Combine(_folder, "from-macro.tif");

        var log = FijiLayout.RunMacro(_fiji, $$"""
            package = runMacro("{{_macros}}/MZB_Train.ijm", "images=[{{images}}] labels=[{{labels}}] arch=unet2d out=[{{run}}] epochs=2 depth=1 filters=4 patch=16 batch=4 steps_per_epoch=3");
            print("package=" + package);
            print("predicted=" + runMacro("{{_macros}}/MZB_Predict.ijm", "model=[" + package + "] input=[{{image}}] output=[{{fromMacro}}] device=cpu"));
            """, _temp);

        var package = Path.Combine(run, "model.zip");
        Assert.True(log.Contains($"package={package}\n", StringComparison.Ordinal), log);
        Assert.True(log.Contains("predicted=from-macro.tif\n", StringComparison.Ordinal), log);
        var runSettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "run.json"))).RootElement;
        Assert.Equal(2, runSettings.GetProperty("epochs").GetInt32());
        Assert.Equal(1, runSettings.GetProperty("network").GetProperty("depth").GetInt32());
        Assert.Equal(4, runSettings.GetProperty("network").GetProperty("first_level_filters").GetInt32());
        Assert.Equal(3, File.ReadAllLines(Path.Combine(run, "log.csv")).Length); // header and two epochs
        var direct = CliRunner.Run("predict", "--model", package, "--input", image, "--output", Path.Combine(_folder, "direct.tif"), "--device", "cpu", "--threads", "1");
        Assert.True(direct.ExitCode == 0, direct.Stderr);
        var expected = ImageFiles.Read(Path.Combine(_folder, "direct.tif")).As<float>().Span.ToArray();
        var actual = ImageFiles.Read(fromMacro).As<float>().Span.ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.True(expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= 1e-5f), "macro and host predictions differ");
        Assert.Empty(MacroTemporaryFiles());
    }

    /// <summary>What the macros' mktemp calls left in TMPDIR (xvfb and Mesa put their own files there too).</summary>
    private IEnumerable<string?> MacroTemporaryFiles() =>
        Directory.GetFileSystemEntries(_temp).Select(Path.GetFileName).Where(n => n!.StartsWith("mzb-fiji.", StringComparison.Ordinal) || n.StartsWith("tmp.", StringComparison.Ordinal));

    private static NdArray<float> TwoChannelImage(int height, int width)
    {
        var random = new Random(1);
        return new NdArray<float>(Enumerable.Range(0, 2 * height * width).Select(_ => (float)random.NextDouble()).ToArray(), [2, height, width], [AxisId.Channel, AxisId.Y, AxisId.X]);
    }
}
