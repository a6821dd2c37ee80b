using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Inputs;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Aws.Services;
using Fleetbook.Tests.Support;
using static Fleetbook.Tests.Aws.Capacity.CapacityTestKit;

namespace Fleetbook.Tests.Aws.Capacity;

/// <summary>Spot Fleet and EC2 Fleet launches against the fake AWS server: every request held to the official models.</summary>
public sealed class FleetLaunchTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [AwsModelTheory]
    [InlineData(FleetMode.SpotFleet)]
    [InlineData(FleetMode.Ec2Fleet)]
    public async Task The_example_fleet_file_brings_up_tagged_machines_that_join_the_cluster(FleetMode mode)
    {
        await using var server = StartServer();
        using var connection = Connect(server);
        await CreateClusterAsync(connection);
        var capacity = Launcher(mode, connection);

        var launched = await capacity.LaunchAsync(Request(Config(mode, machines: 2)), CancellationToken.None);
        var outcome = await WaitAsync(capacity, launched);

        Assert.True(outcome.Complete, outcome.Summary);
        Assert.False(outcome.TimedOut);
        Assert.StartsWith("2 of 2 machines running after ", outcome.Summary, StringComparison.Ordinal);
        Assert.Equal(2, outcome.Snapshot.Target);
        Assert.All(outcome.Snapshot.Machines, m => Assert.Equal("m5.xlarge", m.InstanceType));
        Assert.All(outcome.Snapshot.Machines, m => Assert.StartsWith("us-east-1", m.AvailabilityZone, StringComparison.Ordinal));
        Assert.Equal(["m5.xlarge"], launched.InstanceTypes);
        Assert.Equal(FleetFileName, launched.FleetFile);
        await server.WaitUntilAsync(() => server.Ec2Instances().Count(i => i.EcsCluster == Cluster) == 2, Patience, "2 machines in the cluster");
        Assert.All(server.Ec2Instances(), i => Assert.Equal(App, i.Tags["fleetbook:run"]));
        Assert.All(Ec2Left(server), r => Assert.Equal(App, r.Tags.GetValueOrDefault("fleetbook:run")));
        server.AssertNoViolations();

        await capacity.RemoveAsync(launched, CancellationToken.None);
        await server.WaitUntilAsync(() => Ec2Left(server).Count == 0, Patience, "nothing of the fleet left");
    }

    [AwsModelFact]
    public async Task The_launch_template_asks_for_IMDSv2_with_a_hop_limit_of_two()
    {
        await using var server = StartServer();
        using var connection = Connect(server);
        var capacity = Launcher(FleetMode.Ec2Fleet, connection);

        var launched = await capacity.LaunchAsync(Request(Config(FleetMode.Ec2Fleet, machines: 1)), CancellationToken.None);

        var input = Assert.Single(server.CallsTo("CreateLaunchTemplate")).Input;
        var options = input["LaunchTemplateData"]!["MetadataOptions"]!;
        Assert.Equal("required", options["HttpTokens"]!.GetValue<string>());
        Assert.Equal("2", options["HttpPutResponseHopLimit"]!.ToString());
        Assert.Equal($"{App}LaunchTemplate", input["LaunchTemplateName"]!.GetValue<string>());
        Assert.Equal(App, Assert.Single(server.Inventory(), r => r.Kind == "launch-template").Tags["fleetbook:run"]);
        server.AssertNoViolations();
        await capacity.RemoveAsync(launched, CancellationToken.None);
    }

    [AwsModelTheory]
    [InlineData(FleetMode.SpotFleet)]
    [InlineData(FleetMode.Ec2Fleet)]
    public async Task A_missing_AMI_cancels_the_fleet_and_names_the_problem_and_the_fix(FleetMode mode)
    {
        await using var server = StartServer();
        using var connection = Connect(server);
        var capacity = Launcher(mode, connection);
        var launched = await capacity.LaunchAsync(Request(Config(mode), ExampleFleet("ami-0000000000badbad0")), CancellationToken.None);

        var exception = await Assert.ThrowsAsync<InputException>(() => WaitAsync(capacity, launched));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal(FleetFileName, problem.File);
        Assert.Contains("ami-0000000000badbad0", problem.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
        Assert.Contains("cancelled the fleet", problem.Message, StringComparison.Ordinal);
        Assert.Contains("ImageId", problem.Where, StringComparison.Ordinal);
        Assert.Contains("ECS-optimized AMI", problem.Fix, StringComparison.Ordinal);
        Assert.DoesNotContain("subnet", problem.Fix, StringComparison.OrdinalIgnoreCase);
        await server.WaitUntilAsync(() => Ec2Left(server).Count == 0, Patience, "nothing of the fleet left");
        server.AssertNoViolations();
    }

    [AwsModelTheory]
    [InlineData(FleetMode.SpotFleet)]
    [InlineData(FleetMode.Ec2Fleet)]
    public async Task When_EC2_runs_out_of_spot_capacity_start_reports_the_machines_it_got(FleetMode mode)
    {
        await using var server = StartServer();
        server.SpotCapacityLimit = 1;
        using var connection = Connect(server);
        var capacity = Launcher(mode, connection);
        var launched = await capacity.LaunchAsync(Request(Config(mode, machines: 3)), CancellationToken.None);

        var outcome = await WaitAsync(capacity, launched);

        Assert.False(outcome.Complete);
        Assert.False(outcome.TimedOut);
        Assert.Equal(1, outcome.Snapshot.Running);
        Assert.False(outcome.Snapshot.Unusable);
        Assert.Contains("1 of 3 machines running", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains("insufficient spot capacity for m5.xlarge", outcome.Summary, StringComparison.Ordinal);
        Assert.Contains(outcome.Snapshot.Errors, e => e.StartsWith("allLaunchSpecsTemporarilyBlacklisted", StringComparison.Ordinal));
        Assert.NotEmpty(Ec2Left(server));
        server.AssertNoViolations();

        await capacity.RemoveAsync(launched, CancellationToken.None);
        await server.WaitUntilAsync(() => Ec2Left(server).Count == 0, Patience, "nothing of the fleet left");
    }

    [AwsModelTheory]
    [InlineData(FleetMode.SpotFleet)]
    [InlineData(FleetMode.Ec2Fleet)]
    public async Task Lowering_the_target_keeps_every_running_machine(FleetMode mode)
    {
        await using var server = StartServer();
        server.PageSizeLimit = 1;
        using var connection = Connect(server);
        var capacity = Launcher(mode, connection);
        var launched = await capacity.LaunchAsync(Request(Config(mode, machines: 3)), CancellationToken.None);
        Assert.True((await WaitAsync(capacity, launched)).Complete);

        await capacity.SetTargetAsync(launched, 1, CancellationToken.None);
        await Task.Delay(server.ReconcileInterval * 3);
        var snapshot = await capacity.DescribeAsync(launched, CancellationToken.None);

        Assert.Equal(1, snapshot.Target);
        Assert.Equal(3, snapshot.Running);
        Assert.Equal(3, server.Ec2Instances().Count(i => i.State == "running"));
        server.AssertNoViolations();
        await capacity.RemoveAsync(launched, CancellationToken.None);
    }

    [AwsModelTheory]
    [InlineData(FleetMode.SpotFleet, 1)]
    [InlineData(FleetMode.Ec2Fleet, 2)]
    public async Task Removing_leaves_nothing_and_can_be_repeated(FleetMode mode, int actions)
    {
        await using var server = StartServer();
        using var connection = Connect(server);
        var capacity = Launcher(mode, connection);
        var launched = await capacity.LaunchAsync(Request(Config(mode, machines: 2)), CancellationToken.None);
        Assert.True((await WaitAsync(capacity, launched)).Complete);

        var first = await capacity.RemoveAsync(launched, CancellationToken.None);
        await server.WaitUntilAsync(() => Ec2Left(server).Count == 0, Patience, "nothing of the fleet left");
        var second = await capacity.RemoveAsync(launched, CancellationToken.None);

        Assert.Equal(actions, first.Count);
        Assert.Equal(actions, second.Count);
        Assert.All(first, s => Assert.DoesNotContain("already", s, StringComparison.Ordinal));
        Assert.All(second, s => Assert.Contains("already", s, StringComparison.Ordinal));
        Assert.Empty(server.ResourcesLeft());
        Assert.True(CapacityStates.IsEnded((await capacity.DescribeAsync(launched, CancellationToken.None)).State));
        server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_launch_template_left_by_a_crashed_start_is_replaced()
    {
        await using var server = StartServer();
        using var connection = Connect(server);
        var capacity = Launcher(FleetMode.Ec2Fleet, connection);
        var crashed = await capacity.LaunchAsync(Request(Config(FleetMode.Ec2Fleet, machines: 1)), CancellationToken.None);
        await capacity.RemoveAsync(crashed with { LaunchTemplateId = null }, CancellationToken.None);

        var launched = await capacity.LaunchAsync(Request(Config(FleetMode.Ec2Fleet, machines: 1)), CancellationToken.None);

        Assert.NotEqual(crashed.LaunchTemplateId, launched.LaunchTemplateId);
        Assert.Equal(launched.LaunchTemplateId, Assert.Single(server.Inventory(), r => r.Kind == "launch-template").Id);
        await capacity.RemoveAsync(launched, CancellationToken.None);
        await server.WaitUntilAsync(() => Ec2Left(server).Count == 0, Patience, "nothing of the fleet left");
        server.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Machines_slower_than_the_limit_give_a_timed_out_outcome_not_an_error()
    {
        await using var server = StartServer();
        server.InstanceStartDelay = TimeSpan.FromMinutes(5);
        using var connection = Connect(server);
        var capacity = Launcher(FleetMode.SpotFleet, connection);
        var launched = await capacity.LaunchAsync(Request(Config(machines: 2)), CancellationToken.None);

        var outcome = await WaitAsync(capacity, launched, TimeSpan.FromMilliseconds(500));

        Assert.True(outcome.TimedOut);
        Assert.False(outcome.Complete);
        Assert.Equal("0 of 2 machines running after 0 s; EC2 reported no error; the fleet keeps asking for 2.", outcome.Summary);
        await capacity.RemoveAsync(launched, CancellationToken.None);
    }

    [AwsModelFact]
    public async Task The_example_with_its_account_placeholder_still_in_is_refused_with_the_fix()
    {
        await using var server = StartServer();
        using var connection = Connect(server);
        var capacity = Launcher(FleetMode.SpotFleet, connection);
        var verbatim = ExampleFleetJson().Replace("arn:aws:iam::123456789012:role", "arn:aws:iam::XXXXXXXXXXXXX:role", StringComparison.Ordinal);

        var exception = await Assert.ThrowsAsync<InputException>(() => capacity.LaunchAsync(Request(Config(), FleetFile.Parse(verbatim, FleetFileName)), CancellationToken.None));

        var problem = Assert.Single(exception.Problems);
        Assert.Equal(FleetFileName, problem.File);
        Assert.Contains("IamFleetRole", problem.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was launched", problem.Message, StringComparison.Ordinal);
        Assert.Contains("role ARN", problem.Fix, StringComparison.Ordinal);
        Assert.Empty(Ec2Left(server));
    }
}
