using System.Text.Json.Nodes;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Services;

/// <summary>The oracle itself: the validator rejects what the model forbids, and the samplers produce what it allows.</summary>
public class ShapeValidatorConformanceTests
{
    [AwsModelFact]
    public void A_valid_input_passes()
    {
        var model = BotocoreModel.LoadShared("ec2");
        var input = JsonNode.Parse("""{"SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:08:09Z","EventType":"error","MaxResults":1000}""");

        var problems = ShapeValidator.Validate(model, "DescribeSpotFleetRequestHistoryRequest", input);

        Assert.Empty(problems);
    }

    [AwsModelTheory]
    [InlineData("""{"SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:08:09Z","Eventtype":"error"}""", "has no member Eventtype")]
    [InlineData("""{"SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:08:09Z","EventType":"Error"}""", "is not a legal EventType")]
    [InlineData("""{"SpotFleetRequestId":"sfr-1"}""", "requires StartTime")]
    [InlineData("""{"SpotFleetRequestId":"sfr-1","StartTime":"yesterday"}""", "is not an ISO-8601 timestamp")]
    [InlineData("""{"SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:08:09Z","MaxResults":1001}""", "above the maximum")]
    [InlineData("""{"SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:08:09Z","MaxResults":"10"}""", "expected a whole number")]
    [InlineData("""{"SpotFleetRequestId":["sfr-1"],"StartTime":"2024-05-06T07:08:09Z"}""", "expected String")]
    [InlineData("""{"SpotFleetRequestId":"sfr-1","StartTime":"2024-05-06T07:08:09Z","DryRun":"true"}""", "expected true or false")]
    public void An_input_the_model_forbids_is_rejected_with_the_reason(string json, string reason)
    {
        var model = BotocoreModel.LoadShared("ec2");

        var problems = ShapeValidator.Validate(model, "DescribeSpotFleetRequestHistoryRequest", JsonNode.Parse(json));

        Assert.Contains(problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [AwsModelTheory]
    [InlineData("""{"logGroupName":"a b"}""", "does not match")]
    [InlineData("""{"logGroupName":""}""", "below the minimum")]
    [InlineData("""{"logGroupName":"g","tags":{"k":1}}""", "expected String")]
    [InlineData("""{"logGroupName":"g","tags":[]}""", "expected a map")]
    public void Patterns_lengths_and_maps_are_checked(string json, string reason)
    {
        var model = BotocoreModel.LoadShared("logs");

        var problems = ShapeValidator.Validate(model, "CreateLogGroupRequest", JsonNode.Parse(json));

        Assert.Contains(problems, p => p.Contains(reason, StringComparison.Ordinal));
    }

    [AwsModelTheory]
    [InlineData("ec2", "SpotFleetRequestConfigData")]
    [InlineData("ec2", "CreateFleetRequest")]
    [InlineData("ecs", "RegisterTaskDefinitionRequest")]
    [InlineData("cloudwatch", "PutMetricAlarmInput")]
    [InlineData("logs", "PutLogEventsRequest")]
    public void A_synthesized_sample_validates_against_its_own_shape(string service, string shape)
    {
        var model = BotocoreModel.LoadShared(service);

        Assert.Empty(ShapeValidator.Validate(model, shape, ShapeSampler.Synthesize(model, shape)));
        Assert.Empty(ShapeValidator.Validate(model, shape, ShapeSampler.Synthesize(model, shape, onlyRequired: true)));
    }
}
