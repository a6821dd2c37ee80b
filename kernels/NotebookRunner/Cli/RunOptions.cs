using System.Globalization;

namespace Fleetbook.Notebooks.Cli;

/// <summary>The options of <c>fleetbook-notebook run</c>.</summary>
internal sealed record RunOptions(
    string Notebook,
    string? Output = null,
    string? Html = null,
    TimeSpan? CellTimeout = null,
    string? PlotlyJs = null,
    bool KeepGoing = false,
    bool Verbose = false,
    string? Kernel = null,
    IReadOnlyList<string>? NuGetSources = null,
    string? Events = null)
{
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    public const string Usage = """
        Usage: fleetbook-notebook run NOTEBOOK.ipynb [options]

        Runs every code cell of a .NET notebook (nbformat 4, as Polyglot Notebooks and Jupyter's .NET kernels write it)
        in the .NET Interactive kernel (dotnet-interactive stdio, the protocol VS Code speaks), in the notebook's folder,
        and writes the notebook with its outputs.

          --output PATH          the executed notebook (default: NOTEBOOK.executed.ipynb beside the input)
          --html PATH            also write the executed notebook as one HTML page
          --plotly-js PATH|URL   plotly.js for that page: a file is inlined, a URL loaded (default: the outputs load it)
          --timeout SECONDS      limit for each cell (default 600; 0 = none); past it the cell is cancelled and the run stops
          --keep-going           run the remaining cells after a cell fails
          --nuget-source FEED    a package source for #r "nuget: …" (a folder or a URL), added before the first cell
                                 without entering the notebook; may be repeated
          --kernel PATH          the dotnet-interactive command (default: the PATH, then ~/.dotnet/tools)
          --events PATH          also write the kernel's events as JSON lines, as the kernel sent them
          --verbose              print the kernel's start-up time and each cell's outcome and time

        Exit codes: 0 every code cell ran; 1 a cell failed (named on stderr); 2 bad usage, an unreadable notebook, or no
        kernel; 130 interrupted.
        """;

    /// <summary>Parses <c>run NOTEBOOK [options]</c>; the error names the offending argument.</summary>
    public static RunOptions Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || args[0] != "run")
        {
            error = args.Count == 0 ? "no command given." : $"unknown command '{args[0]}' (the only command is 'run').";
            return new RunOptions("");
        }

        var options = new RunOptions("", CellTimeout: DefaultCellTimeout);
        string? notebook = null;
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            string? Value()
            {
                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                return null;
            }

            switch (arg)
            {
                case "--output" or "-o":
                    options = options with { Output = Value() ?? Missing(arg, ref error) };
                    break;
                case "--html":
                    options = options with { Html = Value() ?? Missing(arg, ref error) };
                    break;
                case "--plotly-js":
                    options = options with { PlotlyJs = Value() ?? Missing(arg, ref error) };
                    break;
                case "--kernel":
                    options = options with { Kernel = Value() ?? Missing(arg, ref error) };
                    break;
                case "--events":
                    options = options with { Events = Value() ?? Missing(arg, ref error) };
                    break;
                case "--nuget-source":
                    options = options with { NuGetSources = [.. options.NuGetSources ?? [], Value() ?? Missing(arg, ref error)] };
                    break;
                case "--timeout":
                    var text = Value();
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || seconds < 0)
                    {
                        error ??= $"--timeout wants a number of seconds (0 = no limit), not '{text}'.";
                    }

                    options = options with { CellTimeout = seconds > 0 ? TimeSpan.FromSeconds(seconds) : null };
                    break;
                case "--keep-going":
                    options = options with { KeepGoing = true };
                    break;
                case "--verbose" or "-v":
                    options = options with { Verbose = true };
                    break;
                default:
                    if (arg.StartsWith('-') || notebook is not null)
                    {
                        error ??= arg.StartsWith('-') ? $"unknown option '{arg}'." : $"one notebook at a time ('{notebook}' and '{arg}' given).";
                    }

                    notebook ??= arg;
                    break;
            }
        }

        if (notebook is null)
        {
            error ??= "no notebook given.";
        }

        return options with { Notebook = notebook ?? "" };
    }

    /// <summary>Where the executed notebook goes: <c>--output</c>, else <c>NAME.executed.ipynb</c> beside the input.</summary>
    public string OutputPath => Output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(Notebook))!, Path.GetFileNameWithoutExtension(Notebook) + ".executed.ipynb");

    private static string Missing(string option, ref string? error)
    {
        error ??= $"{option} needs a value.";
        return "";
    }
}
