namespace Fleetbook.Notebooks.Kernel;

/// <summary>The kernel process did not get ready: it exited, or it said nothing usable in time.</summary>
internal sealed class KernelStartException(string message) : Exception(message);
