using System.Reflection;
using System.Text.Json;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.CloudWatch;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Backends.Aws.Services.Logs;
using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>One typed operation: <c>Task&lt;XResponse&gt; XAsync(XRequest, CancellationToken)</c> on one of the clients.</summary>
public sealed record TypedOperation(string Client, Type ClientType, AwsService Service, JsonSerializerOptions Json, string Operation, MethodInfo Method)
{
    public Type RequestType => Method.GetParameters()[0].ParameterType;

    public Type ResponseType => Method.ReturnType.GetGenericArguments()[0];

    public override string ToString() => $"{Client}.{Operation}";

    public object NewClient(IAwsInvoker invoker) => Activator.CreateInstance(ClientType, invoker)!;

    public async Task<object> InvokeAsync(IAwsInvoker invoker, object request)
    {
        var task = (Task)Method.Invoke(NewClient(invoker), [request, CancellationToken.None])!;
        await task;
        return task.GetType().GetProperty("Result")!.GetValue(task)!;
    }
}

/// <summary>The clients and every operation they type, found by reflection.</summary>
public static class TypedOperations
{
    public static IReadOnlyList<(string Name, Type Type, AwsService Service, JsonSerializerOptions Json)> Clients { get; } =
    [
        ("Ecs", typeof(EcsClient), AwsService.Ecs, AwsJson.CamelCase),
        ("Ec2", typeof(Ec2Client), AwsService.Ec2, AwsJson.PascalCase),
        ("Logs", typeof(LogsClient), AwsService.Logs, AwsJson.CamelCase),
        ("CloudWatch", typeof(CloudWatchClient), AwsService.CloudWatch, AwsJson.PascalCase),
    ];

    public static IReadOnlyList<TypedOperation> All { get; } =
    [
        .. from client in Clients
           from method in client.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
           where method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)
           orderby method.Name
           select new TypedOperation(client.Name, client.Type, client.Service, client.Json, method.Name[..^"Async".Length], method),
    ];

    /// <summary>The <c>XAllAsync</c> methods that follow pages: (client, operation, method).</summary>
    public static IReadOnlyList<TypedOperation> Paged { get; } =
    [
        .. from client in Clients
           from method in client.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
           where method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(AwsPages<>)
           orderby method.Name
           select new TypedOperation(client.Name, client.Type, client.Service, client.Json, method.Name[..^"AllAsync".Length], method),
    ];

    public static TheoryData<string> Names() => [.. All.Select(o => o.ToString())];

    public static TypedOperation Named(string name) => All.Single(o => o.ToString() == name);
}
