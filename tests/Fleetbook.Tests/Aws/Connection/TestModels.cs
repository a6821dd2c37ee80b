using System.Text.Json;
using Fleetbook.Backends.Aws;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Tests.Aws.Connection;

/// <summary>Small service models written for the tests, so that connection tests need neither the shared models nor the embedded ones.</summary>
internal static class TestModels
{
    public const string Sqs = """
        {"metadata":{"protocol":"json","apiVersion":"2012-11-05","jsonVersion":"1.0","targetPrefix":"AmazonSQS","awsQueryCompatible":{},"serviceId":"SQS","endpointPrefix":"sqs"},
         "operations":{
           "GetQueueUrl":{"name":"GetQueueUrl","http":{"method":"POST","requestUri":"/"},"input":{"shape":"GetQueueUrlRequest"},"output":{"shape":"GetQueueUrlResult"},"errors":[{"shape":"QueueDoesNotExist"}]},
           "SendMessage":{"name":"SendMessage","http":{"method":"POST","requestUri":"/"},"input":{"shape":"SendMessageRequest"},"output":{"shape":"SendMessageResult"}}},
         "shapes":{
           "GetQueueUrlRequest":{"type":"structure","required":["QueueName"],"members":{"QueueName":{"shape":"String"}}},
           "GetQueueUrlResult":{"type":"structure","members":{"QueueUrl":{"shape":"String"}}},
           "SendMessageRequest":{"type":"structure","required":["QueueUrl","MessageBody"],"members":{"QueueUrl":{"shape":"String"},"MessageBody":{"shape":"String"},"DelaySeconds":{"shape":"Integer"}}},
           "SendMessageResult":{"type":"structure","members":{"MessageId":{"shape":"String"}}},
           "QueueDoesNotExist":{"type":"structure","members":{"message":{"shape":"String"}},"exception":true},
           "Integer":{"type":"integer"},
           "String":{"type":"string"}}}
        """;

    public const string Ecs = """
        {"metadata":{"protocol":"json","apiVersion":"2014-11-13","jsonVersion":"1.1","targetPrefix":"AmazonEC2ContainerServiceV20141113","serviceId":"ECS","endpointPrefix":"ecs"},
         "operations":{
           "DescribeClusters":{"name":"DescribeClusters","http":{"method":"POST","requestUri":"/"},"input":{"shape":"DescribeClustersRequest"},"output":{"shape":"DescribeClustersResponse"}}},
         "shapes":{
           "DescribeClustersRequest":{"type":"structure","members":{"clusters":{"shape":"StringList"}}},
           "DescribeClustersResponse":{"type":"structure","members":{"clusters":{"shape":"Clusters"}}},
           "Clusters":{"type":"list","member":{"shape":"Cluster"}},
           "Cluster":{"type":"structure","members":{"clusterName":{"shape":"String"},"registeredContainerInstancesCount":{"shape":"Integer"}}},
           "StringList":{"type":"list","member":{"shape":"String"}},
           "Integer":{"type":"integer"},
           "String":{"type":"string"}}}
        """;

    public const string Ec2 = """
        {"metadata":{"protocol":"ec2","apiVersion":"2016-11-15","serviceId":"EC2","endpointPrefix":"ec2"},
         "operations":{
           "DescribeInstances":{"name":"DescribeInstances","http":{"method":"POST","requestUri":"/"},"input":{"shape":"DescribeInstancesRequest"},"output":{"shape":"DescribeInstancesResult"}}},
         "shapes":{
           "DescribeInstancesRequest":{"type":"structure","members":{"InstanceIds":{"shape":"InstanceIdStringList","locationName":"InstanceId"},"DryRun":{"shape":"Boolean","locationName":"dryRun"}}},
           "InstanceIdStringList":{"type":"list","member":{"shape":"String","locationName":"InstanceId"}},
           "DescribeInstancesResult":{"type":"structure","members":{"Reservations":{"shape":"ReservationList","locationName":"reservationSet"}}},
           "ReservationList":{"type":"list","member":{"shape":"Reservation","locationName":"item"}},
           "Reservation":{"type":"structure","members":{"ReservationId":{"shape":"String","locationName":"reservationId"}}},
           "Boolean":{"type":"boolean"},
           "String":{"type":"string"}}}
        """;

    public static ServiceModel For(AwsService service) => Read(service.Id switch
    {
        "SQS" => Sqs,
        "ECS" => Ecs,
        "EC2" => Ec2,
        _ => throw new ArgumentException($"No test model for {service.Id}."),
    });

    public static ServiceModel Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return ServiceModelReader.Read(document.RootElement);
    }
}
