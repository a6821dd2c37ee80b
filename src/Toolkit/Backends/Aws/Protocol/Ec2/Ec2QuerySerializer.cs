using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>
/// Writes an input DOM as an EC2 query form: <c>Action=&lt;Op&gt;&amp;Version=&lt;api&gt;</c>, then one parameter per
/// scalar. EC2's naming rules: the <c>queryName</c> trait, else the <c>locationName</c> or member name with its
/// first letter capitalized; lists are always flattened as <c>Name.1</c>, <c>Name.2</c>… and empty lists are
/// left out; nested structures join with dots (<c>A.B.1.C</c>).
/// </summary>
internal static class Ec2QuerySerializer
{
    public static byte[] Body(ServiceModel model, OperationModel operation, JsonObject input, ProtocolSettings settings)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("Action", operation.Name),
            new("Version", model.Metadata.ApiVersion),
        };
        if (operation.InputShape is null)
        {
            if (input.Count > 0)
            {
                throw new ArgumentException($"{operation.Name} takes no input, but was given {string.Join(", ", input.Select(p => p.Key))}.");
            }
        }
        else
        {
            WriteStructure(model, model.Shape(operation.InputShape), input, "", "", parameters, settings);
        }

        return Encoding.UTF8.GetBytes(FormEncode(parameters));
    }

    public static string FormEncode(IEnumerable<KeyValuePair<string, string>> parameters) =>
        string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));

    public static string SerializedName(MemberModel member)
    {
        if (member.QueryName is not null)
        {
            return member.QueryName;
        }

        var name = member.LocationName ?? member.Name;
        return name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name[1..];
    }

    private static void WriteStructure(
        ServiceModel model, ShapeModel shape, JsonNode value, string prefix, string path, List<KeyValuePair<string, string>> parameters, ProtocolSettings settings)
    {
        foreach (var (member, memberValue) in InputValues.Members(model, shape, value, path, settings))
        {
            var name = SerializedName(member);
            WriteValue(model, member, memberValue, prefix.Length == 0 ? name : $"{prefix}.{name}", InputValues.Join(path, member.Name), parameters, settings);
        }
    }

    private static void WriteValue(
        ServiceModel model, MemberModel reference, JsonNode value, string name, string path, List<KeyValuePair<string, string>> parameters, ProtocolSettings settings)
    {
        var shape = model.Shape(reference);
        switch (shape.Type)
        {
            case ShapeType.Structure when shape.Document:
                throw new NotSupportedException($"{path}: the EC2 query protocol has no document values.");
            case ShapeType.Structure:
                WriteStructure(model, shape, value, name, path, parameters, settings);
                break;
            case ShapeType.List:
                var index = 0;
                foreach (var item in InputValues.List(value, path))
                {
                    index++;
                    WriteValue(model, shape.Member!, item ?? throw new ArgumentException($"{path}[{index - 1}] must not be null."), $"{name}.{index}", $"{path}[{index - 1}]", parameters, settings);
                }

                break;
            case ShapeType.Map:
                var prefix = reference.Flattened || shape.Flattened ? name : $"{name}.entry";
                var entry = 0;
                foreach (var (key, item) in InputValues.Map(value, path))
                {
                    if (item is null)
                    {
                        continue;
                    }

                    entry++;
                    parameters.Add(new($"{prefix}.{entry}.{shape.Key!.LocationName ?? "key"}", key));
                    WriteValue(model, shape.Value!, item, $"{prefix}.{entry}.{shape.Value!.LocationName ?? "value"}", $"{path}.{key}", parameters, settings);
                }

                break;
            default:
                parameters.Add(new(name, Scalar(reference, shape, value, path)));
                break;
        }
    }

    private static string Scalar(MemberModel reference, ShapeModel shape, JsonNode value, string path) => shape.Type switch
    {
        ShapeType.String => InputValues.String(value, path),
        ShapeType.Integer or ShapeType.Long => InputValues.Integer(value, path).ToString(CultureInfo.InvariantCulture),
        ShapeType.Float or ShapeType.Double => FormatFloatingPoint(InputValues.FloatingPoint(value, path)),
        ShapeType.Boolean => InputValues.Boolean(value, path) ? "true" : "false",
        ShapeType.Timestamp => FormatTimestamp(WireValues.ReadTimestamp(value, path), reference.TimestampFormat ?? shape.TimestampFormat),
        ShapeType.Blob => WireValues.RequireBase64(value, path),
        _ => throw new InvalidOperationException($"{path} has the shape type {shape.Type}, which is not a scalar."),
    };

    private static string FormatFloatingPoint(double value) =>
        double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : WireValues.FloatingPoint(value).GetValue<string>();

    private static string FormatTimestamp(DateTimeOffset value, string? format) => format switch
    {
        WireValues.UnixTimestamp => WireValues.EpochSeconds(value).ToString(CultureInfo.InvariantCulture),
        WireValues.Rfc822 => WireValues.FormatRfc822(value),
        _ => WireValues.FormatIso8601(value),
    };
}
