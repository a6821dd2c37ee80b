using System.Reflection;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>The rules every typed client keeps, checked by reflection.</summary>
public class ClientConventionTests
{
    /// <summary>Operations that create something the run tag cannot be put on, or that tag things themselves.</summary>
    private static readonly Dictionary<string, string> Untaggable = new(StringComparer.Ordinal)
    {
        ["Logs.CreateLogStream"] = "log streams take no tags (their group carries them)",
        ["Logs.CreateExportTask"] = "export tasks take no tags",
        ["Ec2.CreateTags"] = "it is the tagging call",
        ["Ec2.RequestSpotFleet"] = "the fleet file is passed through; SpotFleetConfigs.WithTags tags it",
        ["Logs.PutRetentionPolicy"] = "changes a group, creates nothing",
        ["Logs.PutLogEvents"] = "writes events, creates nothing",
        ["Ecs.PutClusterCapacityProviders"] = "changes a cluster, creates nothing",
    };

    [Fact]
    public void Every_call_returns_a_task_and_takes_a_cancellation_token_last_and_optional()
    {
        var methods = TypedOperations.All.Select(o => o.Method).Concat(TypedOperations.Paged.Select(o => o.Method));

        Assert.All(methods, method =>
        {
            var parameters = method.GetParameters();
            Assert.Equal(2, parameters.Length);
            Assert.Equal(typeof(CancellationToken), parameters[1].ParameterType);
            Assert.True(parameters[1].HasDefaultValue, $"{method.DeclaringType!.Name}.{method.Name}");
            Assert.EndsWith("Async", method.Name, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Every_call_is_one_method_per_operation_without_overloads()
    {
        var names = TypedOperations.Clients.SelectMany(c => c.Type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)).Select(m => $"{m.DeclaringType!.Name}.{m.Name}");

        Assert.Empty(names.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    [Fact]
    public void Every_request_and_response_is_an_immutable_record_named_after_its_operation()
    {
        Assert.All(TypedOperations.All, operation =>
        {
            Assert.Equal(operation.Operation + "Request", operation.RequestType.Name);
            Assert.Equal(operation.Operation + "Response", operation.ResponseType.Name);
            foreach (var type in new[] { operation.RequestType, operation.ResponseType })
            {
                Assert.NotNull(type.GetMethod("<Clone>$"));
                Assert.All(type.GetProperties(), property => Assert.True(
                    property.SetMethod is null || property.SetMethod.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)),
                    $"{type.Name}.{property.Name} can be changed after construction"));
            }
        });
    }

    [Fact]
    public void Every_list_in_a_request_or_response_is_a_read_only_list()
    {
        var properties = TypedOperations.All.SelectMany(o => new[] { o.RequestType, o.ResponseType }).SelectMany(t => t.GetProperties());

        Assert.All(properties.Where(p => p.PropertyType.IsArray || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>))),
            p => Assert.Fail($"{p.DeclaringType!.Name}.{p.Name} exposes a mutable list"));
    }

    [Fact]
    public void Every_request_that_creates_a_resource_can_carry_the_run_tag()
    {
        var creating = TypedOperations.All.Where(o => o.Operation.StartsWith("Create", StringComparison.Ordinal) || o.Operation.StartsWith("Register", StringComparison.Ordinal)
            || o.Operation.StartsWith("Put", StringComparison.Ordinal) || o.Operation.StartsWith("Request", StringComparison.Ordinal));

        var untagged = creating
            .Where(o => !Untaggable.ContainsKey(o.ToString()))
            .Where(o => o.RequestType.GetProperty("Tags") is null && o.RequestType.GetProperty("TagSpecifications") is null)
            .Select(o => o.ToString());

        Assert.Empty(untagged);
        Assert.All(Untaggable.Keys, name => Assert.Contains(name, TypedOperations.All.Select(o => o.ToString())));
    }

    [Fact]
    public void The_spot_fleet_config_is_passed_through_as_a_JSON_object()
    {
        var property = typeof(Fleetbook.Backends.Aws.Services.Ec2.RequestSpotFleetRequest).GetProperty("SpotFleetRequestConfig")!;

        Assert.Equal(typeof(JsonObject), property.PropertyType);
    }

    [Fact]
    public void Every_paged_method_returns_pages_that_read_into_a_list()
    {
        Assert.All(TypedOperations.Paged, operation =>
        {
            Assert.Equal(typeof(AwsPages<>), operation.Method.ReturnType.GetGenericTypeDefinition());
            Assert.EndsWith("AllAsync", operation.Method.Name, StringComparison.Ordinal);
        });
        Assert.Equal(typeof(Task<>).MakeGenericType(typeof(IReadOnlyList<string>)), typeof(AwsPages<string>).GetMethod(nameof(AwsPages<string>.ReadAllAsync))!.ReturnType);
    }

    [Fact]
    public void The_run_tag_key_is_the_one_Fleetbook_promises()
    {
        Assert.Equal("fleetbook:run", AwsTag.RunKey);
    }
}
