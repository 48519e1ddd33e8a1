using Spectre.Console;

namespace ModelZooBridge.Cli;

/// <summary>
/// All of <c>mzb</c>'s output: results on stdout, messages and progress on stderr. Plain lines go straight to
/// the writers; the Spectre consoles (markup, progress bars) are created only when first used, because a macro
/// starts the host once per image and their set-up costs start-up time. Text from outside (paths, file
/// contents) is escaped before Spectre markup sees it. Progress bars run only when stderr is a terminal.
/// </summary>
public sealed class ConsoleUi
{
    private readonly Lazy<IAnsiConsole> _output;
    private readonly Lazy<IAnsiConsole> _error;

    /// <summary>Creates the UI over two writers.</summary>
    /// <param name="output">stdout: results and JSON.</param>
    /// <param name="error">stderr: errors, warnings, progress.</param>
    /// <param name="interactive">True when stderr is a terminal, so live progress and colour may be drawn.</param>
    /// <param name="outputIsTerminal">True when stdout is a terminal, so results may be coloured.</param>
    public ConsoleUi(TextWriter output, TextWriter error, bool interactive, bool outputIsTerminal = false)
    {
        OutputWriter = output;
        ErrorWriter = error;
        Interactive = interactive;
        _output = new(() => CreateConsole(output, outputIsTerminal));
        _error = new(() => CreateConsole(error, interactive));
    }

    /// <summary>The console of the running process.</summary>
    public static ConsoleUi ForProcess() => new(Console.Out, Console.Error, !Console.IsErrorRedirected, !Console.IsOutputRedirected);

    /// <summary>stdout as a writer.</summary>
    public TextWriter OutputWriter { get; }

    /// <summary>stderr as a writer.</summary>
    public TextWriter ErrorWriter { get; }

    /// <summary>stdout for Spectre markup.</summary>
    public IAnsiConsole Output => _output.Value;

    /// <summary>stderr for Spectre markup and progress.</summary>
    public IAnsiConsole Error => _error.Value;

    /// <summary>True when live progress may be drawn on stderr.</summary>
    public bool Interactive { get; }

    /// <summary>Writes plain text (no markup) to stdout.</summary>
    public void WriteLine(string text) => OutputWriter.WriteLine(text);

    /// <summary>Writes a one-line error to stderr: <c>mzb: error: …</c>. Plain text, never wrapped, so macros can show it as is.</summary>
    public void WriteError(string message) => ErrorWriter.WriteLine($"mzb: error: {OneLine(message)}");

    /// <summary>Writes a one-line note to stderr, plain.</summary>
    public void WriteNote(string message) => ErrorWriter.WriteLine(OneLine(message));

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar on stderr when interactive; otherwise runs it silently.
    /// The callback receives an <see cref="IProgress{T}"/> of completed units out of <paramref name="total"/>.
    /// </summary>
    public T WithProgress<T>(string description, long total, Func<IProgress<long>, T> work)
    {
        if (!Interactive || total <= 1) return work(new SynchronousProgress(_ => { }));
        return Error.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(description), maxValue: total);
                return work(new SynchronousProgress(done => task.Value = done));
            });
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool terminal)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = terminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Redirected output (a macro, a pipe) must not be wrapped at an assumed 80 columns.
        if (!terminal) console.Profile.Width = 1 << 16;
        return console;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>Reports on the calling thread, unlike <see cref="Progress{T}"/> which posts to a context.</summary>
    private sealed class SynchronousProgress(Action<long> report) : IProgress<long>
    {
        public void Report(long value) => report(value);
    }
}
