using System.Diagnostics;
using System.Text;
using Fleetbook.Backends.Local;

namespace Fleetbook.Backends.Slurm;

/// <summary>One call of a Slurm program: sbatch, squeue, scancel, scontrol or sinfo, with what it reads on standard input and the environment it gets on top of the usual.</summary>
public sealed record SlurmCall(string Program, IReadOnlyList<string> Arguments)
{
    public string? StandardInput { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public SlurmCall WithStandardInput(string input) => this with { StandardInput = input };

    public SlurmCall WithEnvironment(IReadOnlyDictionary<string, string> environment) => this with { Environment = environment };

    public override string ToString() => string.Join(' ', [Program, .. Arguments]);
}

/// <summary>What a Slurm program printed, and how it exited.</summary>
public sealed record SlurmOutput(int ExitCode, string Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>The first line of the error output (Slurm's programs say what went wrong in one line: "sbatch: error: …").</summary>
    public string Problem => (Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault()
        ?? $"exit code {ExitCode}").Trim();
}

/// <summary>
/// Slurm's programs are not where this process can start them (not a login node, or Slurm's module is not loaded). An
/// IOException: front ends print its message, and monitor tries again at its next poll.
/// </summary>
public sealed class SlurmUnavailableException(string program, string reason)
    : IOException($"'{program}' could not be started ({reason}): this is not a Slurm login node, or Slurm's commands are not on PATH (on many clusters: 'module load slurm').")
{
    public string Program { get; } = program;
}

/// <summary>The seam between Fleetbook and Slurm's command-line programs; tests replace it with canned answers.</summary>
public interface ISlurmCommands
{
    Task<SlurmOutput> RunAsync(SlurmCall call, CancellationToken cancellationToken);
}

/// <summary>
/// Starts Slurm's programs as processes: the only place that does. Each gets the allow-listed environment of this
/// process (<see cref="InheritedEnvironment"/>), Slurm's own client settings (SLURM_CONF, and SBATCH_* defaults users
/// keep in their shell), and the call's environment; nothing else of the caller's.
/// </summary>
public sealed class ProcessSlurmCommands : ISlurmCommands
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public async Task<SlurmOutput> RunAsync(SlurmCall call, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(call.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in call.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Clear();
        foreach (var (name, value) in ClientEnvironment())
        {
            start.Environment[name] = value;
        }

        foreach (var (name, value) in call.Environment)
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmUnavailableException(call.Program, "it did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new SlurmUnavailableException(call.Program, ex.Message);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.StandardInput.WriteAsync(call.StandardInput ?? "");
            process.StandardInput.Close();
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Patience);
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                return new SlurmOutput(-1, "", $"{call.Program} did not answer within {Patience.TotalSeconds:0} s (is slurmctld reachable?)");
            }

            return new SlurmOutput(process.ExitCode, await output, await error);
        }
    }

    private static Dictionary<string, string> ClientEnvironment()
    {
        var environment = InheritedEnvironment.From();
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value
                && (name is "SLURM_CONF" || name.StartsWith("SBATCH_", StringComparison.Ordinal)) && !Display.Redaction.IsSensitiveName(name))
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
