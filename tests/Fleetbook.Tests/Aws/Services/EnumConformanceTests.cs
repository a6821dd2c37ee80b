using System.Text.Json.Nodes;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// C# enums against the model's enums: every value a request can carry is legal, and every value the model can answer
/// with has a C# member (so reading a response never fails on a value the model knows).
/// </summary>
public class EnumConformanceTests
{
    public static TheoryData<string> Operations => TypedOperations.Names();

    [AwsModelTheory]
    [MemberData(nameof(Operations))]
    public void Every_enum_value_a_request_can_carry_is_legal_in_the_model(string name)
    {
        var operation = TypedOperations.Named(name);
        var model = BotocoreModel.LoadShared(operation.Service.ModelName);

        var illegal = EnumMembers(operation, model, operation.RequestType, model.InputShape(operation.Operation)!)
            .SelectMany(e => CSharpValues(e.Enum).Except(e.Legal).Select(v => $"{e.Path}: {e.Enum.Name} \"{v}\""));

        Assert.Empty(illegal);
    }

    [AwsModelTheory]
    [MemberData(nameof(Operations))]
    public void Every_enum_value_the_model_can_answer_with_reads_into_the_response(string name)
    {
        var operation = TypedOperations.Named(name);
        var model = BotocoreModel.LoadShared(operation.Service.ModelName);
        if (model.OutputShape(operation.Operation) is not { } output)
        {
            return;
        }

        var unreadable = EnumMembers(operation, model, operation.ResponseType, output)
            .SelectMany(e => e.Legal.Except(CSharpValues(e.Enum)).Select(v => $"{e.Path}: {e.Enum.Name} lacks \"{v}\""));

        Assert.Empty(unreadable);
    }

    [AwsModelFact]
    public void The_walk_finds_enum_members_in_requests_and_responses()
    {
        var history = TypedOperations.Named("Ec2.DescribeSpotFleetRequestHistory");
        var model = BotocoreModel.LoadShared("ec2");

        var inRequest = EnumMembers(history, model, history.RequestType, model.InputShape(history.Operation)!).Select(e => e.Path);
        var inResponse = EnumMembers(history, model, history.ResponseType, model.OutputShape(history.Operation)!).Select(e => e.Path);

        Assert.Equal(["DescribeSpotFleetRequestHistoryRequest.EventType"], inRequest);
        Assert.Equal(["DescribeSpotFleetRequestHistoryResponse.HistoryRecords[].EventType"], inResponse);
    }

    private static IEnumerable<string> CSharpValues(Type enumType) =>
        Enum.GetValues(enumType).Cast<object>().Select(v => System.Text.Json.JsonSerializer.Serialize(v, enumType, Fleetbook.Backends.Aws.Services.AwsJson.PascalCase).Trim('"'));

    /// <summary>Every enum-typed member reachable from <paramref name="type"/>, with the legal values of the model member it maps to.</summary>
    private static IEnumerable<(string Path, Type Enum, IReadOnlyList<string> Legal)> EnumMembers(TypedOperation operation, BotocoreModel model, Type type, string shapeName)
    {
        var found = new List<(string, Type, IReadOnlyList<string>)>();
        Walk(type, shapeName, type.Name, []);
        return found;

        void Walk(Type current, string shape, string path, HashSet<(Type, string)> seen)
        {
            current = Nullable.GetUnderlyingType(current) ?? current;
            var modelShape = model.Shape(shape);
            if (current.IsEnum)
            {
                if (modelShape["enum"] is JsonArray legal)
                {
                    found.Add((path, current, [.. legal.Select(v => v!.GetValue<string>())]));
                }

                return;
            }

            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && modelShape["member"] is { } member)
            {
                Walk(current.GetGenericArguments()[0], member["shape"]!.GetValue<string>(), path + "[]", seen);
                return;
            }

            if (current.IsGenericType && current.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) && modelShape["value"] is { } value)
            {
                Walk(current.GetGenericArguments()[1], value["shape"]!.GetValue<string>(), path + "{}", seen);
                return;
            }

            if (!current.IsClass || current == typeof(string) || current.Namespace?.StartsWith("Fleetbook.", StringComparison.Ordinal) != true || !seen.Add((current, shape)))
            {
                return;
            }

            var members = modelShape["members"]?.AsObject();
            foreach (var property in ReadMembers.Serialized(operation.Json.GetTypeInfo(current)))
            {
                if (members?[property.Name]?["shape"]?.GetValue<string>() is { } target)
                {
                    Walk(property.PropertyType, target, $"{path}.{property.Name}", seen);
                }
            }
        }
    }
}
