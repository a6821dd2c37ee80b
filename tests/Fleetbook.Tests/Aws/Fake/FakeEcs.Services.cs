using System.Globalization;
using System.Text.Json.Nodes;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>ECS services, tasks and container instances as the API shows them.</summary>
internal sealed partial class FakeEcs
{
    private JsonObject CreateService(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var name = input.Str("serviceName")!;
        if (!NamePattern.IsMatch(name))
        {
            throw new FakeAwsException("InvalidParameterException", "Service name can only contain letters (uppercase and lowercase), numbers, underscores and hyphens, up to 255.");
        }

        if (_services.Any(s => s.ClusterName == cluster.Name && s.Name == name && s.Status != "INACTIVE"))
        {
            throw new FakeAwsException("InvalidParameterException", "Creation of service was not idempotent.");
        }

        var schedulingStrategy = input.Str("schedulingStrategy") ?? "REPLICA";
        if (schedulingStrategy == "DAEMON")
        {
            throw new NotSupportedException("DAEMON services");
        }

        var definition = TaskDefinition(input.Str("taskDefinition") ?? throw new FakeAwsException("InvalidParameterException", "A task definition is required for a service without an external deployment controller."));
        if (definition.Status != "ACTIVE")
        {
            throw new FakeAwsException("ClientException", "TaskDefinition is inactive.");
        }

        var launchType = input.Str("launchType");
        var strategy = input["capacityProviderStrategy"] as JsonArray;
        if (launchType is not null && strategy is { Count: > 0 })
        {
            throw new FakeAwsException("InvalidParameterException", "Specifying both a launch type and capacity provider strategy is not supported. Remove one and try again.");
        }

        if (launchType is null && strategy is null && cluster.DefaultStrategy.Count > 0)
        {
            strategy = (JsonArray)cluster.DefaultStrategy.DeepClone();
        }

        var desired = input.Int("desiredCount") ?? throw new FakeAwsException("InvalidParameterException", "desiredCount is required for a service with the REPLICA scheduling strategy.");
        if (desired < 0)
        {
            throw new FakeAwsException("InvalidParameterException", "desiredCount cannot be negative.");
        }

        var service = new EcsService
        {
            Name = name,
            Arn = $"{ArnPrefix}service/{cluster.Name}/{name}",
            ClusterName = cluster.Name,
            DesiredCount = desired,
            TaskDefinitionArn = definition.Arn,
            LaunchType = launchType ?? (strategy is { Count: > 0 } ? null : "EC2"),
            CapacityProviderStrategy = strategy is { Count: > 0 } ? (JsonArray)strategy.DeepClone() : null,
            NetworkConfiguration = input.Obj("networkConfiguration")?.DeepClone() as JsonObject,
            SchedulingStrategy = schedulingStrategy,
            PropagateTags = input.Str("propagateTags"),
            CreatedAt = server.Now,
            UpdatedAt = server.Now,
            DeploymentId = NewDeploymentId(),
            Created = ModelMembers(input, "Service"),
        };
        CheckLaunch(cluster, service, definition);
        foreach (var (key, value) in input.KeyValueTags("tags"))
        {
            service.Tags[key] = value;
        }

        _services.Add(service);
        return new JsonObject { ["service"] = ServiceJson(service, includeTags: true) };
    }

    /// <summary>What ECS checks of a service's launch type, capacity providers and network configuration.</summary>
    private void CheckLaunch(EcsCluster cluster, EcsService service, EcsTaskDefinition definition)
    {
        foreach (var item in (service.CapacityProviderStrategy ?? []).OfType<JsonObject>())
        {
            if (!cluster.CapacityProviders.Contains(item.Str("capacityProvider") ?? ""))
            {
                throw new FakeAwsException("InvalidParameterException",
                    "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster. Associate the capacity provider with the cluster or specify a valid capacity provider and try again.");
            }
        }

        if (service.LaunchType is "EXTERNAL" or "MANAGED_INSTANCES")
        {
            throw new NotSupportedException($"launch type {service.LaunchType}");
        }

        if (service.IsFargate && !definition.FargateCompatible)
        {
            throw new FakeAwsException("InvalidParameterException", "Task definition does not support launch_type FARGATE.");
        }

        var awsvpc = service.IsFargate || definition.Registered.Str("networkMode") == "awsvpc";
        var vpc = service.NetworkConfiguration?.Obj("awsvpcConfiguration");
        if (awsvpc && vpc is null)
        {
            throw new FakeAwsException("InvalidParameterException", "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }

        if (!awsvpc && vpc is not null)
        {
            throw new FakeAwsException("InvalidParameterException", "Network Configuration is not valid for the given networkMode of this task definition.");
        }

        if (vpc is null)
        {
            return;
        }

        var subnets = vpc.Strings("subnets");
        if (subnets.Count == 0)
        {
            throw new FakeAwsException("InvalidParameterException", "subnets can not be empty.");
        }

        foreach (var subnet in subnets.Where(s => !server.KnownSubnetIds.Contains(s)))
        {
            throw new FakeAwsException("InvalidParameterException", $"Error retrieving subnet information for [{subnet}]: The subnet ID '{subnet}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidSubnetID.NotFound)");
        }

        foreach (var group in vpc.Strings("securityGroups").Where(g => !server.KnownSecurityGroupIds.Contains(g)))
        {
            throw new FakeAwsException("InvalidParameterException", $"Error retrieving security group information for [{group}]: The security group '{group}' does not exist (Service: AmazonEC2; Status Code: 400; Error Code: InvalidGroup.NotFound)");
        }

        if (vpc.Str("assignPublicIp") == "ENABLED" && !service.IsFargate)
        {
            throw new FakeAwsException("InvalidParameterException", "Assign public IP is not supported for this launch type.");
        }
    }

    private JsonObject UpdateService(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var service = Service(cluster, input.Str("service")!);
        if (service.Status != "ACTIVE")
        {
            throw new FakeAwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        }

        var definition = TaskDefinition(service.TaskDefinitionArn);
        var changedDeployment = input.Bool("forceNewDeployment") == true;
        if (input.Str("taskDefinition") is { } reference)
        {
            definition = TaskDefinition(reference);
            if (definition.Status != "ACTIVE")
            {
                throw new FakeAwsException("ClientException", "TaskDefinition is inactive.");
            }

            changedDeployment |= definition.Arn != service.TaskDefinitionArn;
            service.TaskDefinitionArn = definition.Arn;
        }

        if (input["capacityProviderStrategy"] is JsonArray strategy)
        {
            service.CapacityProviderStrategy = strategy.Count > 0 ? (JsonArray)strategy.DeepClone() : null;
            service.LaunchType = strategy.Count > 0 ? null : "EC2";
            changedDeployment = true;
        }

        if (input.Obj("networkConfiguration") is { } network)
        {
            service.NetworkConfiguration = (JsonObject)network.DeepClone();
            changedDeployment = true;
        }

        CheckLaunch(cluster, service, definition);
        if (input.Int("desiredCount") is { } desired)
        {
            if (desired < 0)
            {
                throw new FakeAwsException("InvalidParameterException", "desiredCount cannot be negative.");
            }

            service.DesiredCount = desired;
        }

        if (input.Str("propagateTags") is { } propagate)
        {
            service.PropagateTags = propagate;
        }

        if (changedDeployment)
        {
            // A new deployment replaces every task (the fake stops the old ones at once rather than rolling).
            service.DeploymentId = NewDeploymentId();
            foreach (var task in _tasks.Where(t => t.ServiceName == service.Name && t.ClusterName == service.ClusterName && t.DesiredStatus == "RUNNING"))
            {
                StopTaskProcess(task, "ServiceSchedulerInitiated", $"Task stopped by a new deployment of the service (deployment {service.DeploymentId}).");
            }
        }

        service.UpdatedAt = server.Now;
        service.NextStartAttempt = server.Now;
        return new JsonObject { ["service"] = ServiceJson(service, includeTags: false) };
    }

    private JsonObject DeleteService(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var service = Service(cluster, input.Str("service")!);
        if (service.Status != "ACTIVE")
        {
            throw new FakeAwsException("ServiceNotActiveException", "Service was not ACTIVE.");
        }

        if (service.DesiredCount > 0 && input.Bool("force") != true)
        {
            throw new FakeAwsException("InvalidParameterException", "The service cannot be stopped while it is scaled above 0.");
        }

        service.Status = "DRAINING";
        service.DesiredCount = 0;
        service.UpdatedAt = server.Now;
        return new JsonObject { ["service"] = ServiceJson(service, includeTags: false) };
    }

    private JsonObject DescribeServices(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var references = input.Strings("services");
        if (references.Count > 10)
        {
            throw new FakeAwsException("InvalidParameterException", "At most 10 services can be described at once.");
        }

        var includeTags = input.Strings("include").Contains("TAGS");
        var services = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in references)
        {
            var service = FindService(cluster, reference);
            if (service is null)
            {
                failures.Add(new JsonObject { ["arn"] = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : $"{ArnPrefix}service/{cluster.Name}/{reference}", ["reason"] = "MISSING" });
            }
            else
            {
                services.Add(ServiceJson(service, includeTags));
            }
        }

        return new JsonObject { ["services"] = services, ["failures"] = failures };
    }

    private JsonObject ListServices(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var launchType = input.Str("launchType");
        var arns = _services
            .Where(s => s.ClusterName == cluster.Name && s.Status != "INACTIVE")
            .Where(s => launchType is null || s.LaunchType == launchType || (launchType == "FARGATE" && s.IsFargate))
            .Where(s => input.Str("schedulingStrategy") is not { } strategy || s.SchedulingStrategy == strategy)
            .Select(s => s.Arn).ToList();
        var (page, next) = Page(arns, input, 10);
        return new JsonObject { ["serviceArns"] = page.ToJsonArray(), ["nextToken"] = next };
    }

    /// <summary>The newest service of that name or ARN in the cluster (INACTIVE ones included), or ServiceNotFoundException.</summary>
    private EcsService Service(EcsCluster cluster, string reference) =>
        FindService(cluster, reference) ?? throw new FakeAwsException("ServiceNotFoundException", "Service not found.");

    private EcsService? FindService(EcsCluster cluster, string reference)
    {
        var name = reference;
        if (reference.StartsWith("arn:", StringComparison.Ordinal))
        {
            var marker = ":service/";
            var at = reference.IndexOf(marker, StringComparison.Ordinal);
            if (!reference.StartsWith(ArnPrefix, StringComparison.Ordinal) || at < 0)
            {
                return null;
            }

            var rest = reference[(at + marker.Length)..];
            var slash = rest.IndexOf('/');
            if (slash >= 0 && rest[..slash] != cluster.Name)
            {
                return null;
            }

            name = slash >= 0 ? rest[(slash + 1)..] : rest;
        }

        return _services.LastOrDefault(s => s.ClusterName == cluster.Name && s.Name == name);
    }

    private JsonObject ServiceJson(EcsService service, bool includeTags)
    {
        var tasks = _tasks.Where(t => t.ServiceName == service.Name && t.ClusterName == service.ClusterName && !t.Stopped && t.DesiredStatus == "RUNNING").ToList();
        var running = tasks.Count(t => t.LastStatus == "RUNNING");
        var pending = tasks.Count - running;
        var json = FakeAwsServer.Clone(service.Created);
        json.Remove("deployments");
        json["serviceArn"] = service.Arn;
        json["serviceName"] = service.Name;
        json["clusterArn"] = ArnPrefix + "cluster/" + service.ClusterName;
        json["status"] = service.Status;
        json["desiredCount"] = service.DesiredCount;
        json["runningCount"] = running;
        json["pendingCount"] = pending;
        json["launchType"] = service.LaunchType;
        json["capacityProviderStrategy"] = service.CapacityProviderStrategy?.DeepClone();
        json["platformVersion"] = service.IsFargate ? "LATEST" : null;
        json["taskDefinition"] = service.TaskDefinitionArn;
        json["networkConfiguration"] = service.NetworkConfiguration?.DeepClone();
        json["schedulingStrategy"] = service.SchedulingStrategy;
        json["propagateTags"] = service.PropagateTags ?? "NONE";
        json["createdAt"] = service.CreatedAt.Epoch();
        json["createdBy"] = $"arn:aws:iam::{server.AccountId}:root";
        json["deploymentConfiguration"] ??= new JsonObject { ["maximumPercent"] = 200, ["minimumHealthyPercent"] = 100 };
        json["deploymentController"] ??= new JsonObject { ["type"] = "ECS" };
        json["deployments"] = new JsonArray
        {
            new JsonObject
            {
                ["id"] = service.DeploymentId,
                ["status"] = "PRIMARY",
                ["taskDefinition"] = service.TaskDefinitionArn,
                ["desiredCount"] = service.DesiredCount,
                ["pendingCount"] = pending,
                ["runningCount"] = running,
                ["failedTasks"] = service.FailedTasks,
                ["createdAt"] = service.CreatedAt.Epoch(),
                ["updatedAt"] = service.UpdatedAt.Epoch(),
                ["launchType"] = service.LaunchType,
                ["capacityProviderStrategy"] = service.CapacityProviderStrategy?.DeepClone(),
                ["networkConfiguration"] = service.NetworkConfiguration?.DeepClone(),
                ["rolloutState"] = running >= service.DesiredCount ? "COMPLETED" : "IN_PROGRESS",
            },
        };
        json["events"] = service.Events.Take(100)
            .Select(e => (JsonNode)new JsonObject { ["id"] = e.Id, ["createdAt"] = e.At.Epoch(), ["message"] = e.Message })
            .ToJsonArray();
        json["tags"] = includeTags ? TagsJson(service.Tags) : null;
        return json;
    }

    private string NewDeploymentId() => "ecs-svc/" + Random.Shared.NextInt64(1_000_000_000_000_000, 9_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);

    // ---- container instances ----

    private JsonObject ListContainerInstances(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        if (input.Str("filter") is not null)
        {
            throw new NotSupportedException("ListContainerInstances filter (cluster query language)");
        }

        var status = input.Str("status");
        var arns = _containerInstances
            .Where(c => c.ClusterName == cluster.Name && (status is null ? c.Status != "INACTIVE" : c.Status == status))
            .Select(c => c.Arn).ToList();
        var (page, next) = Page(arns, input, 100);
        return new JsonObject { ["containerInstanceArns"] = page.ToJsonArray(), ["nextToken"] = next };
    }

    private JsonObject DescribeContainerInstances(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var references = input.Strings("containerInstances");
        if (references.Count > 100)
        {
            throw new FakeAwsException("InvalidParameterException", "At most 100 container instances can be described at once.");
        }

        var includeTags = input.Strings("include").Contains("TAGS");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in references)
        {
            var instance = _containerInstances.FirstOrDefault(c => c.ClusterName == cluster.Name && (c.Arn == reference || c.Id == reference));
            if (instance is null)
            {
                failures.Add(new JsonObject { ["arn"] = reference, ["reason"] = "MISSING" });
            }
            else
            {
                found.Add(ContainerInstanceJson(instance, includeTags));
            }
        }

        return new JsonObject { ["containerInstances"] = found, ["failures"] = failures };
    }

    private JsonObject ContainerInstanceJson(EcsContainerInstance instance, bool includeTags)
    {
        var tasks = _tasks.Where(t => t.ContainerInstance == instance && !t.Stopped).ToList();
        var (cpu, memory) = Remaining(instance);
        static JsonArray Resources(int cpu, int memory) =>
        [
            new JsonObject { ["name"] = "CPU", ["type"] = "INTEGER", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = cpu },
            new JsonObject { ["name"] = "MEMORY", ["type"] = "INTEGER", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = memory },
            new JsonObject { ["name"] = "PORTS", ["type"] = "STRINGSET", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = 0, ["stringSetValue"] = new JsonArray("22", "2375", "2376", "51678", "51679") },
            new JsonObject { ["name"] = "PORTS_UDP", ["type"] = "STRINGSET", ["doubleValue"] = 0.0, ["longValue"] = 0, ["integerValue"] = 0, ["stringSetValue"] = new JsonArray() },
        ];
        return new JsonObject
        {
            ["containerInstanceArn"] = instance.Arn,
            ["ec2InstanceId"] = instance.Ec2InstanceId,
            ["version"] = 1 + tasks.Count,
            ["versionInfo"] = new JsonObject { ["agentVersion"] = "1.89.0", ["agentHash"] = "fake0000", ["dockerVersion"] = "DockerVersion: 25.0.6" },
            ["remainingResources"] = Resources(cpu, memory),
            ["registeredResources"] = Resources(instance.RegisteredCpu, instance.RegisteredMemory),
            ["status"] = instance.Status,
            ["agentConnected"] = instance.AgentConnected,
            ["runningTasksCount"] = tasks.Count(t => t.LastStatus == "RUNNING"),
            ["pendingTasksCount"] = tasks.Count(t => t.LastStatus != "RUNNING"),
            ["attributes"] = new JsonArray
            {
                new JsonObject { ["name"] = "ecs.instance-type", ["value"] = instance.InstanceType },
                new JsonObject { ["name"] = "ecs.availability-zone", ["value"] = instance.AvailabilityZone },
                new JsonObject { ["name"] = "ecs.os-type", ["value"] = "linux" },
                new JsonObject { ["name"] = "ecs.capability.execution-role-awslogs" },
            },
            ["registeredAt"] = instance.RegisteredAt.Epoch(),
            ["tags"] = includeTags ? TagsJson(instance.Tags) : null,
        };
    }

    // ---- tasks ----

    private JsonObject ListTasks(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var serviceName = input.Str("serviceName");
        if (serviceName is not null)
        {
            var service = Service(cluster, serviceName);
            serviceName = service.Name;
        }

        var desired = input.Str("desiredStatus") ?? "RUNNING";
        var containerInstance = input.Str("containerInstance");
        var arns = _tasks
            .Where(t => t.ClusterName == cluster.Name && t.DesiredStatus == desired)
            .Where(t => serviceName is null || t.ServiceName == serviceName)
            .Where(t => input.Str("family") is not { } family || t.Definition.Family == family)
            .Where(t => input.Str("startedBy") is not { } startedBy || t.StartedBy == startedBy)
            .Where(t => input.Str("launchType") is not { } launchType || t.LaunchType == launchType)
            .Where(t => containerInstance is null || (t.ContainerInstance is { } ci && (ci.Arn == containerInstance || ci.Id == containerInstance)))
            .Select(t => t.Arn).ToList();
        var (page, next) = Page(arns, input, 100);
        return new JsonObject { ["taskArns"] = page.ToJsonArray(), ["nextToken"] = next };
    }

    private JsonObject DescribeTasks(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var references = input.Strings("tasks");
        if (references.Count > 100)
        {
            throw new FakeAwsException("InvalidParameterException", "At most 100 tasks can be described at once.");
        }

        var includeTags = input.Strings("include").Contains("TAGS");
        var found = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in references)
        {
            var task = _tasks.FirstOrDefault(t => t.ClusterName == cluster.Name && (t.Arn == reference || t.Id == reference));
            if (task is null)
            {
                failures.Add(new JsonObject { ["arn"] = reference, ["reason"] = "MISSING" });
            }
            else
            {
                found.Add(TaskJson(task, includeTags));
            }
        }

        return new JsonObject { ["tasks"] = found, ["failures"] = failures };
    }

    private JsonObject StopTask(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        var reference = input.Str("task")!;
        var task = _tasks.FirstOrDefault(t => t.ClusterName == cluster.Name && (t.Arn == reference || t.Id == reference))
            ?? throw new FakeAwsException("InvalidParameterException", "The referenced task was not found.");
        StopTaskProcess(task, "UserInitiated", input.Str("reason") ?? "Task stopped by user");
        return new JsonObject { ["task"] = TaskJson(task, includeTags: false) };
    }

    private JsonObject TaskJson(EcsTask task, bool includeTags)
    {
        var container = new JsonObject
        {
            ["containerArn"] = $"{ArnPrefix}container/{task.ClusterName}/{task.Id}/{task.Id[..8]}-{task.ContainerName}",
            ["taskArn"] = task.Arn,
            ["name"] = task.ContainerName,
            ["image"] = task.Definition.MainContainer.Str("image"),
            ["runtimeId"] = task.Process is null ? null : $"{task.Id}-{task.Process.Id}",
            ["lastStatus"] = task.LastStatus,
            ["exitCode"] = task.ExitCode,
            ["reason"] = task.Stopped && task.ExitCode is null ? task.StoppedReason : null,
            ["networkBindings"] = new JsonArray(),
            ["networkInterfaces"] = new JsonArray(),
            ["healthStatus"] = "UNKNOWN",
            ["cpu"] = task.Definition.MainContainer.Int("cpu")?.ToString(CultureInfo.InvariantCulture) ?? "0",
            ["memory"] = task.Definition.MainContainer.Int("memory")?.ToString(CultureInfo.InvariantCulture),
        };
        return new JsonObject
        {
            ["taskArn"] = task.Arn,
            ["clusterArn"] = ArnPrefix + "cluster/" + task.ClusterName,
            ["taskDefinitionArn"] = task.Definition.Arn,
            ["containerInstanceArn"] = task.ContainerInstance?.Arn,
            ["availabilityZone"] = task.ContainerInstance?.AvailabilityZone ?? server.Region + "a",
            ["capacityProviderName"] = task.CapacityProviderName,
            ["launchType"] = task.LaunchType,
            ["platformVersion"] = task.LaunchType == "FARGATE" ? "1.4.0" : null,
            ["containers"] = new JsonArray { container },
            ["cpu"] = task.Cpu.ToString(CultureInfo.InvariantCulture),
            ["memory"] = task.Memory.ToString(CultureInfo.InvariantCulture),
            ["lastStatus"] = task.LastStatus,
            ["desiredStatus"] = task.DesiredStatus,
            ["createdAt"] = task.CreatedAt.Epoch(),
            ["startedAt"] = task.StartedAt?.Epoch(),
            ["stoppingAt"] = task.StoppingAt?.Epoch(),
            ["stoppedAt"] = task.StoppedAt?.Epoch(),
            ["executionStoppedAt"] = task.Stopped ? task.StoppedAt?.Epoch() : null,
            ["stopCode"] = task.StopCode,
            ["stoppedReason"] = task.StoppedReason,
            ["startedBy"] = task.StartedBy,
            ["group"] = task.Group,
            ["connectivity"] = task.Stopped ? null : "CONNECTED",
            ["healthStatus"] = "UNKNOWN",
            ["version"] = task.Stopped ? 4 : task.LastStatus == "RUNNING" ? 2 : 1,
            ["overrides"] = new JsonObject { ["containerOverrides"] = new JsonArray { new JsonObject { ["name"] = task.ContainerName } } },
            ["tags"] = includeTags ? TagsJson(task.Tags) : null,
        };
    }
}
