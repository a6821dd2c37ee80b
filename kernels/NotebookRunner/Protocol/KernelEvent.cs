using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Notebooks.Protocol;

/// <summary>
/// An event envelope of the stdio protocol: <c>{"eventType": …, "event": {…}, "command": {"token": …, …}}</c>.
/// <see cref="Token"/> is the token of the command that caused it; a command the kernel splits (a cell with
/// <c>#!fsharp</c> in it, a kernel's own set-up) reports under child tokens <c>TOKEN.1</c>, <c>TOKEN.2</c>, ….
/// </summary>
internal sealed record KernelEvent(string Type, JsonObject Event, string? Token, string Line)
{
    /// <summary>The envelope on <paramref name="line"/>, or null for anything else the kernel writes.</summary>
    public static KernelEvent? Parse(string line)
    {
        try
        {
            if (JsonNode.Parse(line) is JsonObject envelope && envelope["eventType"] is JsonValue type && type.TryGetValue<string>(out var eventType))
            {
                return new KernelEvent(eventType, envelope["event"] as JsonObject ?? [], Text(envelope["command"]?["token"]), line);
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    /// <summary>Caused by the command with <paramref name="token"/>, or by one of its child commands.</summary>
    public bool Concerns(string token) =>
        Token is { } own && (own == token || (own.Length > token.Length && own.StartsWith(token, StringComparison.Ordinal) && own[token.Length] == '.'));

    /// <summary>The end of the command with <paramref name="token"/> itself (a child command's end is not).</summary>
    public bool Completes(string token) => Token == token && Type is EventTypes.CommandSucceeded or EventTypes.CommandFailed;

    public string? ValueId => Text(Event["valueId"]);

    public string Message => Text(Event["message"]) ?? "";

    /// <summary>The formatted values to show, as MIME type and text (those marked <c>suppressDisplay</c> left out, as VS Code does).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> FormattedValues =>
        [.. (Event["formattedValues"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["suppressDisplay"] is not JsonValue suppress || !suppress.TryGetValue<bool>(out var hidden) || !hidden)
            .Select(v => new KeyValuePair<string, string>(Text(v["mimeType"]) ?? "text/plain", Text(v["value"]) ?? ""))];

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
