using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Tests.Aws.Fake;

namespace Fleetbook.Tests.Aws.FakeServerTests;

/// <summary>
/// Flattens a JSON input (model member names) into EC2 query parameters, as botocore's EC2 serializer does, so the
/// fake's tests can send whole structures such as a Spot Fleet request config. (The client under test has its own.)
/// </summary>
internal static class Ec2Form
{
    public static List<KeyValuePair<string, string>> From(string operation, JsonObject input)
    {
        var model = ServiceModel.Get(AwsService.Ec2.ModelName);
        var shape = model.Shape(model.Operation(operation)!.InputShape!);
        var parameters = new List<KeyValuePair<string, string>>();
        Structure(model, shape, input, "", parameters);
        return parameters;
    }

    private static void Structure(ServiceModel model, Shape shape, JsonObject value, string prefix, List<KeyValuePair<string, string>> parameters)
    {
        foreach (var (name, member) in value)
        {
            var memberShape = shape.Member(name) ?? throw new ArgumentException($"{shape.Name} has no member {name}");
            var key = prefix.Length == 0 ? memberShape.Ec2QueryName : $"{prefix}.{memberShape.Ec2QueryName}";
            Value(model, model.Shape(memberShape.ShapeName), member!, key, parameters);
        }
    }

    private static void Value(ServiceModel model, Shape shape, JsonNode value, string key, List<KeyValuePair<string, string>> parameters)
    {
        switch (shape.Type)
        {
            case "structure":
                Structure(model, shape, (JsonObject)value, key, parameters);
                break;
            case "list":
                var index = 1;
                foreach (var item in (JsonArray)value)
                {
                    Value(model, model.Shape(shape.ListMember!.ShapeName), item!, $"{key}.{index++}", parameters);
                }

                break;
            case "boolean":
                parameters.Add(new(key, value.GetValue<bool>() ? "true" : "false"));
                break;
            case "timestamp":
                var text = value.GetValueKind() == JsonValueKind.Number
                    ? DateTimeOffset.FromUnixTimeSeconds(value.GetValue<long>()).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
                    : value.GetValue<string>();
                parameters.Add(new(key, text));
                break;
            default:
                parameters.Add(new(key, value is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : value.ToJsonString()));
                break;
        }
    }
}
