using System.Collections;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>The members of a deserialized response that came back empty: a null, an empty list, a zero, a false.</summary>
public static class ReadMembers
{
    public static IReadOnlyList<string> Unfilled(object response, JsonSerializerOptions json)
    {
        var unfilled = new List<string>();
        Walk(response, json, response.GetType().Name, unfilled);
        return unfilled;
    }

    private static void Walk(object value, JsonSerializerOptions json, string path, List<string> unfilled)
    {
        foreach (var property in Serialized(json.GetTypeInfo(value.GetType())))
        {
            var member = property.Get?.Invoke(value);
            var where = $"{path}.{property.Name}";
            switch (member)
            {
                case null:
                    unfilled.Add(where);
                    break;
                case string or JsonNode or Enum:
                    break;
                case int or long or double when Convert.ToDouble(member, System.Globalization.CultureInfo.InvariantCulture) == 0:
                case false:
                case DateTimeOffset stamp when stamp == default:
                    unfilled.Add(where);
                    break;
                case IDictionary dictionary when dictionary.Count == 0:
                    unfilled.Add(where);
                    break;
                case IEnumerable items:
                    var first = items.Cast<object?>().FirstOrDefault();
                    if (first is null)
                    {
                        unfilled.Add(where);
                    }
                    else if (IsRecord(first))
                    {
                        Walk(first, json, where + "[0]", unfilled);
                    }

                    break;
                default:
                    if (IsRecord(member))
                    {
                        Walk(member, json, where, unfilled);
                    }

                    break;
            }
        }
    }

    /// <summary>The properties that travel as JSON (computed conveniences marked [JsonIgnore] do not).</summary>
    public static IEnumerable<JsonPropertyInfo> Serialized(JsonTypeInfo info) =>
        info.Properties.Where(p => p.AttributeProvider?.IsDefined(typeof(JsonIgnoreAttribute), inherit: true) != true);

    private static bool IsRecord(object value) => value.GetType() is { IsClass: true } type && type != typeof(string) && type.Namespace?.StartsWith("Fleetbook.", StringComparison.Ordinal) == true;
}
