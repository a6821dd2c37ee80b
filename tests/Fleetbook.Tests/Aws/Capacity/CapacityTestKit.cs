using Amazon.Runtime;
using Fleetbook.Backends.Aws.Capacity;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Tests.Aws.Fake;

namespace Fleetbook.Tests.Aws.Capacity;

/// <summary>Distributed-CellProfiler's example fleet file, run configs, and typed clients pointed at the fake AWS server.</summary>
internal static class CapacityTestKit
{
    public const string App = "CapacityApp";
    public const string Cluster = "CapacityCluster";
    public const string FleetFileName = "exampleFleet_us-east-1.json";

    /// <summary>files/exampleFleet_us-east-1.json (anchors §2.3), verbatim but for the account number every user fills in.</summary>
    public static string ExampleFleetJson(string imageId = DsExampleFleet.ImageId) => DsExampleFleet.WithAccount(imageId);

    public static FleetFileContents ExampleFleet(string imageId = "ami-0ce03502c5bb5e188") => FleetFile.Parse(ExampleFleetJson(imageId), FleetFileName);

    public static RunConfig Config(FleetMode mode = FleetMode.SpotFleet, int machines = 2) => new()
    {
        AppName = App,
        Backend = BackendKind.Aws,
        Cluster = Cluster,
        Machines = machines,
        MachineTypes = ["m5.xlarge"],
        MachinePrice = 0.2,
        EbsVolumeSize = 22,
        FleetMode = mode,
    };

    public static CapacityRequest Request(RunConfig config, FleetFileContents? fleet = null, DateTimeOffset? now = null) =>
        new(config, fleet ?? ExampleFleet(), config.Cluster, config.Machines, [AwsTag.Run(config.AppName)], now ?? DateTimeOffset.UtcNow);

    /// <summary>The fake account knows the example's placeholder subnet and security group, as a user's account knows theirs.</summary>
    public static FakeAwsServer StartServer()
    {
        var server = FakeAwsServer.Start();
        server.KnownSubnetIds.Add("subnet-WWWWWWWW");
        server.KnownSecurityGroupIds.Add("sg-ZZZZZZZZZ");
        server.InstanceStartDelay = TimeSpan.FromMilliseconds(100);
        return server;
    }

    public static AwsConnection Connect(FakeAwsServer server)
    {
        var environment = server.ClientEnvironment();
        return new AwsConnection(new AwsConnectionOptions
        {
            Region = server.Region,
            Credentials = new BasicAWSCredentials(server.AccessKeyId, server.SecretAccessKey),
            Environment = name => environment.GetValueOrDefault(name),
            BaseDelay = TimeSpan.FromMilliseconds(10),
        });
    }

    public static IMachineCapacity Launcher(FleetMode mode, AwsConnection connection) => mode switch
    {
        FleetMode.SpotFleet => new SpotFleetLaunch(new Ec2Client(connection)),
        FleetMode.Ec2Fleet => new Ec2FleetLaunch(new Ec2Client(connection)),
        _ => throw new ArgumentOutOfRangeException(nameof(mode)),
    };

    public static Task CreateClusterAsync(AwsConnection connection) => new EcsClient(connection).CreateClusterAsync(new CreateClusterRequest(Cluster));

    public static Task<CapacityOutcome> WaitAsync(IMachineCapacity capacity, LaunchedCapacity launched, TimeSpan? limit = null) =>
        CapacityWait.WaitAsync(capacity, launched, limit ?? TimeSpan.FromSeconds(20), TimeProvider.System, TimeSpan.FromMilliseconds(100), null, CancellationToken.None);

    /// <summary>The EC2 resources the fake still holds (fleets not cancelled, instances not terminated, launch templates).</summary>
    public static IReadOnlyList<FakeResource> Ec2Left(FakeAwsServer server) => [.. server.Inventory().Where(r => r.Service == "EC2")];
}
