using System.Text.Json;
using System.Text.Json.Serialization;
using Fleetbook.Notebooks.Display;

namespace Fleetbook.Notebooks.FSharp;

/// <summary>
/// A message from the runner's code inside dotnet fsi to the runner, written into fsi's stdout/stderr between STX and
/// ETX so it can sit in the middle of a cell's own output: cell boundaries, displays, and display failures.
/// </summary>
internal sealed record Frame(
    [property: JsonPropertyName("k")] string Kind,
    [property: JsonPropertyName("cell")] string? Cell = null,
    [property: JsonPropertyName("id")] string? DisplayId = null,
    [property: JsonPropertyName("data")] IReadOnlyList<string[]>? Data = null,
    [property: JsonPropertyName("message")] string? Message = null)
{
    public const char Start = '\u0002';
    public const char End = '\u0003';
    public const string Tag = "fleetbook:";

    public const string Begin = "begin";
    public const string Finish = "end";
    public const string Fail = "fail";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public static Frame For(DisplayMessage message) => new(
        message.Kind.ToString().ToLowerInvariant(),
        DisplayId: message.DisplayId,
        Data: [.. message.Data.Entries.Select(e => new[] { e.Key, e.Value })]);

    public DisplayMessage? ToDisplay() => Enum.TryParse<DisplayKind>(Kind, ignoreCase: true, out var kind) && DisplayId is not null
        ? new DisplayMessage(kind, DisplayId, new MimeBundle([.. (Data ?? []).Where(p => p.Length == 2).Select(p => new KeyValuePair<string, string>(p[0], p[1]))]))
        : null;

    /// <summary>JSON escapes control characters, so the text never holds a raw ETX.</summary>
    public string Encode() => Start + Tag + JsonSerializer.Serialize(this, Json) + End;

    public static Frame? Decode(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<Frame>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
