using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>
/// Every typed operation held to the official model: a request with every member filled, and one with only the
/// members its constructor requires, both validate against the operation's input shape; an output synthesized from
/// the output shape reads into the typed response and fills every member the response exposes.
/// </summary>
public class TypedOperationConformanceTests
{
    public static TheoryData<string> Operations => TypedOperations.Names();

    [AwsModelTheory]
    [MemberData(nameof(Operations))]
    public async Task A_request_with_every_member_set_validates_against_the_input_shape(string name)
    {
        var operation = TypedOperations.Named(name);
        var model = BotocoreModel.LoadShared(operation.Service.ModelName);
        var inputShape = model.InputShape(operation.Operation)!;
        var request = RecordSampler.Sample(operation.RequestType, model, inputShape, operation.Json, onlyRequired: false);
        var invoker = new RecordingAwsInvoker();

        await operation.InvokeAsync(invoker, request);

        var call = invoker.SingleCall;
        Assert.Equal(operation.Service, call.Service);
        Assert.Equal(operation.Operation, call.Operation);
        Assert.Empty(ShapeValidator.Validate(model, inputShape, call.Input));
        Assert.Equal(SerializedMemberCount(operation, request), call.Input.Count);
    }

    [AwsModelTheory]
    [MemberData(nameof(Operations))]
    public async Task A_request_with_only_its_required_parameters_carries_every_member_the_model_requires(string name)
    {
        var operation = TypedOperations.Named(name);
        var model = BotocoreModel.LoadShared(operation.Service.ModelName);
        var inputShape = model.InputShape(operation.Operation)!;
        var request = RecordSampler.Sample(operation.RequestType, model, inputShape, operation.Json, onlyRequired: true);
        var invoker = new RecordingAwsInvoker();

        await operation.InvokeAsync(invoker, request);

        Assert.Empty(ShapeValidator.Validate(model, inputShape, invoker.SingleCall.Input));
    }

    [AwsModelTheory]
    [MemberData(nameof(Operations))]
    public async Task An_output_synthesized_from_the_model_reads_into_the_response_and_fills_every_member(string name)
    {
        var operation = TypedOperations.Named(name);
        var model = BotocoreModel.LoadShared(operation.Service.ModelName);
        var inputShape = model.InputShape(operation.Operation)!;
        var request = RecordSampler.Sample(operation.RequestType, model, inputShape, operation.Json, onlyRequired: true);
        var output = model.OutputShape(operation.Operation) is { } outputShape ? ShapeSampler.Synthesize(model, outputShape).AsObject() : new JsonObject();
        var invoker = new RecordingAwsInvoker().Answer(operation.Operation, output);

        var response = await operation.InvokeAsync(invoker, request);

        Assert.IsType(operation.ResponseType, response);
        Assert.Empty(ReadMembers.Unfilled(response, operation.Json));
    }

    private static int SerializedMemberCount(TypedOperation operation, object request) =>
        ReadMembers.Serialized(operation.Json.GetTypeInfo(operation.RequestType)).Count();
}
