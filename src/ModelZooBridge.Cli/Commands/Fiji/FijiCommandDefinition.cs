using System.CommandLine;

namespace ModelZooBridge.Cli.Commands.Fiji;

/// <summary><c>mzb fiji install --fiji PATH [--uninstall]</c>: put the ModelZooBridge macros into Fiji's Plugins menu.</summary>
public static class FijiCommandDefinition
{
    /// <summary>The Fiji.app (or ImageJ) folder.</summary>
    public static readonly Option<string> Fiji = new("--fiji")
    {
        Description = "The Fiji.app (or ImageJ) folder: the one holding plugins/",
        Required = true,
    };

    /// <summary>Remove instead of install.</summary>
    public static readonly Option<bool> Uninstall = new("--uninstall") { Description = "Remove exactly the files an earlier install wrote" };

    /// <summary>The host the macros should run.</summary>
    public static readonly Option<string?> Host = new("--host")
    {
        Description = "The mzb executable the macros run (default: this one)",
    };

    /// <summary>Builds <c>fiji</c> with its <c>install</c> subcommand.</summary>
    public static Command Create(ConsoleUi ui)
    {
        var install = new Command("install",
            "Install the Predict, Validate, Train and Evaluate macros into FIJI/plugins/ModelZooBridge (Plugins › ModelZooBridge) " +
            "and record where this host is; --uninstall removes them again.")
        {
            Fiji, Uninstall, Host,
        };
        install.SetAction(parse => FijiCommand.Execute(parse, ui));
        return new Command("fiji", "Fiji integration") { install };
    }
}
