using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>ECS: clusters, task definitions and tags (services, tasks and container instances are in the other parts).</summary>
internal sealed partial class FakeEcs(FakeAwsServer server)
{
    private static readonly Regex NamePattern = new("^[A-Za-z0-9_-]{1,255}$", RegexOptions.CultureInvariant);

    private readonly Dictionary<string, EcsCluster> _clusters = new(StringComparer.Ordinal);
    private readonly List<EcsTaskDefinition> _taskDefinitions = [];
    private readonly Dictionary<string, int> _lastRevision = new(StringComparer.Ordinal);
    private readonly List<EcsService> _services = [];
    private readonly List<EcsContainerInstance> _containerInstances = [];
    private readonly List<EcsTask> _tasks = [];

    private ServiceModel Model => server.Models[AwsService.Ecs];

    private string ArnPrefix => $"arn:aws:ecs:{server.Region}:{server.AccountId}:";

    public JsonObject Handle(string operation, JsonObject input) => operation switch
    {
        "CreateCluster" => CreateCluster(input),
        "DescribeClusters" => DescribeClusters(input),
        "DeleteCluster" => DeleteCluster(input),
        "ListClusters" => ListClusters(input),
        "PutClusterCapacityProviders" => PutClusterCapacityProviders(input),
        "RegisterTaskDefinition" => RegisterTaskDefinition(input),
        "DeregisterTaskDefinition" => DeregisterTaskDefinition(input),
        "DeleteTaskDefinitions" => DeleteTaskDefinitions(input),
        "ListTaskDefinitions" => ListTaskDefinitions(input),
        "ListTaskDefinitionFamilies" => ListTaskDefinitionFamilies(input),
        "DescribeTaskDefinition" => DescribeTaskDefinition(input),
        "CreateService" => CreateService(input),
        "UpdateService" => UpdateService(input),
        "DeleteService" => DeleteService(input),
        "DescribeServices" => DescribeServices(input),
        "ListServices" => ListServices(input),
        "ListContainerInstances" => ListContainerInstances(input),
        "DescribeContainerInstances" => DescribeContainerInstances(input),
        "ListTasks" => ListTasks(input),
        "DescribeTasks" => DescribeTasks(input),
        "StopTask" => StopTask(input),
        "TagResource" => TagResource(input),
        "UntagResource" => UntagResource(input),
        "ListTagsForResource" => ListTagsForResource(input),
        _ => throw new NotSupportedException(operation),
    };

    public IEnumerable<string> ResourcesLeft()
    {
        foreach (var cluster in _clusters.Values.Where(c => c.Status == "ACTIVE" && c.Name != "default"))
        {
            yield return $"ECS cluster {cluster.Name}";
        }

        foreach (var service in _services.Where(s => s.Status != "INACTIVE"))
        {
            yield return $"ECS service {service.ClusterName}/{service.Name} ({service.Status}, desired {service.DesiredCount})";
        }

        foreach (var definition in _taskDefinitions.Where(d => d.Status == "ACTIVE"))
        {
            yield return $"ECS task definition {definition.Family}:{definition.Revision}";
        }

        foreach (var task in _tasks.Where(t => !t.Stopped))
        {
            yield return $"ECS task {task.ClusterName}/{task.Id} ({task.LastStatus}{(task.Process is { HasExited: false } process ? $", process {process.Id}" : "")})";
        }
    }

    public IEnumerable<FakeResource> Inventory() =>
        _clusters.Values.Where(c => c.Status == "ACTIVE").Select(c => new FakeResource("ECS", "cluster", c.Arn, c.Status, new Dictionary<string, string>(c.Tags, StringComparer.Ordinal)))
            .Concat(_services.Where(s => s.Status != "INACTIVE").Select(s => new FakeResource("ECS", "service", s.Arn, s.Status, new Dictionary<string, string>(s.Tags, StringComparer.Ordinal))))
            .Concat(_taskDefinitions.Where(d => d.Status != "DELETE_IN_PROGRESS").Select(d => new FakeResource("ECS", "task-definition", d.Arn, d.Status, new Dictionary<string, string>(d.Tags, StringComparer.Ordinal))))
            .Concat(_tasks.Where(t => !t.Stopped).Select(t => new FakeResource("ECS", "task", t.Arn, t.LastStatus, new Dictionary<string, string>(t.Tags, StringComparer.Ordinal))));

    public IReadOnlyList<ITaskProcess> AllProcesses() => _tasks.Select(t => t.Process).OfType<ITaskProcess>().ToList();

    // ---- clusters ----

    private JsonObject CreateCluster(JsonObject input)
    {
        var name = input.Str("clusterName") ?? "default";
        if (!NamePattern.IsMatch(name))
        {
            throw new FakeAwsException("InvalidParameterException", "Cluster name can only contain letters (uppercase and lowercase), numbers, underscores and hyphens, up to 255.");
        }

        if (!_clusters.TryGetValue(name, out var cluster) || cluster.Status != "ACTIVE")
        {
            cluster = new EcsCluster { Name = name, Arn = ArnPrefix + "cluster/" + name };
            _clusters[name] = cluster;
        }

        foreach (var (key, value) in input.KeyValueTags("tags"))
        {
            cluster.Tags[key] = value;
        }

        if (input["capacityProviders"] is not null || input["defaultCapacityProviderStrategy"] is not null)
        {
            SetCapacityProviders(cluster, input.Strings("capacityProviders"), input["defaultCapacityProviderStrategy"] as JsonArray ?? []);
        }

        cluster.Settings = input["settings"]?.DeepClone() as JsonArray ?? cluster.Settings;
        cluster.Configuration = input["configuration"]?.DeepClone() as JsonObject ?? cluster.Configuration;
        return new JsonObject { ["cluster"] = ClusterJson(cluster, includeTags: true) };
    }

    private JsonObject DescribeClusters(JsonObject input)
    {
        var references = input["clusters"] is null ? ["default"] : input.Strings("clusters");
        if (references.Count > 100)
        {
            throw new FakeAwsException("InvalidParameterException", "At most 100 clusters can be described at once.");
        }

        var includeTags = input.Strings("include").Contains("TAGS");
        var clusters = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in references)
        {
            var name = ClusterName(reference);
            if (name is not null && _clusters.TryGetValue(name, out var cluster))
            {
                clusters.Add(ClusterJson(cluster, includeTags));
            }
            else
            {
                failures.Add(new JsonObject { ["arn"] = reference.StartsWith("arn:", StringComparison.Ordinal) ? reference : ArnPrefix + "cluster/" + reference, ["reason"] = "MISSING" });
            }
        }

        return new JsonObject { ["clusters"] = clusters, ["failures"] = failures };
    }

    private JsonObject DeleteCluster(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        if (_services.Any(s => s.ClusterName == cluster.Name && s.Status != "INACTIVE"))
        {
            throw new FakeAwsException("ClusterContainsServicesException", "The Cluster cannot be deleted while Services are active.");
        }

        if (_containerInstances.Any(c => c.ClusterName == cluster.Name && c.Status != "INACTIVE"))
        {
            throw new FakeAwsException("ClusterContainsContainerInstancesException", "The Cluster cannot be deleted while Container Instances are active or draining.");
        }

        if (_tasks.Any(t => t.ClusterName == cluster.Name && !t.Stopped))
        {
            throw new FakeAwsException("ClusterContainsTasksException", "The Cluster cannot be deleted while Tasks are active.");
        }

        cluster.Status = "INACTIVE";
        return new JsonObject { ["cluster"] = ClusterJson(cluster, includeTags: false) };
    }

    private JsonObject ListClusters(JsonObject input)
    {
        var arns = _clusters.Values.Where(c => c.Status == "ACTIVE").Select(c => c.Arn).ToList();
        var (page, next) = Page(arns, input, 100);
        return new JsonObject { ["clusterArns"] = page.ToJsonArray(), ["nextToken"] = next };
    }

    private JsonObject PutClusterCapacityProviders(JsonObject input)
    {
        var cluster = Cluster(input.Str("cluster"));
        SetCapacityProviders(cluster, input.Strings("capacityProviders"), input["defaultCapacityProviderStrategy"] as JsonArray ?? []);
        return new JsonObject { ["cluster"] = ClusterJson(cluster, includeTags: false) };
    }

    private static void SetCapacityProviders(EcsCluster cluster, IReadOnlyList<string> providers, JsonArray strategy)
    {
        foreach (var provider in providers)
        {
            if (provider is not ("FARGATE" or "FARGATE_SPOT"))
            {
                throw new FakeAwsException("InvalidParameterException", $"The specified capacity provider '{provider}' does not exist (the fake knows only FARGATE and FARGATE_SPOT).");
            }
        }

        foreach (var item in strategy.OfType<JsonObject>())
        {
            if (!providers.Contains(item.Str("capacityProvider") ?? ""))
            {
                throw new FakeAwsException("InvalidParameterException", "The specified capacity provider strategy cannot contain a capacity provider that is not associated with the cluster.");
            }
        }

        cluster.CapacityProviders = [.. providers];
        cluster.DefaultStrategy = (JsonArray)strategy.DeepClone();
    }

    private JsonObject ClusterJson(EcsCluster cluster, bool includeTags)
    {
        var tasks = _tasks.Where(t => t.ClusterName == cluster.Name && !t.Stopped).ToList();
        var json = new JsonObject
        {
            ["clusterArn"] = cluster.Arn,
            ["clusterName"] = cluster.Name,
            ["status"] = cluster.Status,
            ["registeredContainerInstancesCount"] = cluster.Status == "ACTIVE" ? _containerInstances.Count(c => c.ClusterName == cluster.Name && c.Status != "INACTIVE") : 0,
            ["runningTasksCount"] = cluster.Status == "ACTIVE" ? tasks.Count(t => t.LastStatus == "RUNNING") : 0,
            ["pendingTasksCount"] = cluster.Status == "ACTIVE" ? tasks.Count(t => t.LastStatus != "RUNNING") : 0,
            ["activeServicesCount"] = cluster.Status == "ACTIVE" ? _services.Count(s => s.ClusterName == cluster.Name && s.Status == "ACTIVE") : 0,
            ["statistics"] = new JsonArray(),
            ["settings"] = cluster.Settings?.DeepClone() ?? new JsonArray { new JsonObject { ["name"] = "containerInsights", ["value"] = "disabled" } },
            ["capacityProviders"] = cluster.CapacityProviders.ToJsonArray(),
            ["defaultCapacityProviderStrategy"] = cluster.DefaultStrategy.DeepClone(),
            ["configuration"] = cluster.Configuration?.DeepClone(),
        };
        if (includeTags)
        {
            json["tags"] = TagsJson(cluster.Tags);
        }

        return json;
    }

    /// <summary>An ACTIVE cluster by name or ARN (default: "default").</summary>
    private EcsCluster Cluster(string? reference)
    {
        var name = ClusterName(reference ?? "default");
        if (name is null || !_clusters.TryGetValue(name, out var cluster) || cluster.Status != "ACTIVE")
        {
            throw new FakeAwsException("ClusterNotFoundException", "Cluster not found.");
        }

        return cluster;
    }

    private string? ClusterName(string reference) =>
        reference.StartsWith("arn:", StringComparison.Ordinal)
            ? reference.StartsWith(ArnPrefix + "cluster/", StringComparison.Ordinal) ? reference[(ArnPrefix.Length + "cluster/".Length)..] : null
            : reference;

    // ---- task definitions ----

    private JsonObject RegisterTaskDefinition(JsonObject input)
    {
        var family = input.Str("family")!;
        if (!NamePattern.IsMatch(family))
        {
            throw new FakeAwsException("ClientException", $"Family '{family}' is invalid: up to 255 letters (uppercase and lowercase), numbers, underscores and hyphens are allowed.");
        }

        CheckContainers(input);
        var revision = _lastRevision.GetValueOrDefault(family) + 1;
        _lastRevision[family] = revision;
        var registered = ModelMembers(input, "TaskDefinition");
        foreach (var container in registered.Objects("containerDefinitions"))
        {
            container["essential"] ??= true;
            container["environment"] ??= new JsonArray();
            container["portMappings"] ??= new JsonArray();
            container["mountPoints"] ??= new JsonArray();
            container["volumesFrom"] ??= new JsonArray();
        }

        var definition = new EcsTaskDefinition
        {
            Family = family,
            Revision = revision,
            Arn = $"{ArnPrefix}task-definition/{family}:{revision}",
            Registered = registered,
            RegisteredAt = server.Now,
        };
        foreach (var (key, value) in input.KeyValueTags("tags"))
        {
            definition.Tags[key] = value;
        }

        _taskDefinitions.Add(definition);
        return new JsonObject { ["taskDefinition"] = TaskDefinitionJson(definition), ["tags"] = TagsJson(definition.Tags) };
    }

    private static readonly int[] FargateCpus = [256, 512, 1024, 2048, 4096, 8192, 16384];

    private static void CheckContainers(JsonObject input)
    {
        var containers = input.Objects("containerDefinitions").ToList();
        if (containers.Count == 0)
        {
            throw new FakeAwsException("ClientException", "Container list cannot be empty.");
        }

        var taskCpu = ParseCpu(input.Str("cpu"), "cpu");
        var taskMemory = ParseMemory(input.Str("memory"), "memory");
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var container in containers)
        {
            var name = container.Str("name") ?? "";
            if (!NamePattern.IsMatch(name))
            {
                throw new FakeAwsException("ClientException", $"Container name '{name}' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens and underscores are allowed.");
            }

            if (!names.Add(name))
            {
                throw new FakeAwsException("ClientException", $"Container names must be unique within a task definition: '{name}' is used twice.");
            }

            if (string.IsNullOrEmpty(container.Str("image")))
            {
                throw new FakeAwsException("ClientException", "Container.image should not be null or empty.");
            }

            if (taskMemory is null && container["memory"] is null && container["memoryReservation"] is null)
            {
                throw new FakeAwsException("ClientException", $"Invalid setting for container '{name}'. At least one of 'memory' or 'memoryReservation' must be specified.");
            }

            if (container.Int("memory") is < 6 || container.Int("memoryReservation") is < 6)
            {
                throw new FakeAwsException("ClientException", $"Invalid 'memory' setting for container '{name}'. The minimum is 6 MiB.");
            }

            if (container.Int("memory") is { } hard && container.Int("memoryReservation") is { } soft && soft > hard)
            {
                throw new FakeAwsException("ClientException", $"Invalid setting for container '{name}'. 'memoryReservation' must be less than or equal to 'memory'.");
            }

            foreach (var variable in container.Objects("environment"))
            {
                if (string.IsNullOrEmpty(variable.Str("name")))
                {
                    throw new FakeAwsException("ClientException", $"Container '{name}': every environment variable needs a name.");
                }
            }
        }

        if (!input.Strings("requiresCompatibilities").Contains("FARGATE"))
        {
            return;
        }

        if (input.Str("networkMode") != "awsvpc")
        {
            throw new FakeAwsException("ClientException", "Fargate only supports network mode 'awsvpc'.");
        }

        if (taskCpu is null)
        {
            throw new FakeAwsException("ClientException", "Fargate requires that 'cpu' be defined at the task level.");
        }

        if (taskMemory is null)
        {
            throw new FakeAwsException("ClientException", "Fargate requires that 'memory' be defined at the task level.");
        }

        if (!FargateCpus.Contains(taskCpu.Value) || !FargateMemoryFits(taskCpu.Value, taskMemory.Value))
        {
            throw new FakeAwsException("ClientException", $"No Fargate configuration exists for given values: {taskCpu} CPU, {taskMemory} memory. See the Amazon ECS documentation for the valid values.");
        }

        foreach (var container in containers)
        {
            if (container.Bool("privileged") == true)
            {
                throw new FakeAwsException("ClientException", $"Container '{container.Str("name")}': privileged mode is not supported by tasks that require FARGATE.");
            }

            if (container.Obj("logConfiguration")?.Str("logDriver") == "awslogs" && input.Str("executionRoleArn") is null)
            {
                throw new FakeAwsException("ClientException", "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
            }
        }
    }

    private static bool FargateMemoryFits(int cpu, int memory) => cpu switch
    {
        256 => memory is 512 or 1024 or 2048,
        512 => memory >= 1024 && memory <= 4096 && memory % 1024 == 0,
        1024 => memory >= 2048 && memory <= 8192 && memory % 1024 == 0,
        2048 => memory >= 4096 && memory <= 16384 && memory % 1024 == 0,
        4096 => memory >= 8192 && memory <= 30720 && memory % 1024 == 0,
        8192 => memory >= 16384 && memory <= 61440 && memory % 4096 == 0,
        16384 => memory >= 32768 && memory <= 122880 && memory % 8192 == 0,
        _ => false,
    };

    /// <summary>Task-level cpu: "1024" or "1 vCPU".</summary>
    internal static int? ParseCpu(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        var match = Regex.Match(text.Trim(), @"^(?<n>\d+(\.\d+)?)\s*(?<unit>vcpu)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            throw new FakeAwsException("ClientException", $"Invalid '{what}' setting for task: '{text}'.");
        }

        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return (int)(match.Groups["unit"].Success ? number * 1024 : number);
    }

    /// <summary>Task-level memory: "2048" (MiB) or "2 GB".</summary>
    internal static int? ParseMemory(string? text, string what)
    {
        if (text is null)
        {
            return null;
        }

        var match = Regex.Match(text.Trim(), @"^(?<n>\d+(\.\d+)?)\s*(?<unit>gb)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        if (!match.Success)
        {
            throw new FakeAwsException("ClientException", $"Invalid '{what}' setting for task: '{text}'.");
        }

        var number = double.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
        return (int)(match.Groups["unit"].Success ? number * 1024 : number);
    }

    private JsonObject DeregisterTaskDefinition(JsonObject input)
    {
        var reference = input.Str("taskDefinition")!;
        if (!reference.Contains(':', StringComparison.Ordinal))
        {
            throw new FakeAwsException("InvalidParameterException", "A task definition revision is required: give family:revision or the full ARN.");
        }

        var definition = TaskDefinition(reference);
        if (definition.Status == "ACTIVE")
        {
            definition.Status = "INACTIVE";
            definition.DeregisteredAt = server.Now;
        }

        return new JsonObject { ["taskDefinition"] = TaskDefinitionJson(definition) };
    }

    private JsonObject DeleteTaskDefinitions(JsonObject input)
    {
        var deleted = new JsonArray();
        var failures = new JsonArray();
        foreach (var reference in input.Strings("taskDefinitions"))
        {
            var definition = _taskDefinitions.FirstOrDefault(d => d.Arn == reference || $"{d.Family}:{d.Revision}" == reference);
            if (definition is null)
            {
                failures.Add(new JsonObject { ["arn"] = reference, ["reason"] = "The specified task definition does not exist." });
            }
            else if (definition.Status == "ACTIVE")
            {
                failures.Add(new JsonObject { ["arn"] = definition.Arn, ["reason"] = "The specified task definition is still in ACTIVE status. Please deregister the target and try again." });
            }
            else
            {
                definition.Status = "DELETE_IN_PROGRESS";
                definition.DeleteRequestedAt = server.Now;
                deleted.Add(TaskDefinitionJson(definition));
            }
        }

        return new JsonObject { ["taskDefinitions"] = deleted, ["failures"] = failures };
    }

    private JsonObject ListTaskDefinitions(JsonObject input)
    {
        var status = input.Str("status") ?? "ACTIVE";
        var family = input.Str("familyPrefix");
        var arns = _taskDefinitions
            .Where(d => d.Status == status && (family is null || d.Family == family))
            .OrderBy(d => d.Family, StringComparer.Ordinal).ThenBy(d => d.Revision)
            .Select(d => d.Arn)
            .ToList();
        if (input.Str("sort") == "DESC")
        {
            arns.Reverse();
        }

        var (page, next) = Page(arns, input, 100);
        return new JsonObject { ["taskDefinitionArns"] = page.ToJsonArray(), ["nextToken"] = next };
    }

    private JsonObject ListTaskDefinitionFamilies(JsonObject input)
    {
        var status = input.Str("status") ?? "ACTIVE";
        var prefix = input.Str("familyPrefix") ?? "";
        var families = _taskDefinitions
            .GroupBy(d => d.Family, StringComparer.Ordinal)
            .Where(g => g.Key.StartsWith(prefix, StringComparison.Ordinal))
            .Where(g => status == "ALL" || (status == "ACTIVE" ? g.Any(d => d.Status == "ACTIVE") : g.All(d => d.Status != "ACTIVE")))
            .Select(g => g.Key).Order(StringComparer.Ordinal).ToList();
        var (page, next) = Page(families, input, 100);
        return new JsonObject { ["families"] = page.ToJsonArray(), ["nextToken"] = next };
    }

    private JsonObject DescribeTaskDefinition(JsonObject input)
    {
        var definition = TaskDefinition(input.Str("taskDefinition")!);
        var output = new JsonObject { ["taskDefinition"] = TaskDefinitionJson(definition) };
        if (input.Strings("include").Contains("TAGS"))
        {
            output["tags"] = TagsJson(definition.Tags);
        }

        return output;
    }

    /// <summary>A task definition by family (its latest ACTIVE revision), family:revision or ARN.</summary>
    private EcsTaskDefinition TaskDefinition(string reference)
    {
        var text = reference.StartsWith(ArnPrefix + "task-definition/", StringComparison.Ordinal)
            ? reference[(ArnPrefix.Length + "task-definition/".Length)..]
            : reference;
        var colon = text.LastIndexOf(':');
        EcsTaskDefinition? definition;
        if (colon > 0 && int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var revision))
        {
            var family = text[..colon];
            definition = _taskDefinitions.FirstOrDefault(d => d.Family == family && d.Revision == revision && d.Status != "DELETE_IN_PROGRESS");
        }
        else
        {
            definition = _taskDefinitions.Where(d => d.Family == text && d.Status == "ACTIVE").MaxBy(d => d.Revision);
        }

        return definition ?? throw new FakeAwsException("ClientException", "Unable to describe task definition.");
    }

    private JsonObject TaskDefinitionJson(EcsTaskDefinition definition)
    {
        var json = FakeAwsServer.Clone(definition.Registered);
        json["taskDefinitionArn"] = definition.Arn;
        json["family"] = definition.Family;
        json["revision"] = definition.Revision;
        json["status"] = definition.Status;
        json["compatibilities"] = (definition.FargateCompatible ? new[] { "EC2", "FARGATE" } : ["EC2"]).ToJsonArray();
        json["registeredAt"] = definition.RegisteredAt.Epoch();
        json["registeredBy"] = $"arn:aws:iam::{server.AccountId}:root";
        json["deregisteredAt"] = definition.DeregisteredAt?.Epoch();
        json["deleteRequestedAt"] = definition.DeleteRequestedAt?.Epoch();
        return json;
    }

    /// <summary>The members of <paramref name="input"/> that the output shape <paramref name="shapeName"/> also has (recursively).</summary>
    private JsonObject ModelMembers(JsonObject input, string shapeName) => (JsonObject)ModelEcho.Conform(Model, shapeName, input)!;

    // ---- tags ----

    private JsonObject TagResource(JsonObject input)
    {
        var tags = TagsOf(input.Str("resourceArn")!);
        foreach (var (key, value) in input.KeyValueTags("tags"))
        {
            if (key.StartsWith("aws:", StringComparison.OrdinalIgnoreCase))
            {
                throw new FakeAwsException("InvalidParameterException", "Tag keys may not start with 'aws:'.");
            }

            tags[key] = value;
        }

        if (tags.Count > 50)
        {
            throw new FakeAwsException("InvalidParameterException", "A resource can have at most 50 tags.");
        }

        return [];
    }

    private JsonObject UntagResource(JsonObject input)
    {
        var tags = TagsOf(input.Str("resourceArn")!);
        foreach (var key in input.Strings("tagKeys"))
        {
            tags.Remove(key);
        }

        return [];
    }

    private JsonObject ListTagsForResource(JsonObject input) =>
        new() { ["tags"] = TagsJson(TagsOf(input.Str("resourceArn")!)) };

    private Dictionary<string, string> TagsOf(string arn)
    {
        if (!arn.StartsWith(ArnPrefix, StringComparison.Ordinal))
        {
            throw new FakeAwsException("InvalidParameterException", $"Invalid resource ARN '{arn}' for this account and region.");
        }

        if (arn.StartsWith(ArnPrefix + "cluster/", StringComparison.Ordinal))
        {
            return _clusters.Values.FirstOrDefault(c => c.Arn == arn && c.Status == "ACTIVE")?.Tags
                ?? throw new FakeAwsException("ClusterNotFoundException", "Cluster not found.");
        }

        return _services.LastOrDefault(s => s.Arn == arn && s.Status != "INACTIVE")?.Tags
            ?? _taskDefinitions.FirstOrDefault(d => d.Arn == arn)?.Tags
            ?? _tasks.FirstOrDefault(t => t.Arn == arn)?.Tags
            ?? _containerInstances.FirstOrDefault(c => c.Arn == arn)?.Tags
            ?? throw new FakeAwsException("InvalidParameterException", "The specified resource could not be found.");
    }

    private static JsonArray TagsJson(Dictionary<string, string> tags) =>
        tags.Select(t => (JsonNode)new JsonObject { ["key"] = t.Key, ["value"] = t.Value }).ToJsonArray();

    private (IReadOnlyList<string> Page, string? Next) Page(IReadOnlyList<string> items, JsonObject input, int awsDefault)
    {
        var maxResults = input.Int("maxResults") ?? 0;
        if (input["maxResults"] is not null && maxResults is < 1 or > 100)
        {
            throw new FakeAwsException("InvalidParameterException", "maxResults must be between 1 and 100.");
        }

        try
        {
            return Paging.Page(items, input.Str("nextToken"), server.PageSize(maxResults, awsDefault));
        }
        catch (FakeAwsException ex)
        {
            throw new FakeAwsException("InvalidParameterException", ex.Message);
        }
    }
}
