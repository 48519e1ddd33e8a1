using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Fiji;

/// <summary>Runs <c>mzb fiji install</c>.</summary>
public static class FijiCommand
{
    /// <summary>Installs or uninstalls the macros and lists the files touched.</summary>
    public static int Execute(ParseResult parse, ConsoleUi ui)
    {
        var fiji = Path.GetFullPath(parse.GetValue(FijiCommandDefinition.Fiji)!);
        if (parse.GetValue(FijiCommandDefinition.Uninstall))
        {
            foreach (var file in FijiInstaller.Uninstall(fiji)) ui.WriteLine($"removed {file}");
            return ExitCodes.Success;
        }
        var host = parse.GetValue(FijiCommandDefinition.Host) is { } given ? Path.GetFullPath(given) : Environment.ProcessPath;
        if (host is null || !File.Exists(host))
        {
            ui.WriteError($"{host ?? "mzb"}: the host executable was not found; pass --host PATH");
            return ExitCodes.UsageOrInput;
        }
        foreach (var file in FijiInstaller.Install(fiji, host)) ui.WriteLine($"installed {file}");
        ui.WriteLine($"the macros run {host}; restart Fiji, then find them under Plugins › {FijiInstaller.FolderName}");
        return ExitCodes.Success;
    }
}
