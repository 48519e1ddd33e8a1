using Spectre.Console;

namespace ModelZooBridge.Cli;

/// <summary>
/// All of <c>mzb</c>'s output: results on stdout, messages and progress on stderr. Text from outside (paths,
/// file contents) is escaped before Spectre markup sees it. Progress bars run only when stderr is a terminal.
/// </summary>
public sealed class ConsoleUi
{
    /// <summary>Creates the UI over two consoles.</summary>
    /// <param name="output">stdout: results and JSON.</param>
    /// <param name="error">stderr: errors, warnings, progress.</param>
    /// <param name="interactive">True when stderr is a terminal, so live progress may be drawn.</param>
    public ConsoleUi(IAnsiConsole output, IAnsiConsole error, bool interactive)
    {
        Output = output;
        Error = error;
        Interactive = interactive;
    }

    /// <summary>The console of the running process.</summary>
    public static ConsoleUi ForProcess() => new(
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }),
        !Console.IsErrorRedirected);

    /// <summary>stdout.</summary>
    public IAnsiConsole Output { get; }

    /// <summary>stderr.</summary>
    public IAnsiConsole Error { get; }

    /// <summary>True when live progress may be drawn on stderr.</summary>
    public bool Interactive { get; }

    /// <summary>Writes plain text (no markup) to stdout.</summary>
    public void WriteLine(string text) => Output.Profile.Out.Writer.WriteLine(text);

    /// <summary>Writes a one-line error to stderr: <c>mzb: error: …</c>. Plain text, never wrapped, so macros can show it as is.</summary>
    public void WriteError(string message) => Error.Profile.Out.Writer.WriteLine($"mzb: error: {OneLine(message)}");

    /// <summary>Writes a one-line note to stderr, plain.</summary>
    public void WriteNote(string message) => Error.Profile.Out.Writer.WriteLine(OneLine(message));

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on stderr when interactive; otherwise runs it silently.
    /// The callback receives an <see cref="IProgress{T}"/> of completed units out of <paramref name="total"/>.
    /// </summary>
    public T WithProgress<T>(string description, long total, Func<IProgress<long>, T> work)
    {
        if (!Interactive || total <= 1) return work(new Progress<long>(_ => { }));
        return Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: total);
                return work(new SynchronousProgress(done => task.Value = done));
            });
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/> which posts to a context.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
