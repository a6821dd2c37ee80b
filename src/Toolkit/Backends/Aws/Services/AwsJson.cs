using System.Text.Json;
using System.Text.Json.Serialization;

namespace Fleetbook.Backends.Aws.Services;

/// <summary>
/// How the typed records map to the JSON DOM the connection speaks: the model's member names (camelCase for ECS and
/// CloudWatch Logs, PascalCase for EC2 and CloudWatch), unset optional members left out, enums as the model's exact
/// strings, timestamps as ISO-8601 strings.
/// </summary>
internal static class AwsJson
{
    /// <summary>ECS and CloudWatch Logs: <c>clusterName</c>, <c>logGroupName</c>.</summary>
    public static JsonSerializerOptions CamelCase { get; } = Create(JsonNamingPolicy.CamelCase);

    /// <summary>EC2 and CloudWatch: <c>SpotFleetRequestId</c>, <c>AlarmName</c> (the C# names as they are).</summary>
    public static JsonSerializerOptions PascalCase { get; } = Create(null);

    private static JsonSerializerOptions Create(JsonNamingPolicy? naming)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = naming,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNameCaseInsensitive = false,
            NumberHandling = JsonNumberHandling.Strict,
            Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false), new IsoTimestampConverter() },
        };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

/// <summary>A model <c>timestamp</c>: an ISO-8601 string in UTC on the way out; an ISO-8601 string (or epoch seconds) on the way in.</summary>
internal sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => DateTimeOffset.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        JsonTokenType.Number => DateTimeOffset.UnixEpoch.AddTicks((long)(reader.GetDouble() * TimeSpan.TicksPerSecond)),
        _ => throw new JsonException($"expected a timestamp, found {reader.TokenType}"),
    };

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>
/// A CloudWatch Logs time: the model types it <c>long</c>, milliseconds since the Unix epoch; the records show it as a
/// <see cref="DateTimeOffset"/>.
/// </summary>
internal sealed class EpochMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Number
            ? DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64())
            : throw new JsonException($"expected milliseconds since the Unix epoch, found {reader.TokenType}");

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds());
}
