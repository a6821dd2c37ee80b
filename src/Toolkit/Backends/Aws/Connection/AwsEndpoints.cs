using System.Net;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>Where a service is reached, and what said so (for messages that tell the user what to change).</summary>
/// <param name="Uri">The endpoint.</param>
/// <param name="Source">"AWS_ENDPOINT_URL_SQS", "AWS_ENDPOINT_URL", "options" or "region".</param>
public sealed record AwsEndpoint(Uri Uri, string Source)
{
    /// <summary>Not AWS's own endpoint for the region: an emulator, a proxy, a VPC endpoint.</summary>
    public bool IsCustom => Source != AwsEndpoints.RegionSource;
}

/// <summary>Endpoint resolution as the SDKs do it, with Fleetbook's options between the environment and the default.</summary>
public static class AwsEndpoints
{
    public const string RegionSource = "region";

    /// <summary>
    /// AWS_ENDPOINT_URL_&lt;ID&gt; (ID as in <see cref="AwsService.Id"/>), then AWS_ENDPOINT_URL (both ignored when
    /// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true), then <paramref name="configured"/>, then
    /// https://&lt;prefix&gt;.&lt;region&gt;.amazonaws.com (.amazonaws.com.cn in China); null when it comes to the
    /// default and there is no region.
    /// </summary>
    /// <exception cref="InvalidOperationException">An AWS_ENDPOINT_URL variable is not an http(s) URL.</exception>
    public static AwsEndpoint? Resolve(
        AwsService service, string? region, IReadOnlyDictionary<string, Uri> configured, Func<string, string?> environment)
    {
        if (!string.Equals(environment("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var variable in new[] { "AWS_ENDPOINT_URL_" + service.Id, "AWS_ENDPOINT_URL" })
            {
                var value = environment(variable);
                if (!string.IsNullOrWhiteSpace(value))
                {
                    return new AwsEndpoint(Parse(value.Trim(), variable), variable);
                }
            }
        }

        if (configured.TryGetValue(service.Id, out var endpoint))
        {
            return new AwsEndpoint(endpoint, "options");
        }

        return string.IsNullOrEmpty(region) ? null : new AwsEndpoint(Default(service, region), RegionSource);
    }

    public static Uri Default(AwsService service, string region) =>
        new($"https://{service.EndpointPrefix}.{region}.{(region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com")}");

    /// <summary>
    /// The request's address: the endpoint's path joined with the request path, and the operation's host prefix
    /// in front of the host when <paramref name="applyHostPrefix"/> (never for IP addresses or localhost).
    /// </summary>
    public static Uri RequestUri(Uri endpoint, SerializedRequest request, bool applyHostPrefix)
    {
        var builder = new UriBuilder(endpoint);
        if (applyHostPrefix && request.HostPrefix is { Length: > 0 } prefix
            && !IPAddress.TryParse(builder.Host, out _) && !string.Equals(builder.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            builder.Host = prefix + builder.Host;
        }

        builder.Path = builder.Path.TrimEnd('/') + (request.Path.StartsWith('/') ? request.Path : "/" + request.Path);
        return builder.Uri;
    }

    private static Uri Parse(string value, string source) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new InvalidOperationException($"{source} is set to '{value}', which is not an http:// or https:// URL.");
}
