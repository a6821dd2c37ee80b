using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>Distributed-Something's calls and Fleetbook's own, through the typed clients: the exact input each sends.</summary>
public class ExampleCallTests
{
    public static TheoryData<string> DistributedSomething => DistributedSomethingCalls.Names();

    public static TheoryData<string> Fleetbook => FleetbookCalls.Names();

    [Theory]
    [MemberData(nameof(DistributedSomething))]
    public Task A_Distributed_Something_call_sends_exactly_its_parameters(string name) => SendsExactly(DistributedSomethingCalls.Named(name));

    [Theory]
    [MemberData(nameof(Fleetbook))]
    public Task A_Fleetbook_call_sends_exactly_its_parameters(string name) => SendsExactly(FleetbookCalls.Named(name));

    internal static async Task<RecordedCall> MakeAsync(ExampleCall call)
    {
        var invoker = new RecordingAwsInvoker();
        await call.Make(AwsClients.Over(invoker));
        return invoker.SingleCall;
    }

    private static async Task SendsExactly(ExampleCall call)
    {
        var sent = await MakeAsync(call);

        Assert.Equal(call.Service, sent.Service);
        Assert.Equal(call.Operation, sent.Operation);
        Assert.True(JsonNode.DeepEquals(call.Expected, sent.Input), $"expected {call.Expected.ToJsonString()}\nsent     {sent.Input.ToJsonString()}");
    }
}

/// <summary>Every example call's input validates against the official model.</summary>
public class ExampleCallConformanceTests
{
    public static TheoryData<string> All => [.. DistributedSomethingCalls.All.Concat(FleetbookCalls.All).Select(c => c.Name)];

    [AwsModelTheory]
    [MemberData(nameof(All))]
    public async Task A_call_validates_against_the_official_model(string name)
    {
        var call = DistributedSomethingCalls.All.Concat(FleetbookCalls.All).Single(c => c.Name == name);
        var model = BotocoreModel.LoadShared(call.Service.ModelName);

        var sent = await ExampleCallTests.MakeAsync(call);

        Assert.Empty(ShapeValidator.Validate(model, model.InputShape(call.Operation)!, sent.Input));
    }
}
