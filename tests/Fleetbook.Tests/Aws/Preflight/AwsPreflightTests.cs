using Fleetbook.Backends.Aws.Preflight;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Steps;
using Fleetbook.Storage;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Preflight;

/// <summary>Preflight against the fake account: each setup mistake users hit is one failed check with its fix.</summary>
public sealed class AwsPreflightTests
{
    [AwsModelFact]
    public async Task An_all_good_spot_fleet_run_passes_every_check_and_says_what_it_verified()
    {
        await using var aws = FakeAwsServer.Start();

        var checks = await RunAsync(aws, PreflightSamples.Config, PreflightSamples.FleetFile());

        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Message} {c.Fix}"));
        Assert.All(checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Message)));
        Assert.Equal(
            ["Image", "Bucket", "Fleet role", "Instance profile", "Task role", "AMI ami-0ce03502c5bb5e188", "Subnet subnet-0123abcd", "Security group sg-0123abcd", "Network", "Machine type m5.xlarge"],
            checks.Select(c => c.Name));
        Assert.Contains("16384 MiB", checks.Single(c => c.Name == "Machine type m5.xlarge").Message, StringComparison.Ordinal);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_missing_AMI_fails_with_the_way_to_find_the_current_ECS_optimized_AMI_of_the_region()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root => PreflightSamples.Specification(root)["ImageId"] = "ami-0123456789abcdef0");

        var checks = await RunAsync(aws, PreflightSamples.Config, fleet);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("AMI ami-0123456789abcdef0", problem.Name);
        Assert.Contains("does not exist in us-east-1", problem.Message, StringComparison.Ordinal);
        Assert.Contains("/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id --region us-east-1", problem.Fix, StringComparison.Ordinal);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_placeholder_AMI_fails_without_asking_EC2()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root => PreflightSamples.Specification(root)["ImageId"] = "ami-XXXXXXXX");

        var checks = await RunAsync(aws, PreflightSamples.Config, fleet);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Contains("placeholder", problem.Message, StringComparison.Ordinal);
        Assert.Contains("image_id", problem.Fix, StringComparison.Ordinal);
        Assert.Empty(aws.CallsTo("DescribeImages"));
    }

    [AwsModelFact]
    public async Task A_missing_subnet_fails_with_how_to_list_the_subnets()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root => PreflightSamples.Specification(root)["NetworkInterfaces"]![0]!["SubnetId"] = "subnet-0badbad0");

        var checks = await RunAsync(aws, PreflightSamples.Config, fleet);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("Subnet subnet-0badbad0", problem.Name);
        Assert.Contains("subnet-0badbad0 in the fleet file does not exist in us-east-1", problem.Message, StringComparison.Ordinal);
        Assert.Contains("aws ec2 describe-subnets --region us-east-1", problem.Fix, StringComparison.Ordinal);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task The_comma_separated_SubnetId_variant_of_DCP216_is_checked_subnet_by_subnet()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root =>
        {
            var specification = PreflightSamples.Specification(root);
            specification.Remove("NetworkInterfaces");
            specification["SubnetId"] = "subnet-0123abcd, subnet-0fedcba9";
            specification["SecurityGroups"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["GroupId"] = "sg-0badbad0" });
        });

        var checks = await RunAsync(aws, PreflightSamples.Config, fleet);

        Assert.True(checks.Single(c => c.Name == "Subnet subnet-0123abcd").Passed);
        Assert.Equal(["Subnet subnet-0fedcba9", "Security group sg-0badbad0"], checks.Where(c => !c.Passed).Select(c => c.Name));
        Assert.Contains("describe-security-groups", checks.Single(c => c.Name == "Security group sg-0badbad0").Fix, StringComparison.Ordinal);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_task_larger_than_the_machine_fails_naming_the_type_its_memory_the_task_and_a_type_that_fits()
    {
        await using var aws = FakeAwsServer.Start();
        var config = PreflightSamples.Config with { MachineTypes = ["m5.large"], DockerCores = 2 };

        var checks = await RunAsync(aws, config, PreflightSamples.FleetFile());

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("Machine type m5.large", problem.Name);
        Assert.Contains("m5.large has 8192 MiB", problem.Message, StringComparison.Ordinal);
        Assert.Contains("1 task of 15000 MB do not fit", problem.Message, StringComparison.Ordinal);
        Assert.Contains("lower \"memory\" (MEMORY) to at most 7700", problem.Fix, StringComparison.Ordinal);
        // r5.large (16384 MiB, 2 vCPUs) is the smallest of m5.* and r5.* that holds 15000 MB and 2048 CPU units.
        Assert.Contains("r5.large (2 vCPUs, 16384 MiB) fits", problem.Fix, StringComparison.Ordinal);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task Tasks_per_machine_multiply_what_must_fit()
    {
        await using var aws = FakeAwsServer.Start();
        var config = PreflightSamples.Config with { TasksPerMachine = 2 };

        var checks = await RunAsync(aws, config, PreflightSamples.FleetFile());

        var problems = checks.Where(c => !c.Passed).ToList();
        Assert.Equal(2, problems.Count);
        Assert.Contains("2 tasks of 15000 MB", problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("2 tasks of 4096 CPU units", problems[1].Message, StringComparison.Ordinal);
        Assert.All(problems, p => Assert.Contains("m5.2xlarge (8 vCPUs, 32768 MiB) fits", p.Fix, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.Contains("tasksPerMachine", p.Fix, StringComparison.Ordinal));
    }

    [AwsModelFact]
    public async Task An_unknown_machine_type_fails_with_how_to_list_the_types()
    {
        await using var aws = FakeAwsServer.Start();

        var checks = await RunAsync(aws, PreflightSamples.Config with { MachineTypes = ["m5.xlargee"] }, PreflightSamples.FleetFile());

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("m5.xlargee is not an instance type in us-east-1.", problem.Message);
        Assert.Contains("describe-instance-types", problem.Fix, StringComparison.Ordinal);
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_role_ARN_as_the_instance_profile_is_the_DCP151_mixup_and_the_fix_writes_the_profile_ARN()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root => PreflightSamples.Specification(root)["IamInstanceProfile"]!["Arn"] = "arn:aws:iam::123456789012:role/ecsInstanceRole");

        var checks = await RunAsync(aws, PreflightSamples.Config, fleet);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("Instance profile", problem.Name);
        Assert.Contains("is a role ARN", problem.Message, StringComparison.Ordinal);
        Assert.Contains("DCP#151", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("write arn:aws:iam::123456789012:instance-profile/ecsInstanceRole;", problem.Fix, StringComparison.Ordinal);
        Assert.Contains("aws iam add-role-to-instance-profile", problem.Fix, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task An_instance_profile_ARN_as_the_fleet_role_fails()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root => root["IamFleetRole"] = "arn:aws:iam::123456789012:instance-profile/aws-ec2-spot-fleet-tagging-role");

        var checks = await RunAsync(aws, PreflightSamples.Config, fleet);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("Fleet role", problem.Name);
        Assert.Contains("is an instance-profile ARN, but it must be a role ARN", problem.Message, StringComparison.Ordinal);
        Assert.Contains("arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role", problem.Fix, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task The_example_files_placeholder_account_fails_with_a_fix_saying_to_put_the_account_id_in()
    {
        await using var aws = FakeAwsServer.Start();
        var fleet = PreflightSamples.FleetFile(root => root["IamFleetRole"] = "arn:aws:iam::XXXXXXXXXXXXX:role/aws-ec2-spot-fleet-tagging-role");
        var config = PreflightSamples.Config with { TaskRoleArn = "FleetbookTaskRole" };

        var checks = await RunAsync(aws, config, fleet);

        var problems = checks.Where(c => !c.Passed).ToList();
        Assert.Equal(["Fleet role", "Task role"], problems.Select(p => p.Name));
        Assert.Contains("\"XXXXXXXXXXXXX\" where the 12-digit account id goes", problems[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("put your account id in: arn:aws:iam::<account id>:role/aws-ec2-spot-fleet-tagging-role", problems[0].Fix, StringComparison.Ordinal);
        Assert.Contains("is not an IAM ARN", problems[1].Message, StringComparison.Ordinal);
    }

    [AwsModelFact]
    public async Task An_unreachable_bucket_fails_with_its_fix_and_the_other_checks_still_run()
    {
        await using var aws = FakeAwsServer.Start();
        var bucket = new MissingBucket("no-such-bucket");

        var checks = await RunAsync(aws, PreflightSamples.Config, PreflightSamples.FleetFile(), bucket);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("Bucket", problem.Name);
        Assert.Contains("NoSuchBucket", problem.Message, StringComparison.Ordinal);
        Assert.Equal("create it (aws s3 mb s3://no-such-bucket --region us-east-1) or set \"bucket\" (AWS_BUCKET) to an existing bucket.", problem.Fix);
        Assert.Equal(10, checks.Count);
    }

    [AwsModelFact]
    public async Task When_EC2_does_not_answer_each_EC2_check_fails_on_its_own_and_the_others_pass()
    {
        using var closed = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closed.Start();
        var port = ((System.Net.IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var aws = FakeAwsServer.Start();
        using var connection = new Fleetbook.Backends.Aws.Connection.AwsConnection(FakeEc2Connection.Options(aws) with
        {
            Endpoints = new Dictionary<string, Uri> { ["EC2"] = new($"http://127.0.0.1:{port}") },
            ConnectTimeout = TimeSpan.FromSeconds(2),
        });
        using var folder = new TempFolder("preflight");

        var checks = await AwsPreflight.RunAsync(new AwsPreflightContext(PreflightSamples.Config, PreflightSamples.FleetFile(), new Ec2Client(connection), new FolderObjectStore(folder.Path)), CancellationToken.None);

        var failed = checks.Where(c => !c.Passed).Select(c => c.Name).ToList();
        Assert.Equal(["AMI ami-0ce03502c5bb5e188", "Subnet subnet-0123abcd", "Security group sg-0123abcd", "Machine type m5.xlarge"], failed);
        Assert.All(checks.Where(c => !c.Passed), c => Assert.StartsWith("could not check", c.Message, StringComparison.Ordinal));
        Assert.All(checks.Where(c => !c.Passed), c => Assert.False(string.IsNullOrWhiteSpace(c.Fix)));
        Assert.All(checks.Where(c => c.Name is "Image" or "Bucket" or "Fleet role" or "Instance profile" or "Task role"), c => Assert.True(c.Passed));
    }

    [AwsModelFact]
    public async Task A_good_Fargate_run_checks_no_AMI_or_fleet_and_passes()
    {
        await using var aws = FakeAwsServer.Start();

        var checks = await RunAsync(aws, PreflightSamples.Fargate, fleetFile: null);

        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Name}: {c.Message} {c.Fix}"));
        Assert.Equal(["Image", "Bucket", "Task role", "Execution role", "Subnet subnet-0123abcd", "Security group sg-0123abcd", "Network", "Fargate size"], checks.Select(c => c.Name));
        Assert.Empty(aws.CallsTo("DescribeImages"));
        Assert.Empty(aws.CallsTo("DescribeInstanceTypes"));
        aws.AssertNoViolations();
    }

    [AwsModelFact]
    public async Task A_Fargate_run_needs_subnets_groups_an_execution_role_and_a_valid_size()
    {
        await using var aws = FakeAwsServer.Start();
        var config = PreflightSamples.Fargate with { Subnets = [], SecurityGroups = [], ExecutionRoleArn = "", Memory = 15000 };

        var checks = await RunAsync(aws, config, fleetFile: null);

        var problems = checks.Where(c => !c.Passed).ToDictionary(c => c.Name);
        Assert.Equal(["Execution role", "Subnets", "Security groups", "Fargate size"], problems.Keys);
        Assert.Contains("set \"subnets\"", problems["Subnets"].Fix, StringComparison.Ordinal);
        Assert.Contains("cpu 2048: memory 4096–16384 in steps of 1024", problems["Fargate size"].Message, StringComparison.Ordinal);
        Assert.Equal("set \"cpuShares\" (CPU_SHARES) to 2048 and \"memory\" (MEMORY) to 15360, the nearest valid size.", problems["Fargate size"].Fix);
        Assert.Empty(aws.Calls);
    }

    [AwsModelFact]
    public async Task A_machine_mode_without_a_fleet_file_fails_with_where_to_start()
    {
        await using var aws = FakeAwsServer.Start();

        var checks = await RunAsync(aws, PreflightSamples.Config, fleetFile: null);

        var problem = Assert.Single(checks, c => !c.Passed);
        Assert.Equal("Fleet file", problem.Name);
        Assert.Contains("exampleFleet_us-east-1.json", problem.Fix, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<PreflightCheck>> RunAsync(FakeAwsServer aws, RunConfig config, FleetFileContents? fleetFile, IObjectStore? bucket = null)
    {
        using var connection = FakeEc2Connection.For(aws);
        using var folder = new TempFolder("preflight");
        return await AwsPreflight.RunAsync(new AwsPreflightContext(config, fleetFile, new Ec2Client(connection), bucket ?? new FolderObjectStore(folder.Path)), CancellationToken.None);
    }
}
