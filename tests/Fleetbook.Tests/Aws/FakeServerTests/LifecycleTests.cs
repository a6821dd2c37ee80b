using System.Text.Json.Nodes;
using Fleetbook.Backends.Local;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>What a test sees of the fake's tasks (metadata endpoint, inventory with tags) and that disposing it ends every process.</summary>
public sealed class LifecycleTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private static async Task<(FakeAwsServer Server, RawAwsClient Aws)> FargateService(int tasks)
    {
        var server = FakeAwsServer.Start();
        server.TaskLauncher = new CommandTaskLauncher("/bin/sh", "-c", "exec sleep 60");
        var aws = new RawAwsClient(server);
        await aws.Ecs("CreateCluster", new JsonObject
        {
            ["clusterName"] = "Life",
            ["capacityProviders"] = new JsonArray("FARGATE_SPOT"),
            ["defaultCapacityProviderStrategy"] = new JsonArray { new JsonObject { ["capacityProvider"] = "FARGATE_SPOT", ["weight"] = 1 } },
            ["tags"] = new JsonArray { new JsonObject { ["key"] = "fleetbook:run", ["value"] = "life" } },
        });
        await aws.Ecs("RegisterTaskDefinition", new JsonObject
        {
            ["family"] = "Life",
            ["requiresCompatibilities"] = new JsonArray("FARGATE"),
            ["networkMode"] = "awsvpc",
            ["cpu"] = "256",
            ["memory"] = "512",
            ["containerDefinitions"] = new JsonArray { new JsonObject { ["name"] = "main", ["image"] = "example/worker:1" } },
        });
        var created = await aws.Ecs("CreateService", new JsonObject
        {
            ["cluster"] = "Life",
            ["serviceName"] = "Life",
            ["taskDefinition"] = "Life",
            ["desiredCount"] = tasks,
            ["networkConfiguration"] = new JsonObject { ["awsvpcConfiguration"] = new JsonObject { ["subnets"] = new JsonArray("subnet-0123abcd") } },
            ["tags"] = new JsonArray { new JsonObject { ["key"] = "fleetbook:run", ["value"] = "life" } },
            ["propagateTags"] = "SERVICE",
        });
        Assert.True(created.Status == 200, created.ToString());
        await server.WaitUntilAsync(() => server.EcsTasks().Count(t => t.LastStatus == "RUNNING") == tasks, Patience, $"{tasks} running tasks");
        return (server, aws);
    }

    [AwsModelFact]
    public async Task Disposing_the_server_ends_every_task_process()
    {
        var (server, aws) = await FargateService(tasks: 2);
        var pids = server.EcsTasks().Select(t => t.ProcessId!.Value).ToList();
        Assert.All(pids, pid => Assert.True(ProcessIdentity.Of(pid).IsAlive()));

        aws.Dispose();
        await server.DisposeAsync();

        Assert.All(pids, pid => Assert.False(ProcessIdentity.Of(pid).IsAlive(), $"process {pid} outlived the server"));
        Assert.False(Directory.Exists(server.WorkFolder));
    }

    [AwsModelFact]
    public async Task Tasks_find_their_ARN_through_the_task_metadata_endpoint()
    {
        var (server, aws) = await FargateService(tasks: 1);
        await using var _ = server;
        using var __ = aws;
        var task = server.EcsTasks().Single();
        using var http = new HttpClient();

        var container = JsonNode.Parse(await http.GetStringAsync(task.Environment["ECS_CONTAINER_METADATA_URI_V4"]))!;
        var metadata = JsonNode.Parse(await http.GetStringAsync(task.Environment["ECS_CONTAINER_METADATA_URI_V4"] + "/task"))!;

        Assert.Equal(task.TaskArn, container["Labels"]!["com.amazonaws.ecs.task-arn"]!.GetValue<string>());
        Assert.Equal(task.TaskArn, metadata["TaskARN"]!.GetValue<string>());
        Assert.Equal("Life", metadata["Family"]!.GetValue<string>());
        Assert.Equal("FARGATE", metadata["LaunchType"]!.GetValue<string>());
    }

    [AwsModelFact]
    public async Task The_inventory_lists_live_resources_with_their_tags()
    {
        var (server, aws) = await FargateService(tasks: 1);
        await using var _ = server;
        using var __ = aws;

        var inventory = server.Inventory();

        Assert.Equal(["cluster", "service", "task-definition", "task"], inventory.Select(r => r.Kind));
        Assert.Equal(["task-definition"], inventory.Where(r => !r.Tags.ContainsKey("fleetbook:run")).Select(r => r.Kind));
        Assert.Equal(
            ["ECS cluster Life", "ECS service Life/Life (ACTIVE, desired 1)", "ECS task definition Life:1"],
            server.ResourcesLeft().Where(r => !r.StartsWith("ECS task Life/", StringComparison.Ordinal)));
        server.AssertNoViolations();
    }
}
