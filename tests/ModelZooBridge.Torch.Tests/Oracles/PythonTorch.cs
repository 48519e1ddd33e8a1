using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace ModelZooBridge.Tests;

/// <summary>
/// Runs a PyTorch snippet with Debian's <c>/usr/bin/python3</c> (torch 1.13, the same libtorch the shim links).
/// Inputs arrive as float64 tensors named in the snippet (or int64 for long data); the snippet assigns <c>out</c>,
/// which comes back as float64 values in C order. A missing interpreter or torch fails the test.
/// </summary>
public static class PythonTorch
{
    private const string Python = "/usr/bin/python3";

    /// <summary>Evaluates <paramref name="code"/> after <c>import torch</c> with the named inputs and returns <c>out</c> flattened.</summary>
    public static double[] Run(string code, params (string Name, Array Data, long[] Shape)[] inputs)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"mzb-torch-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            var prologue = new List<string> { "import numpy as np", "import torch", "torch.set_num_threads(1)" };
            foreach (var (name, data, shape) in inputs)
            {
                var file = Path.Combine(folder, name + ".bin");
                var (bytes, numpyType, torchType) = data switch
                {
                    float[] f => (MemoryMarshal.AsBytes(f.AsSpan()).ToArray(), "<f4", "torch.float32"),
                    double[] d => (MemoryMarshal.AsBytes(d.AsSpan()).ToArray(), "<f8", "torch.float64"),
                    long[] l => (MemoryMarshal.AsBytes(l.AsSpan()).ToArray(), "<i8", "torch.int64"),
                    _ => throw new ArgumentException($"unsupported input type {data.GetType().Name}"),
                };
                File.WriteAllBytes(file, bytes);
                var dims = string.Join(",", shape.Select(s => s.ToString(CultureInfo.InvariantCulture)));
                prologue.Add($"{name} = torch.from_numpy(np.fromfile(r'{file}', dtype='{numpyType}').reshape(({dims},))).to({torchType})");
            }
            var outFile = Path.Combine(folder, "out.f64");
            var script = string.Join("\n", prologue) + "\n" + code +
                $"\nnp.ascontiguousarray(torch.as_tensor(out).detach().to(torch.float64).numpy()).ravel().astype('<f8').tofile(r'{outFile}')\n";
            var scriptFile = Path.Combine(folder, "oracle.py");
            File.WriteAllText(scriptFile, script);
            RunScript(scriptFile, folder);
            return MemoryMarshal.Cast<byte, double>(File.ReadAllBytes(outFile)).ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs a checked-in script from <c>Oracles/</c> with arguments; returns its standard output.</summary>
    public static string RunFile(string script, params string[] arguments)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Oracles", script);
        return RunScript(path, Path.GetDirectoryName(path)!, arguments);
    }

    private static string RunScript(string scriptFile, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(scriptFile);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_NUM_THREADS"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Python}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{scriptFile} did not finish within 2 minutes");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Python} {Path.GetFileName(scriptFile)} failed ({process.ExitCode}): {stderr.Result}");
        return stdout.Result;
    }
}
