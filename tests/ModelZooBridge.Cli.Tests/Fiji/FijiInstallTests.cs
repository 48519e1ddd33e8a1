using ModelZooBridge.Cli.Commands.Fiji;

namespace ModelZooBridge.Tests.Fiji;

/// <summary><c>mzb fiji install</c> into a minimal Fiji layout: what it writes, what it refuses, and that uninstall removes only its own files.</summary>
[Trait("Area", "Fiji")]
public sealed class FijiInstallTests : IDisposable
{
    private readonly string _folder = CliRunner.NewTempFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Installs_the_embedded_macros_and_the_host_path_and_uninstall_removes_exactly_them()
    {
        var fiji = FijiLayout.Create(_folder);
        var host = FijiLayout.Host;
        var target = Path.Combine(fiji, "plugins", "ModelZooBridge");

        var install = CliRunner.Run("fiji", "install", "--fiji", fiji, "--host", host);

        Assert.True(install.ExitCode == 0, install.Stderr);
        string[] macros = ["MZB_Evaluate.ijm", "MZB_Predict.ijm", "MZB_Train.ijm", "MZB_Validate.ijm", "mzb-host.txt"];
        Assert.Equal([.. macros, "mzb-installed.txt", "mzb.properties"], Directory.GetFiles(target).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var macro in macros)
            Assert.Equal(File.ReadAllText(RepositoryPaths.Of("fiji-macros", macro)), File.ReadAllText(Path.Combine(target, macro)));
        Assert.Contains($"\nhost={host}\n", File.ReadAllText(Path.Combine(target, "mzb.properties")));

        File.WriteAllText(Path.Combine(target, "My_Own.ijm"), "print(1);");
        var uninstall = CliRunner.Run("fiji", "install", "--fiji", fiji, "--uninstall");

        Assert.True(uninstall.ExitCode == 0, uninstall.Stderr);
        Assert.Equal(["My_Own.ijm"], Directory.GetFiles(target).Select(Path.GetFileName));
        File.Delete(Path.Combine(target, "My_Own.ijm"));
        CliRunner.Run("fiji", "install", "--fiji", fiji, "--host", host);
        CliRunner.Run("fiji", "install", "--fiji", fiji, "--uninstall");
        Assert.False(Directory.Exists(target));
    }

    [Fact]
    public void A_folder_that_is_not_Fiji_is_refused_and_uninstall_needs_an_install()
    {
        var plain = Directory.CreateDirectory(Path.Combine(_folder, "not-fiji", "plugins")).Parent!.FullName;

        var refused = CliRunner.Run("fiji", "install", "--fiji", plain, "--host", FijiLayout.Host);
        var nothing = CliRunner.Run("fiji", "install", "--fiji", FijiLayout.Create(_folder), "--uninstall");

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal($"mzb: error: {plain}: not a Fiji or ImageJ folder (expected plugins/ beside ij.jar or jars/ij-*.jar)", refused.Stderr.Trim());
        Assert.False(Directory.Exists(Path.Combine(plain, "plugins", FijiInstaller.FolderName)));
        Assert.Equal(2, nothing.ExitCode);
        Assert.Contains("no ModelZooBridge install found", nothing.Stderr);
    }
}
