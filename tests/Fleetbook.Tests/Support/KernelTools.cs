using System.Diagnostics;

namespace Fleetbook.Tests.Support;

/// <summary>
/// The real notebook hosts the kernel tests run, found as a user's machine has them: the .NET Interactive kernel and
/// dotnet-repl (dotnet global tools: the PATH, then ~/.dotnet/tools) and Debian's Jupyter (/usr/bin/jupyter with
/// nbconvert, nbclient, jupyter_client and ipykernel importable by /usr/bin/python3). Each Missing… property says what
/// is missing and how to install it, or is null.
/// </summary>
public static class KernelTools
{
    public const string InteractiveInstall = "dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001";
    public const string ReplInstall = "dotnet tool install -g dotnet-repl --version 0.3.259";
    public const string JupyterInstall = "apt-get install -y jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel";
    public const string Jupyter = "/usr/bin/jupyter";
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> JupyterProblem = new(FindJupyterProblem);

    /// <summary>The <c>dotnet-interactive</c> command, or null.</summary>
    public static string? Interactive { get; } = FindTool("dotnet-interactive");

    /// <summary>The <c>dotnet-repl</c> command, or null.</summary>
    public static string? Repl { get; } = FindTool("dotnet-repl");

    public static string? MissingInteractive => Interactive is null
        ? $"the .NET Interactive kernel (dotnet-interactive) is neither on the PATH nor in ~/.dotnet/tools: install it with '{InteractiveInstall}'."
        : null;

    public static string? MissingRepl => Repl is null
        ? $"dotnet-repl is neither on the PATH nor in ~/.dotnet/tools: install it with '{ReplInstall}'."
        : null;

    public static string? MissingJupyter => JupyterProblem.Value;

    private static string? FindTool(string name)
    {
        var home = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") is { Length: > 0 } cliHome ? cliHome : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append(Path.Combine(home, ".dotnet", "tools"))
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }

    private static string? FindJupyterProblem()
    {
        if (!File.Exists(Jupyter) || !File.Exists(Python))
        {
            return $"Jupyter is missing ({Jupyter} or {Python} does not exist): install it with '{JupyterInstall}'.";
        }

        var start = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", "import nbconvert, nbclient, jupyter_client, ipykernel" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            return $"{Python} did not answer within 60 s whether it has nbconvert, nbclient, jupyter_client and ipykernel.";
        }

        var last = error.Result.Trim().Split('\n').LastOrDefault() ?? "";
        return process.ExitCode == 0 ? null : $"{Python} cannot import what nbconvert needs ({last}): install it with '{JupyterInstall}'.";
    }
}
