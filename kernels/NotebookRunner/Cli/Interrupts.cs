using System.Runtime.InteropServices;

namespace Fleetbook.Notebooks.Cli;

/// <summary>Ctrl+C and termination signals as a cancellation, so the run can stop its kernel and write what it has.</summary>
internal sealed class Interrupts : IDisposable
{
    private readonly CancellationTokenSource _interrupted = new();
    private readonly List<PosixSignalRegistration> _registrations = [];

    public Interrupts()
    {
        foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT })
        {
            try
            {
                _registrations.Add(PosixSignalRegistration.Create(signal, context =>
                {
                    context.Cancel = true;
                    _interrupted.Cancel();
                }));
            }
            catch (PlatformNotSupportedException)
            {
                // Not every signal exists everywhere (SIGTERM on Windows); the others still count.
            }
        }
    }

    public CancellationToken Token => _interrupted.Token;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _interrupted.Dispose();
    }
}
