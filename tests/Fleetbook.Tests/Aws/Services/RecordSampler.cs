using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// Builds a representative request record: every constructor parameter filled (or only those without a default),
/// with values legal for the model member each one maps to, found through the same JSON names the client writes.
/// </summary>
public static class RecordSampler
{
    public static readonly DateTimeOffset SampleTime = new(2024, 5, 6, 7, 8, 9, TimeSpan.Zero);

    public static object Sample(Type type, BotocoreModel model, string shapeName, JsonSerializerOptions json, bool onlyRequired) =>
        Value(type, model, shapeName, json, onlyRequired)!;

    private static object? Value(Type type, BotocoreModel model, string? shapeName, JsonSerializerOptions json, bool onlyRequired)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var shape = shapeName is null ? null : model.Shape(shapeName);
        if (type == typeof(string))
        {
            return shape is not null && shape["type"]!.GetValue<string>() == "string" ? ShapeSampler.Text(shape).GetValue<string>() : ShapeSampler.SampleText;
        }

        if (type == typeof(int))
        {
            return shape is null ? 1 : (int)ShapeSampler.Whole(shape);
        }

        if (type == typeof(long))
        {
            return shape is null ? 1L : ShapeSampler.Whole(shape);
        }

        if (type == typeof(double))
        {
            return shape is null ? 1.5 : ShapeSampler.Fraction(shape);
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(DateTimeOffset))
        {
            return SampleTime;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).GetValue(0);
        }

        if (type == typeof(JsonObject))
        {
            return shapeName is null ? new JsonObject() : ShapeSampler.Synthesize(model, shapeName, onlyRequired);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            var itemType = type.GetGenericArguments()[0];
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            list.Add(Value(itemType, model, shape?["member"]?["shape"]?.GetValue<string>(), json, onlyRequired));
            return list;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>))
        {
            var key = shape?["key"]?["shape"]?.GetValue<string>() is { } keyShape ? ShapeSampler.Scalar(model, keyShape)!.GetValue<string>() : "sample-key";
            var value = Value(type.GetGenericArguments()[1], model, shape?["value"]?["shape"]?.GetValue<string>(), json, onlyRequired);
            var dictionary = (System.Collections.IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(type.GetGenericArguments()))!;
            dictionary[key] = value;
            return dictionary;
        }

        return Record(type, model, shape, json, onlyRequired);
    }

    private static object Record(Type type, BotocoreModel model, JsonObject? shape, JsonSerializerOptions json, bool onlyRequired)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var info = json.GetTypeInfo(type);
        var members = shape?["members"]?.AsObject();
        var arguments = constructor.GetParameters().Select(parameter =>
        {
            if (onlyRequired && parameter.HasDefaultValue)
            {
                return parameter.DefaultValue;
            }

            var jsonName = JsonName(info, parameter.Name!);
            var memberShape = members?[jsonName]?["shape"]?.GetValue<string>();
            return Value(parameter.ParameterType, model, memberShape, json, onlyRequired);
        }).ToArray();
        return constructor.Invoke(arguments);
    }

    /// <summary>The JSON name the serializer writes for the property behind a constructor parameter.</summary>
    public static string JsonName(JsonTypeInfo info, string propertyName) =>
        info.Properties.FirstOrDefault(p => (p.AttributeProvider as MemberInfo)?.Name == propertyName)?.Name
            ?? throw new InvalidOperationException($"{info.Type.Name} has no serialized property {propertyName}");
}
