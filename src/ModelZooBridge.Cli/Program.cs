using ModelZooBridge.Cli;

return MzbApp.Run(args, ConsoleUi.ForProcess());
