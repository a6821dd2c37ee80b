using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws;

/// <summary>
/// The one connection to the AWS services Fleetbook speaks to directly: signs, serializes by the service's
/// protocol and model, sends with retries, parses the response or the error.
/// </summary>
/// <remarks>
/// Inputs and outputs are JSON DOMs whose member names are the model's member names (as in botocore and the AWS
/// API reference, e.g. <c>QueueUrl</c>, <c>LaunchSpecifications</c>), whatever the wire uses. Canonical value forms:
/// timestamps are ISO-8601 strings (<c>DateTimeOffset.ToString("O")</c>), blobs are base64 strings, numbers and
/// booleans are JSON numbers and booleans, lists are arrays, maps and structures are objects.
/// </remarks>
public interface IAwsInvoker
{
    /// <summary>Calls <paramref name="operation"/> (its model name, such as "ReceiveMessage") and returns its output (an empty object when it has none).</summary>
    /// <exception cref="AwsServiceException">The service answered with an error, or never answered after every retry.</exception>
    Task<JsonObject> InvokeAsync(AwsService service, string operation, JsonObject input, CancellationToken cancellationToken);
}
