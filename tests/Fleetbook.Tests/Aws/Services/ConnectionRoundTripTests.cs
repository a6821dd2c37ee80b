using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Connection;
using Fleetbook.Tests.Aws.Connection;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// The typed clients over the real connection (an in-memory HTTP stack in place of AWS): each request is serialized by
/// the service's protocol, signed and sent; an answer in the service's wire format, synthesized from the embedded
/// model, reads back through the protocol into the typed response and fills every member it exposes.
/// </summary>
public class ConnectionRoundTripTests
{
    public static TheoryData<string> Operations => TypedOperations.Names();

    public static TheoryData<string> ExampleCalls => [.. DistributedSomethingCalls.All.Concat(FleetbookCalls.All).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task An_operation_goes_out_through_the_protocol_and_its_answer_reads_back_into_the_response(string name)
    {
        var operation = TypedOperations.Named(name);
        var model = BotocoreModel.LoadEmbedded(operation.Service.ModelName);
        var request = RecordSampler.Sample(operation.RequestType, model, model.InputShape(operation.Operation)!, operation.Json, onlyRequired: true);
        var output = model.OutputShape(operation.Operation) is { } shape ? ShapeSampler.Synthesize(model, shape).AsObject() : [];
        var handler = new StubHandler((_, _) => Answer(operation.Service, operation.Operation, model, output));
        using var connection = new AwsConnection(Options(handler));

        var response = await operation.InvokeAsync(connection, request);

        var sent = Assert.Single(handler.Requests);
        AssertAddressedTo(operation.Service, operation.Operation, sent);
        Assert.Empty(ReadMembers.Unfilled(response, operation.Json));
    }

    [Theory]
    [MemberData(nameof(ExampleCalls))]
    public async Task An_example_call_reaches_the_wire_with_its_members(string name)
    {
        var call = DistributedSomethingCalls.All.Concat(FleetbookCalls.All).Single(c => c.Name == name);
        var model = BotocoreModel.LoadEmbedded(call.Service.ModelName);
        var handler = new StubHandler((_, _) => Answer(call.Service, call.Operation, model, []));
        using var connection = new AwsConnection(Options(handler));

        await call.Make(AwsClients.Over(connection));

        var sent = Assert.Single(handler.Requests);
        AssertAddressedTo(call.Service, call.Operation, sent);
        if (call.Service.Protocol == AwsProtocol.Json)
        {
            var expected = WireSamples.Json(model, model.InputShape(call.Operation)!, call.Expected);
            var body = JsonNode.Parse(sent.Body);
            Assert.True(JsonNode.DeepEquals(expected, body), $"expected {expected!.ToJsonString()}\nsent     {body!.ToJsonString()}");
        }
    }

    private static void AssertAddressedTo(AwsService service, string operation, ReceivedRequest sent)
    {
        Assert.Equal("POST", sent.Method);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", sent.Headers["Authorization"], StringComparison.Ordinal);
        if (service.Protocol == AwsProtocol.Json)
        {
            Assert.Equal($"{service.TargetPrefix}.{operation}", sent.Headers["X-Amz-Target"]);
        }
        else
        {
            Assert.StartsWith($"Action={operation}&Version={service.ApiVersion}", Encoding.UTF8.GetString(sent.Body), StringComparison.Ordinal);
        }
    }

    private static HttpResponseMessage Answer(AwsService service, string operation, BotocoreModel model, JsonObject output) =>
        service.Protocol == AwsProtocol.Json
            ? StubHandler.Json(200, model.OutputShape(operation) is { } shape ? WireSamples.Json(model, shape, output)!.ToJsonString() : "{}")
            : StubHandler.Xml(200, WireSamples.Ec2Xml(model, operation, output));

    private static AwsConnectionOptions Options(HttpMessageHandler handler) => new()
    {
        Region = "us-east-1",
        Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"),
        HttpHandler = handler,
        Environment = _ => null,
        MaxAttempts = 1,
    };
}
