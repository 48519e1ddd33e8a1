using System.Diagnostics;
using ModelZooBridge.Imaging;
using ModelZooBridge.Imaging.Npy;
using ModelZooBridge.Tests.Oracles;


namespace ModelZooBridge.Tests.Imaging.Npy;

/// <summary>Hundreds of mutated npy files (fixed seed): every outcome is a value or an <see cref="ImageFormatException"/>.</summary>
[Trait("Area", "Npy")]
public sealed class NpyFuzzTests : IDisposable
{
    private readonly string _folder = ExternalTool.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Mutated_files_only_raise_ImageFormatException()
    {
        var fixtures = GeneratedFixtures.Npy;
        string[] sources = ["dtype_float32_be", "fortran_int16_rank3", "version3_int16_be", "rank0_float64", "rank5_float32",
            "header_spaces", "dtype_bool_na", "fortran_uint8_rank5", "version2_float32", "header_py2_long"];
        var originals = sources.Select(s => File.ReadAllBytes(fixtures.PathOf(s, ".npy"))).ToArray();
        var mutator = new FileMutator(seed: 1234);
        var clock = Stopwatch.StartNew();
        int refused = 0, read = 0;
        for (int i = 0; i < 600; i++)
        {
            var mutated = mutator.Mutate(originals[i % originals.Length], hotBytes: 128);
            var path = Path.Combine(_folder, $"fuzz{i % 4}.npy");
            File.WriteAllBytes(path, mutated);
            bool ok = Try(() =>
            {
                using var reader = NpyReader.Open(path);
                var plane = new byte[reader.Info.PlaneBytes];
                for (long p = 0; p < reader.Info.PlaneCount; p++) reader.ReadPlane(p, plane);
            }, i);
            ok &= Try(() => NpyFile.Read(path).Dispose(), i);
            ok &= Try(() => NpyFile.Read(new MemoryStream(mutated), "fuzz.npy"), i);
            ok &= Try(() => NpyFile.Read(new ForwardOnlyStream(mutated, 64), "fuzz.npy"), i);
            if (ok) read++;
            else refused++;
        }
        Assert.True(refused > 300, $"only {refused} of 600 mutations were refused");
        Assert.True(read > 10, $"only {read} of 600 mutations still read");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"fuzzing took {clock.Elapsed}");
    }

    private static bool Try(Action action, int iteration)
    {
        try
        {
            action();
            return true;
        }
        catch (ImageFormatException e)
        {
            Assert.DoesNotContain('\n', e.Message);
            return false;
        }
        catch (Exception e)
        {
            Assert.Fail($"mutation {iteration}: {e.GetType().Name} escaped: {e.Message}");
            return false;
        }
    }
}
