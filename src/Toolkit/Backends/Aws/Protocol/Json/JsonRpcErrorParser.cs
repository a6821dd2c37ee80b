using System.Text.Json;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>Reads an AWS JSON error answer: its code, message, request id and modeled fields.</summary>
internal static class JsonRpcErrorParser
{
    public static AwsErrorInfo Parse(ServiceModel model, OperationModel operation, ProtocolResponse response)
    {
        using var document = TryParse(response.Body);
        var body = document?.RootElement;

        var bodyCode = Sanitize(Text(body, "__type") ?? Text(body, "code") ?? Text(body, "Code"));
        var headerCode = Sanitize(response.Header("X-Amzn-Errortype"));
        var queryCode = model.Metadata.AwsQueryCompatible ? QueryErrorCode(response.Header("x-amzn-query-error")) : null;
        var code = queryCode ?? headerCode ?? bodyCode ?? response.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var message = Text(body, "message") ?? Text(body, "Message") ?? Text(body, "errorMessage") ?? "";
        var requestId = response.Header("x-amzn-RequestId") ?? response.Header("x-amz-request-id");

        var shape = ErrorShapes.Find(model, operation, code, headerCode ?? bodyCode);
        var fields = shape is not null && body is { ValueKind: JsonValueKind.Object } element
            ? ErrorShapes.ReadFields(() => JsonRpcDeserializer.ReadStructure(model, shape, element))
            : new JsonObject();
        return new AwsErrorInfo(code, message, requestId, fields);
    }

    /// <summary>
    /// "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/..." → "FooError": drop the URI
    /// suffix, then the namespace.
    /// </summary>
    public static string? Sanitize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        return (hash >= 0 ? code[(hash + 1)..] : code).Trim();
    }

    /// <summary>"AWS.SimpleQueueService.NonExistentQueue;Sender" → "AWS.SimpleQueueService.NonExistentQueue".</summary>
    public static string? QueryErrorCode(string? header)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        var semicolon = header.IndexOf(';', StringComparison.Ordinal);
        var code = (semicolon >= 0 ? header[..semicolon] : header).Trim();
        return code.Length == 0 ? null : code;
    }

    private static JsonDocument? TryParse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null; // an HTML page from a proxy or a load balancer
        }
    }

    private static string? Text(JsonElement? element, string property) =>
        element is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
