using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Cost;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Tests.Aws.Connection;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Aws.Preflight;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Cost;

/// <summary>What a run costs: machine-hours at the fake's spot prices (m5.xlarge: $0.07), Fargate Spot at the table's.</summary>
public sealed class CostEstimatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [AwsModelFact]
    public async Task Machine_hours_times_the_zones_spot_price_give_the_cost_so_far()
    {
        await using var aws = FakeAwsServer.Start();
        using var connection = FakeEc2Connection.For(aws);
        var estimator = new CostEstimator(new Ec2Client(connection), new ManualTimeProvider(Now));
        var inputs = new CostInputs("us-east-1").WithMachines(
        [
            new MachineUsage("m5.xlarge", "us-east-1a", Now.AddHours(-3), null),
            new MachineUsage("m5.xlarge", "us-east-1a", Now.AddHours(-4), Now.AddHours(-1)),
        ]);

        var cost = await estimator.EstimateAsync(inputs, CancellationToken.None);

        Assert.Equal(0.42m, cost.SoFar);
        Assert.Null(cost.ToCompletion);
        Assert.Equal("6 m5.xlarge machine-hours × $0.07 spot (us-east-1a, 2025-03-04).", cost.Basis);
        Assert.Single(aws.CallsTo("DescribeSpotPriceHistory"));
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_machine_of_unknown_zone_is_priced_at_the_dearest_zone_and_each_type_at_its_own_price()
    {
        await using var aws = FakeAwsServer.Start();
        using var connection = FakeEc2Connection.For(aws);
        var estimator = new CostEstimator(new Ec2Client(connection), new ManualTimeProvider(Now));
        var inputs = new CostInputs("us-east-1").WithMachines(
        [
            new MachineUsage("c5.xlarge", null, Now.AddMinutes(-30), null),
            new MachineUsage("r5.large", "us-east-1b", Now.AddHours(-2), null),
        ]);

        var cost = await estimator.EstimateAsync(inputs, CancellationToken.None);

        Assert.Equal((0.5m * 0.064m) + (2 * 0.045m), cost.SoFar);
        Assert.Equal("0.5 c5.xlarge machine-hours × $0.064 spot (the highest of us-east-1a, us-east-1b, us-east-1c, 2025-03-04) + 2 r5.large machine-hours × $0.045 spot (us-east-1b, 2025-03-04).", cost.Basis);
        Assert.Single(aws.CallsTo("DescribeSpotPriceHistory"));
    }

    [AwsModelFact]
    public async Task To_completion_is_what_runs_now_for_the_remaining_time()
    {
        await using var aws = FakeAwsServer.Start();
        using var connection = FakeEc2Connection.For(aws);
        var estimator = new CostEstimator(new Ec2Client(connection), new ManualTimeProvider(Now));
        var inputs = new CostInputs("us-east-1")
            .WithMachines(
            [
                new MachineUsage("m5.xlarge", "us-east-1a", Now.AddHours(-1), null),
                new MachineUsage("m5.xlarge", "us-east-1a", Now.AddHours(-1), null),
                new MachineUsage("m5.xlarge", "us-east-1a", Now.AddHours(-2), Now.AddHours(-1)),
            ])
            .WithRemaining(TimeSpan.FromMinutes(90));

        var cost = await estimator.EstimateAsync(inputs, CancellationToken.None);

        Assert.Equal(0.21m, cost.SoFar);
        Assert.Equal(0.21m, cost.ToCompletion);
        Assert.EndsWith("; to completion, 1.5 more hours at $0.14 an hour.", cost.Basis, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task The_spot_price_is_asked_again_only_after_an_hour_or_for_a_new_type()
    {
        await using var aws = FakeAwsServer.Start();
        using var connection = FakeEc2Connection.For(aws);
        var time = new ManualTimeProvider(Now);
        var estimator = new CostEstimator(new Ec2Client(connection), time);
        var m5 = new CostInputs("us-east-1").WithMachines([new MachineUsage("m5.xlarge", "us-east-1a", Now, null)]);

        await estimator.EstimateAsync(m5, CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(59));
        var later = await estimator.EstimateAsync(m5, CancellationToken.None);
        Assert.Single(aws.CallsTo("DescribeSpotPriceHistory"));
        Assert.Equal(Math.Round(59m / 60 * 0.07m, 4), later.SoFar);

        await estimator.EstimateAsync(m5 with { Machines = [.. m5.Machines, new MachineUsage("c5.xlarge", "us-east-1a", Now, null)] }, CancellationToken.None);
        Assert.Equal(2, aws.CallsTo("DescribeSpotPriceHistory").Count);

        time.Advance(TimeSpan.FromMinutes(1));
        await estimator.EstimateAsync(m5, CancellationToken.None);
        Assert.Equal(3, aws.CallsTo("DescribeSpotPriceHistory").Count);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_type_without_a_spot_price_is_priced_at_the_stated_fallback()
    {
        await using var aws = FakeAwsServer.Start();
        using var connection = FakeEc2Connection.For(aws);
        var estimator = new CostEstimator(new Ec2Client(connection), new ManualTimeProvider(Now));
        var inputs = new CostInputs("us-east-1").WithMachines([new MachineUsage("m7i.xlarge", "us-east-1a", Now.AddHours(-2), null)]).WithFallbackHourlyPrice(0.25m);

        var cost = await estimator.EstimateAsync(inputs, CancellationToken.None);

        Assert.Equal(0.5m, cost.SoFar);
        Assert.Equal("2 m7i.xlarge machine-hours × $0.25 (MACHINE_PRICE, as EC2 gave no spot price).", cost.Basis);
        aws.AssertNoViolations();
    }

    [Fact]
    public async Task When_EC2_does_not_answer_the_fallback_price_is_used_and_the_failure_named()
    {
        using var connection = new AwsConnection(new AwsConnectionOptions
        {
            Region = "us-east-1",
            Credentials = new Amazon.Runtime.BasicAWSCredentials(ConnectionTestKit.AccessKey, ConnectionTestKit.SecretKey),
            Endpoints = new Dictionary<string, Uri> { ["EC2"] = new($"http://127.0.0.1:{ClosedPort()}") },
            Environment = _ => null,
            MaxAttempts = 1,
            ConnectTimeout = TimeSpan.FromSeconds(2),
        });
        var estimator = new CostEstimator(new Ec2Client(connection), new ManualTimeProvider(Now));

        var cost = await estimator.EstimateAsync(new CostInputs("us-east-1").WithMachines([new MachineUsage("m5.xlarge", null, Now.AddHours(-1), null)]), CancellationToken.None);

        Assert.Equal(CostInputs.DefaultFallbackHourlyPrice, cost.SoFar);
        Assert.Contains("(MACHINE_PRICE, as the spot price look-up failed with", cost.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fargate_Spot_tasks_cost_vCPU_hours_and_GB_hours_at_the_regions_list_prices_without_asking_EC2()
    {
        var invoker = new Fleetbook.Tests.Aws.Services.RecordingAwsInvoker();
        var estimator = new CostEstimator(new Ec2Client(invoker), new ManualTimeProvider(Now));
        var inputs = new CostInputs("us-east-1")
            .WithFargateTasks(
            [
                new FargateUsage(2, 4, Now.AddHours(-2), null),
                new FargateUsage(2, 4, Now.AddHours(-3), Now.AddHours(-1)),
            ])
            .WithRemaining(TimeSpan.FromHours(1));

        var cost = await estimator.EstimateAsync(inputs, CancellationToken.None);

        // 8 vCPU-hours × $0.01246518 + 16 GB-hours × $0.00136895 = $0.12162464; one task for one more hour = $0.03040616.
        Assert.Equal(0.1216m, cost.SoFar);
        Assert.Equal(0.0304m, cost.ToCompletion);
        Assert.StartsWith("8 Fargate Spot vCPU-hours × $0.01246518 + 16 GB-hours × $0.00136895 (us-east-1 list prices as of 2023)", cost.Basis, StringComparison.Ordinal);
        Assert.Empty(invoker.Calls);
    }

    [Fact]
    public async Task A_region_missing_from_the_Fargate_table_uses_us_east_1_and_says_so()
    {
        var estimator = new CostEstimator(new Ec2Client(new Fleetbook.Tests.Aws.Services.RecordingAwsInvoker()), new ManualTimeProvider(Now));

        var cost = await estimator.EstimateAsync(new CostInputs("ap-south-2").WithFargateTasks([new FargateUsage(1, 2, Now.AddHours(-1), null)]), CancellationToken.None);

        Assert.Equal(Math.Round(0.01246518m + (2 * 0.00136895m), 4), cost.SoFar);
        Assert.Contains("no ap-south-2 row in the table, so us-east-1's prices", cost.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_run_costs_nothing()
    {
        var estimator = new CostEstimator(new Ec2Client(new Fleetbook.Tests.Aws.Services.RecordingAwsInvoker()), new ManualTimeProvider(Now));

        var cost = await estimator.EstimateAsync(new CostInputs("us-east-1").WithRemaining(TimeSpan.FromHours(1)), CancellationToken.None);

        Assert.Equal(new Fleetbook.Steps.RunCost(0m, 0m, "Nothing has run yet; to completion, 1 more hour at $0.00 an hour."), cost);
    }

    [Theory]
    [InlineData(100, 50, 60, 120.0)]
    [InlineData(1, 3, 30, 10.0)]
    [InlineData(0, 0, 0, 0.0)]
    [InlineData(0, 10, 60, 0.0)]
    public void The_remaining_time_at_the_current_pace_scales_the_elapsed_time(long remaining, long done, int elapsedMinutes, double expectedMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), CostEstimator.RemainingAtPace(remaining, done, TimeSpan.FromMinutes(elapsedMinutes)));

    [Theory]
    [InlineData(10, 0, 60)]
    [InlineData(10, 5, 0)]
    [InlineData(long.MaxValue, 1, 60)]
    public void Without_a_pace_there_is_no_remaining_time(long remaining, long done, int elapsedMinutes) =>
        Assert.Null(CostEstimator.RemainingAtPace(remaining, done, TimeSpan.FromMinutes(elapsedMinutes)));

    private static int ClosedPort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
