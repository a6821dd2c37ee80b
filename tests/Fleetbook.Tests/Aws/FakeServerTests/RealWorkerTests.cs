using System.Text.Json.Nodes;
using Fleetbook.Tests.Aws.Fake;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>By default the fake places tasks as real fleetbook-worker processes with the task definition's environment.</summary>
public sealed class RealWorkerTests
{
    [AwsModelFact]
    public async Task A_task_runs_fleetbook_worker_with_only_the_container_environment()
    {
        await using var server = FakeAwsServer.Start();
        Assert.IsType<WorkerTaskLauncher>(server.TaskLauncher);
        server.FailedTaskRetryDelay = TimeSpan.FromSeconds(30);
        using var aws = new RawAwsClient(server);
        await aws.Ecs("CreateCluster", new JsonObject { ["clusterName"] = "Real" });
        await aws.Logs("CreateLogGroup", new JsonObject { ["logGroupName"] = "real" });
        var definition = DsExample.TaskDefinition(cpu: 256, memory: 512);
        definition["containerDefinitions"]![0]!["logConfiguration"]!["options"]!["awslogs-group"] = "real";
        await aws.Ecs("RegisterTaskDefinition", definition);
        await aws.Ecs("CreateService", new JsonObject
        {
            ["cluster"] = "Real",
            ["serviceName"] = "RealService",
            ["taskDefinition"] = DsExample.AppName + "Task",
            ["desiredCount"] = 1,
        });
        server.ReadS3Object = (_, _) => "ECS_CLUSTER=Real";
        await aws.Ec2("RequestSpotFleet", Ec2Form.From("RequestSpotFleet", new JsonObject { ["SpotFleetRequestConfig"] = DsExample.SpotFleetRequestConfig(machines: 1) }));

        // The DS task definition has no FLEETBOOK_COMMAND: the worker reads its environment, says so and exits 2.
        await server.WaitUntilAsync(() => server.EcsTasks().Any(t => t.LastStatus == "STOPPED"), TimeSpan.FromSeconds(60), "the worker to exit");
        await aws.Ecs("UpdateService", new JsonObject { ["cluster"] = "Real", ["service"] = "RealService", ["desiredCount"] = 0 });

        var task = server.EcsTasks().First(t => t.LastStatus == "STOPPED");
        Assert.Equal(2, task.ExitCode);
        Assert.Equal("EssentialContainerExited", task.StopCode);
        var output = server.LogEvents("real").Select(e => e.Message).ToList();
        Assert.Contains(output, m => m.Contains("fleetbook-worker", StringComparison.Ordinal) && m.Contains("FLEETBOOK_COMMAND", StringComparison.Ordinal));
        Assert.DoesNotContain(output, m => m.Contains("SQS_QUEUE_URL is not set", StringComparison.Ordinal));
        server.AssertNoViolations();
    }
}
