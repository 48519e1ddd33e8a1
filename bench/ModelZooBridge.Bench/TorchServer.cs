using System.Diagnostics;
using System.Globalization;

namespace ModelZooBridge.Bench;

/// <summary>
/// PyTorch eager on the same network and tile: a long-lived python process (<c>unet_reference.py serve</c> for one
/// forward pass, <c>train</c> for one training step) that runs one timed pass per request, so its runs can alternate
/// with ours one by one.
/// </summary>
internal sealed class TorchServer : IDisposable
{
    private readonly Process _python;

    /// <summary>A forward-pass server (<c>serve NETWORK THREADS SIZE</c>).</summary>
    public TorchServer(string network, int threads, int size) : this(threads, "serve", network, $"{threads}", $"{size}")
    {
    }

    /// <summary>Starts <c>unet_reference.py</c> with <paramref name="arguments"/>, torch limited to <paramref name="threads"/>.</summary>
    public TorchServer(int threads, params string[] arguments)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", [Path.Combine(AppContext.BaseDirectory, "unet_reference.py"), .. arguments])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
        };
        // torch reads these at import; keep its OpenMP pool at the asked size as well.
        start.Environment["OMP_NUM_THREADS"] = $"{threads}";
        _python = Process.Start(start)!;
        if (_python.StandardOutput.ReadLine() != "ready")
            throw new InvalidOperationException($"unet_reference.py {string.Join(' ', arguments)} did not start");
    }

    /// <summary>One forward pass or training step; the seconds torch measured around it.</summary>
    public double Run()
    {
        _python.StandardInput.WriteLine("run");
        _python.StandardInput.Flush();
        var line = _python.StandardOutput.ReadLine() ?? throw new InvalidOperationException("unet_reference.py serve stopped");
        return double.Parse(line, CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _python.StandardInput.Close();
        _python.WaitForExit();
        _python.Dispose();
    }
}
