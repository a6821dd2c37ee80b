using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Models;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Tests.Aws.Connection;

/// <summary>What the serializers accept and refuse, beyond what the official suites cover.</summary>
public sealed class ProtocolInputTests
{
    private static readonly ServiceModel Sqs = TestModels.For(AwsService.Sqs);
    private static readonly ServiceModel Ec2 = TestModels.For(AwsService.Ec2);

    [Fact]
    public void A_missing_required_member_is_named()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() => Serialize(Sqs, "SendMessage", new JsonObject { ["QueueUrl"] = "q" }));

        // Assert
        Assert.Equal("MessageBody is required by SendMessageRequest.", error.Message);
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_named_with_its_path()
    {
        // Act
        var error = Assert.Throws<ArgumentException>(() =>
            Serialize(Sqs, "SendMessage", new JsonObject { ["QueueUrl"] = "q", ["MessageBody"] = "b", ["DelaySeconds"] = "soon" }));

        // Assert
        Assert.StartsWith("DelaySeconds must be a whole number", error.Message);
    }

    [Fact]
    public void Null_members_are_left_out_as_if_absent()
    {
        // Act
        var body = Serialize(Sqs, "SendMessage", new JsonObject { ["QueueUrl"] = "q", ["MessageBody"] = "b", ["DelaySeconds"] = null });

        // Assert
        Assert.Equal("""{"QueueUrl":"q","MessageBody":"b"}""", body);
    }

    [Fact]
    public void Values_built_in_code_are_accepted_whatever_CLR_type_backs_them()
    {
        // Arrange
        var model = TestModels.Read("""
            {"metadata":{"protocol":"json","apiVersion":"1","jsonVersion":"1.1","targetPrefix":"T"},
             "operations":{"Put":{"name":"Put","input":{"shape":"In"}}},
             "shapes":{"In":{"type":"structure","members":{"Count":{"shape":"I"},"Ratio":{"shape":"D"},"At":{"shape":"Ts"},"Id":{"shape":"S"}}},
                       "I":{"type":"integer"},"D":{"type":"double"},"Ts":{"type":"timestamp"},"S":{"type":"string"}}}
            """);
        var input = new JsonObject
        {
            ["Count"] = 3,
            ["Ratio"] = 2,
            ["At"] = JsonValue.Create(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 250, TimeSpan.FromHours(1))),
            ["Id"] = JsonValue.Create(Guid.Empty),
        };

        // Act
        var body = Serialize(model, "Put", input);

        // Assert
        Assert.Equal("""{"Count":3,"Ratio":2,"At":1767319445.25,"Id":"00000000-0000-0000-0000-000000000000"}""", body);
    }

    [Fact]
    public void EC2_lists_that_are_empty_are_left_out()
    {
        // Act
        var body = Serialize(Ec2, "DescribeInstances", new JsonObject { ["InstanceIds"] = new JsonArray() });

        // Assert
        Assert.Equal("Action=DescribeInstances&Version=2016-11-15", body);
    }

    [Fact]
    public void Form_values_are_percent_encoded_as_RFC_3986_requires()
    {
        // Act
        var body = Serialize(Ec2, "DescribeInstances", new JsonObject { ["InstanceIds"] = new JsonArray("a b+c/é~") });

        // Assert
        Assert.Equal("Action=DescribeInstances&Version=2016-11-15&InstanceId.1=a%20b%2Bc%2F%C3%A9~", body);
    }

    [Fact]
    public void A_model_that_is_not_embedded_is_named_with_its_resource()
    {
        // Act
        var error = Assert.Throws<InvalidOperationException>(() => ModelLoader.LoadEmbedded("no-such-service"));

        // Assert
        Assert.Contains("Fleetbook.Backends.Aws.Models.no-such-service.json", error.Message);
    }

    [Fact]
    public void A_model_file_is_read_with_its_operations_and_shapes()
    {
        // Arrange
        using var folder = new Fleetbook.Tests.Support.TempFolder("aws-model");
        var path = folder.Write("sqs.json", TestModels.Sqs);

        // Act
        var model = ModelLoader.LoadFile(path);

        // Assert
        Assert.Equal(("json", "AmazonSQS", true), (model.Metadata.Protocol, model.Metadata.TargetPrefix, model.Metadata.AwsQueryCompatible));
        Assert.Equal(["MessageBody", "QueueUrl"], model.Shape(model.Operation("SendMessage").InputShape!).Required.Order());
    }

    private static string Serialize(ServiceModel model, string operation, JsonObject input) =>
        Encoding.UTF8.GetString(AwsProtocols.For(model.Metadata).Serialize(model, model.Operation(operation), input).Body);
}
