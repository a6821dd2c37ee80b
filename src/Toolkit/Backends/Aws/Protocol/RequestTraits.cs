using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>The operation traits every protocol applies the same way: the endpoint host prefix and request compression.</summary>
internal static partial class RequestTraits
{
    public static string? HostPrefix(ServiceModel model, OperationModel operation, JsonObject input)
    {
        if (operation.HostPrefix is null)
        {
            return null;
        }

        var labels = operation.InputShape is null ? [] : model.Shape(operation.InputShape).Members.Where(m => m.HostLabel).ToArray();
        return LabelPattern().Replace(operation.HostPrefix, match =>
        {
            var name = match.Groups[1].Value;
            var member = labels.FirstOrDefault(m => m.Name == name)
                ?? throw new InvalidOperationException($"{operation.Name}'s host prefix names the label '{name}', which is no host label of its input.");
            var value = input[member.Name] is JsonNode node ? InputValues.Text(node) : null;
            return value is not null && HostLabel().IsMatch(value)
                ? value
                : throw new ArgumentException($"{member.Name} goes into the host name and must be letters, digits and hyphens (1 to 63 characters).");
        });
    }

    /// <summary>Gzips the body of an operation with the requestcompression trait once it is large enough (the SDKs' rule).</summary>
    public static byte[] Compress(OperationModel operation, byte[] body, Dictionary<string, string> headers, ProtocolSettings settings)
    {
        if (settings.DisableRequestCompression || body.Length < settings.MinCompressionBytes
            || !operation.RequestCompression.Contains("gzip", StringComparer.OrdinalIgnoreCase))
        {
            return body;
        }

        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(body);
        }

        headers["Content-Encoding"] = headers.TryGetValue("Content-Encoding", out var existing) ? existing + ", gzip" : "gzip";
        return buffer.ToArray();
    }

    [GeneratedRegex(@"\{([^}]+)\}")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$")]
    private static partial Regex HostLabel();
}
