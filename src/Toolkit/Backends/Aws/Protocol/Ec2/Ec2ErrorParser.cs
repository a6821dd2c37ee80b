using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>
/// Reads EC2's error document,
/// <c>&lt;Response&gt;&lt;Errors&gt;&lt;Error&gt;&lt;Code/&gt;&lt;Message/&gt;&lt;/Error&gt;&lt;/Errors&gt;&lt;RequestID/&gt;&lt;/Response&gt;</c>
/// (and the query protocol's <c>&lt;ErrorResponse&gt;</c> variant, which proxies in front of EC2 sometimes send).
/// </summary>
internal static class Ec2ErrorParser
{
    public static AwsErrorInfo Parse(ServiceModel model, OperationModel operation, ProtocolResponse response)
    {
        var root = Ec2XmlDeserializer.Load(response.Body)?.Root;
        var error = root?.DescendantsAndSelf().FirstOrDefault(e => e.Name.LocalName == "Error");
        var code = Child(error, "Code") ?? response.StatusCode.ToString(CultureInfo.InvariantCulture);
        var message = Child(error, "Message") ?? "";
        var requestId = root?.Descendants().FirstOrDefault(e => e.Name.LocalName is "RequestID" or "RequestId" or "requestId")?.Value.Trim()
            ?? response.Header("x-amzn-RequestId");

        var shape = ErrorShapes.Find(model, operation, code);
        var fields = shape is not null && error is not null ? ErrorShapes.ReadFields(() => Ec2XmlDeserializer.ReadStructure(model, shape, error)) : new JsonObject();
        return new AwsErrorInfo(code, message, requestId, fields);
    }

    private static string? Child(System.Xml.Linq.XElement? element, string name) =>
        element is null ? null : Ec2XmlDeserializer.Children(element, name).FirstOrDefault()?.Value.Trim();
}
