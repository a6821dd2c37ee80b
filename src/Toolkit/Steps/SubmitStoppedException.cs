using Fleetbook.Inputs;

namespace Fleetbook.Steps;

/// <summary>
/// A submit that stopped part-way through sending: <see cref="Sent"/> jobs, from the start of the file, are in the queue
/// and the rest are not. <see cref="Exception.InnerException"/> is what stopped it.
/// </summary>
public sealed class SubmitStoppedException : InvalidOperationException
{
    public SubmitStoppedException(string jobFile, int sent, int jobs, Exception cause)
        : base($"submit of {jobFile} stopped after sending {sent:N0} of {jobs:N0} jobs: {Describe(cause)} Those {sent:N0} jobs, from the start of the file, are in the queue and will run (check with 'fleetbook status'); the other {jobs - sent:N0} were not sent.", cause)
    {
        JobFile = jobFile;
        Sent = sent;
        Jobs = jobs;
    }

    public string JobFile { get; }

    /// <summary>How many jobs, from the start of the file, were sent before it stopped.</summary>
    public int Sent { get; }

    public int Jobs { get; }

    private static string Describe(Exception cause)
    {
        var text = cause is InputException input ? string.Join(" ", input.Problems.Select(p => p.Message)) : cause.Message;
        return text.TrimEnd().EndsWith('.') ? text.TrimEnd() : text.TrimEnd() + ".";
    }
}
