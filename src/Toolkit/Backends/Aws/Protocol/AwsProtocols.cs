using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>A wire protocol: lays out requests and reads answers, driven by a service model.</summary>
public interface IAwsProtocol
{
    /// <exception cref="ArgumentException">The input does not fit the operation's input shape.</exception>
    SerializedRequest Serialize(ServiceModel model, OperationModel operation, JsonObject input);

    /// <summary>Reads a successful answer into the canonical DOM of the operation's output shape.</summary>
    JsonObject ReadOutput(ServiceModel model, OperationModel operation, ProtocolResponse response);

    /// <summary>Reads an error answer.</summary>
    AwsErrorInfo ReadError(ServiceModel model, OperationModel operation, ProtocolResponse response);
}

public static class AwsProtocols
{
    /// <summary>The protocol the model's metadata names ("json" or "ec2").</summary>
    public static IAwsProtocol For(ServiceMetadata metadata, ProtocolSettings? settings = null) => metadata.Protocol switch
    {
        "json" => new JsonRpcProtocol(settings ?? ProtocolSettings.Default),
        "ec2" => new Ec2QueryProtocol(settings ?? ProtocolSettings.Default),
        _ => throw new NotSupportedException($"The {metadata.Protocol} protocol is not supported; Fleetbook speaks AWS JSON 1.0/1.1 and the EC2 query protocol."),
    };
}

/// <summary>AWS JSON 1.0 and 1.1: POST /, X-Amz-Target names the operation, JSON in and out.</summary>
internal sealed class JsonRpcProtocol(ProtocolSettings settings) : IAwsProtocol
{
    public SerializedRequest Serialize(ServiceModel model, OperationModel operation, JsonObject input)
    {
        var metadata = model.Metadata;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = $"application/x-amz-json-{metadata.JsonVersion ?? "1.0"}",
            ["X-Amz-Target"] = $"{metadata.TargetPrefix}.{operation.Name}",
        };
        if (metadata.AwsQueryCompatible)
        {
            headers["x-amzn-query-mode"] = "true"; // the SDKs tell such services that the client reads query-era error codes
        }

        var body = JsonRpcSerializer.Body(model, operation, input, settings);
        body = RequestTraits.Compress(operation, body, headers, settings);
        return new SerializedRequest(operation.HttpMethod, operation.RequestUri, headers, body, RequestTraits.HostPrefix(model, operation, input));
    }

    public JsonObject ReadOutput(ServiceModel model, OperationModel operation, ProtocolResponse response) =>
        JsonRpcDeserializer.Output(model, operation.OutputShape, response.Body);

    public AwsErrorInfo ReadError(ServiceModel model, OperationModel operation, ProtocolResponse response) =>
        JsonRpcErrorParser.Parse(model, operation, response);
}

/// <summary>The EC2 query protocol: a form-encoded POST, an XML answer.</summary>
internal sealed class Ec2QueryProtocol(ProtocolSettings settings) : IAwsProtocol
{
    public SerializedRequest Serialize(ServiceModel model, OperationModel operation, JsonObject input)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Content-Type"] = "application/x-www-form-urlencoded",
        };
        var body = Ec2QuerySerializer.Body(model, operation, input, settings);
        body = RequestTraits.Compress(operation, body, headers, settings);
        return new SerializedRequest(operation.HttpMethod, operation.RequestUri, headers, body, RequestTraits.HostPrefix(model, operation, input));
    }

    public JsonObject ReadOutput(ServiceModel model, OperationModel operation, ProtocolResponse response) =>
        Ec2XmlDeserializer.Output(model, operation.OutputShape, response.Body);

    public AwsErrorInfo ReadError(ServiceModel model, OperationModel operation, ProtocolResponse response) =>
        Ec2ErrorParser.Parse(model, operation, response);
}
