using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>The four typed clients over one connection.</summary>
public sealed record AwsClients(EcsClient Ecs, Ec2Client Ec2, LogsClient Logs, CloudWatchClient CloudWatch)
{
    public static AwsClients Over(IAwsInvoker invoker) => new(new EcsClient(invoker), new Ec2Client(invoker), new LogsClient(invoker), new CloudWatchClient(invoker));
}

/// <summary>A call made through the typed clients and the exact input DOM it must send.</summary>
/// <param name="Name">What the call is for, and where the anchors describe it.</param>
/// <param name="Service">The service the call goes to.</param>
/// <param name="Operation">The operation's model name.</param>
/// <param name="Make">Makes the call.</param>
/// <param name="ExpectedInput">The input, as JSON with the model's member names.</param>
public sealed record ExampleCall(string Name, AwsService Service, string Operation, Func<AwsClients, Task> Make, string ExpectedInput)
{
    public JsonObject Expected => JsonNode.Parse(ExpectedInput)!.AsObject();

    public override string ToString() => Name;
}
