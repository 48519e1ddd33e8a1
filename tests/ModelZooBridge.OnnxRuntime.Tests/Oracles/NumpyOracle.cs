using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ModelZooBridge.Tests.Oracles;

/// <summary>
/// Runs a numpy snippet with Debian's <c>/usr/bin/python3</c> (numpy 1.24). Inputs arrive as float32 arrays named in
/// the snippet; the snippet assigns <c>out</c>, which comes back as float64 values in C order. A missing
/// interpreter or numpy fails the test: setup installs them.
/// </summary>
public static class NumpyOracle
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Evaluates <paramref name="code"/> with the named inputs and returns <c>np.asarray(out, float64).ravel()</c>.</summary>
    public static double[] Run(string code, params (string Name, float[] Data, int[] Shape)[] inputs)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mzb-np-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var prologue = new List<string> { "import numpy as np", "import sys" };
            foreach (var (name, data, shape) in inputs)
            {
                var file = Path.Combine(folder, name + ".f32");
                File.WriteAllBytes(file, MemoryMarshal.AsBytes(data.AsSpan()).ToArray());
                prologue.Add($"{name} = np.fromfile(r'{file}', dtype='<f4').reshape(({string.Join(",", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)))},))");
            }
            var outFile = Path.Combine(folder, "out.f64");
            var script = string.Join("\n", prologue) + "\n" + code + $"\nnp.ascontiguousarray(np.asarray(out, dtype=np.float64)).ravel().astype('<f8').tofile(r'{outFile}')\n";
            var scriptFile = Path.Combine(folder, "oracle.py");
            File.WriteAllText(scriptFile, script);
            RunProcess(scriptFile);
            return MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(outFile)).ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Deterministic pseudo-random floats in [lo, hi).</summary>
    public static float[] Random(int count, int seed, float lo = -1f, float hi = 1f)
    {
        var random = new Random(seed);
        var data = new float[count];
        for (int i = 0; i < data.Length; i++) data[i] = lo + (float)random.NextDouble() * (hi - lo);
        return data;
    }

    private static void RunProcess(string scriptFile)
    {
        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(scriptFile);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("numpy oracle did not finish in time");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"numpy oracle exited {process.ExitCode}: {stderr.Result}{stdout.Result}");
    }
}
