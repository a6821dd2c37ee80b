namespace Fleetbook.Backends.Local;

/// <summary>
/// The run-wide lock for changes to the local fleet: start, monitor's replenish and cleanup each read fleet.json,
/// start or stop workers and write fleet.json back while holding it, so two of them at once (two starts, two
/// monitors, a cleanup during a replenish) never number two workers alike or start workers fleet.json does not list.
/// It is an OS file lock on <c>fleet.lock</c>, so a holder that dies lets go of it.
/// </summary>
internal sealed class FleetChangeLock : IDisposable
{
    public const string FileName = "fleet.lock";

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(20);

    private readonly FileStream _file;

    private FleetChangeLock(FileStream file) => _file = file;

    /// <summary>Waits for the lock (another start, monitor or cleanup may hold it for a few seconds).</summary>
    public static async Task<FleetChangeLock> TakeAsync(string stateDirectory, TimeProvider time, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(stateDirectory);
        var path = Path.Combine(stateDirectory, FileName);
        var deadline = time.GetUtcNow() + Patience;
        while (true)
        {
            try
            {
                return new FleetChangeLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
            }
            catch (IOException) when (File.Exists(path) && time.GetUtcNow() < deadline)
            {
                await Task.Delay(Poll, time, cancellationToken);
            }
            catch (IOException ex) when (File.Exists(path))
            {
                throw new IOException(
                    $"{path} has been held for {Patience.TotalSeconds:0} s by another fleetbook start, monitor or cleanup of this run, so the workers were not changed. " +
                    "Wait for it to finish, or stop it, then try again.", ex);
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
