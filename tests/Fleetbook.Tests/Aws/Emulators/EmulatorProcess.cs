using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Emulators;

/// <summary>
/// A Node emulator started from one of the start scripts: it prints <c>{"port": N}</c> when it listens and exits when
/// its standard input closes, so it never outlives the test process.
/// </summary>
public sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _errors = new();

    private EmulatorProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Port = port;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Always loopback: fauxqs listens on 0.0.0.0, but nothing here talks to it on another address.</summary>
    public string Endpoint => $"http://127.0.0.1:{Port}";

    public int ProcessId => _process.Id;

    public static async Task<EmulatorProcess> StartAsync(string name, string node, IReadOnlyList<string> nodeOptions, string folder, string script, params string[] arguments)
    {
        var start = new ProcessStartInfo(node)
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("--no-warnings");
        foreach (var option in nodeOptions)
        {
            start.ArgumentList.Add(option);
        }

        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The emulators never see real credentials or the instance metadata service.
        start.Environment.Remove("AWS_ACCESS_KEY_ID");
        start.Environment.Remove("AWS_SECRET_ACCESS_KEY");
        start.Environment.Remove("AWS_SESSION_TOKEN");
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        var errors = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors)
                {
                    errors.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"{name} exited before it listened: {errors}");
                if (line.StartsWith('{') && JsonNode.Parse(line)?["port"]?.GetValue<int>() is { } port)
                {
                    var emulator = new EmulatorProcess(name, process, port);
                    _ = DrainAsync(process);
                    await emulator.WaitHealthyAsync(timeout.Token);
                    return emulator;
                }
            }
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            Kill(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static async Task DrainAsync(Process process)
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync() is not null)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or ObjectDisposedException)
        {
        }
    }

    /// <summary>Any HTTP answer means it is serving (fauxqs answers /health; s3rver lists buckets on /).</summary>
    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(Endpoint + "/health", cancellationToken);
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }
}
