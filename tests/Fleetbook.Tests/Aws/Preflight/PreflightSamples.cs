using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Storage;

namespace Fleetbook.Tests.Aws.Preflight;

/// <summary>A config and fleet file that pass every check against the fake's account, and ways to spoil them.</summary>
internal static class PreflightSamples
{
    public static RunConfig Config => new()
    {
        AppName = "PreflightApp",
        Backend = BackendKind.Aws,
        Image = "cellprofiler/distributed-cellprofiler:2.2.0_4.2.8",
        Bucket = "preflight-bucket",
        MachineTypes = ["m5.xlarge"],
        Memory = 15000,
        DockerCores = 4,
        TaskRoleArn = "arn:aws:iam::123456789012:role/FleetbookTaskRole",
    };

    public static RunConfig Fargate => Config with
    {
        FleetMode = FleetMode.FargateSpot,
        Memory = 16384,
        DockerCores = 2,
        Subnets = ["subnet-0123abcd"],
        SecurityGroups = ["sg-0123abcd"],
        ExecutionRoleArn = "arn:aws:iam::123456789012:role/ecsTaskExecutionRole",
    };

    /// <summary>DS's example fleet file with the fake account's AMI, subnet and group filled in; <paramref name="edit"/> spoils it.</summary>
    public static FleetFileContents FleetFile(Action<JsonObject>? edit = null)
    {
        var root = JsonNode.Parse(DsExampleFleet.ForFakeAccount())!.AsObject();
        edit?.Invoke(root);
        return Fleetbook.Fleet.FleetFile.Parse(root.ToJsonString(), "fleet.json");
    }

    public static JsonObject Specification(JsonObject root) => root["LaunchSpecifications"]![0]!.AsObject();
}

/// <summary>A bucket that does not exist: every call fails as S3 answers for a missing bucket.</summary>
internal sealed class MissingBucket(string name) : IObjectStore
{
    public string Name => name;

    public int Calls { get; private set; }

    public IAsyncEnumerable<StoredObject> ListAsync(string prefix, CancellationToken cancellationToken) => Throwing();

    public Task<StoredObject?> HeadAsync(string key, CancellationToken cancellationToken) => throw Error();

    public Task PutFileAsync(string key, string localPath, CancellationToken cancellationToken) => throw Error();

    public Task PutBytesAsync(string key, ReadOnlyMemory<byte> content, CancellationToken cancellationToken) => throw Error();

    public Task<bool> GetFileAsync(string key, string localPath, CancellationToken cancellationToken) => throw Error();

    public Task<byte[]?> GetBytesAsync(string key, CancellationToken cancellationToken) => throw Error();

    public Task DeleteAsync(string key, CancellationToken cancellationToken) => throw Error();

    private async IAsyncEnumerable<StoredObject> Throwing()
    {
        await Task.Yield();
        if (name.Length >= 0)
        {
            throw Error();
        }

        yield break;
    }

    private S3StoreException Error()
    {
        Calls++;
        return new S3StoreException("ListObjectsV2", name, null, "NoSuchBucket", 404, $"S3 ListObjectsV2 of s3://{name} failed with NoSuchBucket: The specified bucket does not exist. Check AWS_BUCKET (the bucket must exist) and AWS_REGION.");
    }
}
