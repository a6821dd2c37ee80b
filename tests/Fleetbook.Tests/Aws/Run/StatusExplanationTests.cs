using Fleetbook.Fleet;
using Fleetbook.Steps;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>Status explains a stuck AWS run in words (issue: waiting for capacity, machines up but not in the cluster, nothing placed), with the cost.</summary>
public sealed class StatusExplanationTests
{
    private static RunStatus Waiting(FleetStatus fleet, RunCost? cost = null) =>
        new(DateTimeOffset.UnixEpoch, true, Visible: 40, InFlight: 0, DeadLetter: 0, Succeeded: 0, Failed: 0, fleet, "") { Cost = cost };

    [Fact]
    public void No_machine_running_yet_is_waiting_for_capacity()
    {
        var text = StatusExplanation.Explain(Waiting(new FleetStatus(4, 0, "") { Machines = new FleetMachines(2, 0, 0) }));

        Assert.StartsWith("Waiting for capacity: 0 of 2 machines running", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Machines_up_but_not_registered_points_at_the_instance_profile_and_the_AMI()
    {
        var text = StatusExplanation.Explain(Waiting(new FleetStatus(4, 0, "") { Machines = new FleetMachines(2, 2, 0) }));

        Assert.Contains("none has joined the ECS cluster", text, StringComparison.Ordinal);
        Assert.Contains("ecsInstanceRole", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Machines_in_the_cluster_without_tasks_points_at_fit_and_image()
    {
        var text = StatusExplanation.Explain(Waiting(new FleetStatus(4, 0, "") { Machines = new FleetMachines(2, 2, 2) }));

        Assert.Contains("no task runs yet", text, StringComparison.Ordinal);
        Assert.Contains("image", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_running_run_says_what_it_cost_so_far_and_to_completion()
    {
        var status = Waiting(new FleetStatus(4, 4, "") { Machines = new FleetMachines(2, 2, 2) }, new RunCost(1.234m, 5.5m, "test")) with { InFlight = 8 };

        var text = StatusExplanation.Explain(status);

        Assert.StartsWith("Running: 8 in flight", text, StringComparison.Ordinal);
        Assert.EndsWith("Cost so far $1.23, about $5.50 more to finish.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Locally_there_is_no_cost_sentence()
    {
        var text = StatusExplanation.Explain(Waiting(new FleetStatus(2, 2, "")) with { InFlight = 2 });

        Assert.DoesNotContain("Cost", text, StringComparison.Ordinal);
    }
}
