using Fleetbook.Backends.Slurm;

namespace Fleetbook.Tests.Slurm;

/// <summary>Slurm's commands answered from canned output, keyed by program and first arguments; every call is kept.</summary>
internal sealed class FakeSlurm : ISlurmCommands
{
    private readonly List<(Func<SlurmCall, bool> Matches, Func<SlurmCall, SlurmOutput> Answer)> _answers = [];

    public List<SlurmCall> Calls { get; } = [];

    public FakeSlurm Answer(string program, string containing, string output, int exitCode = 0, string error = "") =>
        Answer(call => call.Program == program && call.ToString().Contains(containing, StringComparison.Ordinal), _ => new SlurmOutput(exitCode, output, error));

    public FakeSlurm Answer(Func<SlurmCall, bool> matches, Func<SlurmCall, SlurmOutput> answer)
    {
        _answers.Insert(0, (matches, answer));
        return this;
    }

    public Task<SlurmOutput> RunAsync(SlurmCall call, CancellationToken cancellationToken)
    {
        Calls.Add(call);
        var answer = _answers.FirstOrDefault(a => a.Matches(call)).Answer
            ?? throw new InvalidOperationException($"FakeSlurm has no answer for: {call}");
        return Task.FromResult(answer(call));
    }

    /// <summary>A cluster with one partition and its nodes, as scontrol shows them.</summary>
    public static FakeSlurm Cluster(string partition = "PartitionName=batch AllowGroups=ALL AllowAccounts=ALL AllowQos=ALL Default=YES DefaultTime=NONE MaxTime=2-00:00:00 MaxCPUsPerNode=UNLIMITED MaxMemPerNode=UNLIMITED Nodes=n[01-02] State=UP TotalCPUs=16",
        params string[] nodes)
    {
        nodes = nodes.Length > 0 ? nodes :
        [
            "NodeName=n01 Arch=x86_64 CPUTot=8 NodeHostName=n01 RealMemory=32000 State=IDLE Partitions=batch Reason=",
            "NodeName=n02 Arch=x86_64 CPUTot=8 NodeHostName=n02 RealMemory=64000 State=MIXED Partitions=batch",
        ];
        return new FakeSlurm()
            .Answer("scontrol", "show partition", partition + "\n")
            .Answer("scontrol", "show node", string.Join('\n', nodes) + "\n")
            .Answer("scontrol", "show config", "ClusterName             = hpc\nSLURM_VERSION           = 22.05.8\nMaxArraySize            = 1001\nKillWait                = 30 sec\n");
    }
}
