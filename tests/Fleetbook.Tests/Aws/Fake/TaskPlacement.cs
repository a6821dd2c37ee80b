using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Fleetbook.Working;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>
/// The ECS scheduler of the fake: keeps each service's tasks at its desiredCount where capacity exists (container
/// instances with enough CPU and memory left, or Fargate), starts a process per task, notices processes that exit
/// (STOPPED, then replaced), stops extra tasks with SIGTERM (SIGKILL after the stop timeout), and copies each task's
/// output to its awslogs stream.
/// </summary>
internal sealed partial class FakeEcs
{
    public void Reconcile()
    {
        var now = server.Now;
        foreach (var task in _tasks.Where(t => !t.Stopped && t.Process is not null).ToList())
        {
            PumpLogs(task, final: false);
            if (task.Process!.HasExited)
            {
                MarkStopped(task);
            }
            else if (task.KillAt is { } killAt && now >= killAt)
            {
                task.Process.Kill();
            }
        }

        foreach (var service in _services.Where(s => s.Status != "INACTIVE").ToList())
        {
            ReconcileService(service, now);
        }
    }

    private void ReconcileService(EcsService service, DateTimeOffset now)
    {
        var active = _tasks.Where(t => t.ServiceName == service.Name && t.ClusterName == service.ClusterName && t.DesiredStatus == "RUNNING" && !t.Stopped).ToList();
        var desired = service.Status == "ACTIVE" ? service.DesiredCount : 0;
        if (active.Count > desired)
        {
            var extra = active.OrderByDescending(t => t.CreatedAt).Take(active.Count - desired).ToList();
            foreach (var task in extra)
            {
                StopTaskProcess(task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {service.DeploymentId})");
            }

            AddEvent(service, $"(service {service.Name}) has stopped {extra.Count} running tasks: {string.Join(" ", extra.Select(t => $"(task {t.Id})"))}.");
        }
        else if (active.Count < desired && now >= service.NextStartAttempt)
        {
            var definition = TaskDefinition(service.TaskDefinitionArn);
            var started = new List<EcsTask>();
            for (var i = active.Count; i < desired; i++)
            {
                EcsContainerInstance? instance = null;
                if (!service.IsFargate)
                {
                    var (cpu, memory) = Needs(definition);
                    instance = PickInstance(service.ClusterName, cpu, memory, out var problem);
                    if (instance is null)
                    {
                        if (service.LastPlacementProblem != problem)
                        {
                            service.LastPlacementProblem = problem;
                            AddEvent(service, $"(service {service.Name}) was unable to place a task because no container instance met all of its requirements. {problem} For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.");
                        }

                        break;
                    }
                }

                service.LastPlacementProblem = null;
                var task = StartTask(service, definition, instance);
                started.Add(task);
                if (task.Stopped)
                {
                    break;
                }
            }

            if (started.Count > 0)
            {
                AddEvent(service, $"(service {service.Name}) has started {started.Count} tasks: {string.Join(" ", started.Select(t => $"(task {t.Id})"))}.");
            }
        }

        var all = _tasks.Where(t => t.ServiceName == service.Name && t.ClusterName == service.ClusterName && !t.Stopped).ToList();
        if (service.Status == "DRAINING" && all.Count == 0)
        {
            service.Status = "INACTIVE";
            service.UpdatedAt = now;
            return;
        }

        var running = all.Count(t => t.LastStatus == "RUNNING" && t.DesiredStatus == "RUNNING");
        var steady = $"(service {service.Name}) has reached a steady state.";
        if (service.Status == "ACTIVE" && running == desired && all.Count == desired && service.Events.FirstOrDefault().Message != steady)
        {
            AddEvent(service, steady);
        }
    }

    private static void AddEvent(EcsService service, string message)
    {
        service.Events.Insert(0, (Guid.NewGuid().ToString(), DateTimeOffset.UtcNow, message));
        if (service.Events.Count > 100)
        {
            service.Events.RemoveAt(service.Events.Count - 1);
        }
    }

    /// <summary>The CPU units and MiB a task of this definition reserves: the task-level values, else the containers' sums.</summary>
    private static (int Cpu, int Memory) Needs(EcsTaskDefinition definition)
    {
        var cpu = ParseCpu(definition.Registered.Str("cpu"), "cpu") ?? definition.Containers.Sum(c => c.Int("cpu") ?? 0);
        var memory = ParseMemory(definition.Registered.Str("memory"), "memory")
            ?? definition.Containers.Sum(c => c.Int("memoryReservation") ?? c.Int("memory") ?? 0);
        return (cpu, memory);
    }

    private (int Cpu, int Memory) Remaining(EcsContainerInstance instance)
    {
        var tasks = _tasks.Where(t => t.ContainerInstance == instance && !t.Stopped).ToList();
        return (instance.RegisteredCpu - tasks.Sum(t => t.Cpu), instance.RegisteredMemory - tasks.Sum(t => t.Memory));
    }

    /// <summary>The ACTIVE container instance with the most memory left that fits the task (ECS's default spread, roughly).</summary>
    private EcsContainerInstance? PickInstance(string cluster, int cpu, int memory, out string problem)
    {
        var candidates = _containerInstances.Where(c => c.ClusterName == cluster && c.Status == "ACTIVE" && c.AgentConnected).ToList();
        if (candidates.Count == 0)
        {
            problem = "Reason: No Container Instances were found in your cluster.";
            return null;
        }

        var fitting = candidates
            .Select(c => (Instance: c, Left: Remaining(c)))
            .Where(c => c.Left.Cpu >= cpu && c.Left.Memory >= memory)
            .OrderByDescending(c => c.Left.Memory)
            .ThenBy(c => c.Instance.RegisteredAt)
            .Select(c => c.Instance)
            .FirstOrDefault();
        if (fitting is not null)
        {
            problem = "";
            return fitting;
        }

        var closest = candidates.MaxBy(c => Remaining(c).Memory)!;
        var left = Remaining(closest);
        problem = left.Memory < memory
            ? $"The closest matching (container-instance {closest.Id}) has insufficient memory available."
            : $"The closest matching (container-instance {closest.Id}) has insufficient CPU units available.";
        return null;
    }

    private EcsTask StartTask(EcsService service, EcsTaskDefinition definition, EcsContainerInstance? instance)
    {
        var now = server.Now;
        var id = Guid.NewGuid().ToString("N");
        var container = definition.MainContainer;
        var containerName = container.Str("name")!;
        var taskFolder = Path.Combine(server.WorkFolder, "tasks", id);
        var (cpu, memory) = Needs(definition);

        string? failure = null;
        string? group = null;
        string? stream = null;
        var logConfiguration = container.Obj("logConfiguration");
        if (logConfiguration?.Str("logDriver") == "awslogs")
        {
            var options = logConfiguration.Obj("options") ?? [];
            group = options.Str("awslogs-group");
            var prefix = options.Str("awslogs-stream-prefix");
            if (group is null)
            {
                failure = "ResourceInitializationError: failed to validate logger args: awslogs-group is required.";
            }
            else
            {
                stream = prefix is null ? id : $"{prefix}/{containerName}/{id}";
                if (!server.Logs.GroupExists(group) && options.Str("awslogs-create-group") == "true")
                {
                    server.Logs.CreateGroupQuietly(group);
                }

                if (!server.Logs.GroupExists(group))
                {
                    failure = "ResourceInitializationError: failed to validate logger args: create stream has been retried 1 times: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log group does not exist. : exit status 1";
                    group = null;
                }
                else
                {
                    server.Logs.EnsureStream(group, stream);
                }
            }
        }

        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_ENDPOINT_URL"] = server.Url,
            ["AWS_ACCESS_KEY_ID"] = server.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = server.SecretAccessKey,
            ["AWS_REGION"] = server.Region,
            ["AWS_DEFAULT_REGION"] = server.Region,
            ["AWS_EC2_METADATA_DISABLED"] = "true",
            ["AWS_EXECUTION_ENV"] = service.IsFargate ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2",
            ["ECS_CONTAINER_METADATA_URI_V4"] = server.Url + FakeAwsServer.TaskMetadataPath + id,
            ["ECS_CONTAINER_METADATA_URI"] = server.Url + FakeAwsServer.TaskMetadataPath + id,
            [WorkerEnvironment.WorkerId] = id,
            [WorkerEnvironment.WorkDir] = Path.Combine(taskFolder, "work"),
        };
        foreach (var variable in container.Objects("environment"))
        {
            environment[variable.Str("name")!] = variable.Str("value") ?? "";
        }

        foreach (var (name, value) in server.TaskEnvironmentOverrides)
        {
            environment[name] = value;
        }

        var task = new EcsTask
        {
            Id = id,
            Arn = $"{ArnPrefix}task/{service.ClusterName}/{id}",
            ClusterName = service.ClusterName,
            ServiceName = service.Name,
            Definition = definition,
            ContainerInstance = instance,
            LaunchType = service.IsFargate ? "FARGATE" : "EC2",
            CapacityProviderName = service.CapacityProviderName,
            Cpu = cpu,
            Memory = memory,
            CreatedAt = now,
            ContainerName = containerName,
            LogFile = Path.Combine(server.WorkFolder, "tasks", id + ".log"),
            LogGroup = group,
            LogStream = stream,
            StartedBy = service.DeploymentId,
            Group = "service:" + service.Name,
            Environment = environment,
        };
        var tags = service.PropagateTags switch
        {
            "SERVICE" => service.Tags,
            "TASK_DEFINITION" => definition.Tags,
            _ => [],
        };
        foreach (var (key, value) in tags)
        {
            task.Tags[key] = value;
        }

        _tasks.Add(task);
        if (failure is null)
        {
            try
            {
                task.Process = server.TaskLauncher.Start(new TaskLaunch(id, task.Arn, service.ClusterName, service.Name, containerName,
                    (JsonObject)container.DeepClone(), environment, taskFolder, task.LogFile));
            }
            catch (Exception ex)
            {
                failure = "CannotStartContainerError: " + ex.Message;
                server.AddViolation(new ModelViolation(Backends.Aws.AwsService.Ecs, "(place task)", ViolationSide.Response, "", $"the task launcher failed for task {id}: {ex}"));
            }
        }

        if (failure is not null)
        {
            task.DesiredStatus = "STOPPED";
            task.LastStatus = "STOPPED";
            task.StopCode = "TaskFailedToStart";
            task.StoppedReason = failure;
            task.StoppedAt = now;
            service.FailedTasks++;
            service.NextStartAttempt = now + server.FailedTaskRetryDelay;
            return task;
        }

        task.LastStatus = "RUNNING";
        task.StartedAt = now;
        return task;
    }

    /// <summary>ECS stopping a task: desiredStatus STOPPED, SIGTERM, SIGKILL after the stop timeout.</summary>
    private void StopTaskProcess(EcsTask task, string stopCode, string reason)
    {
        if (task.Stopped || task.DesiredStatus == "STOPPED")
        {
            return;
        }

        task.DesiredStatus = "STOPPED";
        task.StopCode = stopCode;
        task.StoppedReason = reason;
        task.StoppingAt = server.Now;
        if (task.Process is null || task.Process.HasExited)
        {
            MarkStopped(task);
            return;
        }

        task.LastStatus = "DEACTIVATING";
        var timeout = task.Definition.MainContainer.Int("stopTimeout") is { } seconds ? TimeSpan.FromSeconds(seconds) : server.TaskStopTimeout;
        task.KillAt = server.Now + timeout;
        task.Process.Terminate();
    }

    private void MarkStopped(EcsTask task)
    {
        PumpLogs(task, final: true);
        task.ExitCode = task.Process?.ExitCode;
        task.LastStatus = "STOPPED";
        task.StoppedAt = server.Now;
        task.StoppingAt ??= task.StoppedAt;
        if (task.DesiredStatus == "RUNNING")
        {
            task.DesiredStatus = "STOPPED";
            task.StopCode = "EssentialContainerExited";
            task.StoppedReason = "Essential container in task exited";
            if (_services.LastOrDefault(s => s.Name == task.ServiceName && s.ClusterName == task.ClusterName) is { } service)
            {
                AddEvent(service, $"(service {service.Name}) has stopped 1 running tasks: (task {task.Id}).");
            }
        }
    }

    /// <summary>Copies new complete lines of the task's output to its awslogs stream (all of it when <paramref name="final"/>).</summary>
    private void PumpLogs(EcsTask task, bool final)
    {
        if (task.LogGroup is null || task.LogStream is null || !File.Exists(task.LogFile))
        {
            return;
        }

        string text;
        using (var file = new FileStream(task.LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        {
            if (file.Length <= task.LogOffset)
            {
                return;
            }

            file.Seek(task.LogOffset, SeekOrigin.Begin);
            var buffer = new byte[file.Length - task.LogOffset];
            var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            var end = final ? read : Array.LastIndexOf(buffer, (byte)'\n', read - 1) + 1;
            if (end <= 0)
            {
                return;
            }

            text = Encoding.UTF8.GetString(buffer, 0, end);
            task.LogOffset += end;
        }

        var lines = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0).ToList();
        server.Logs.AppendQuietly(task.LogGroup, task.LogStream, lines);
    }

    // ---- what EC2 tells the ECS side ----

    /// <summary>The ECS agent of a running instance registers it in <paramref name="clusterName"/>; false when that cluster is not ACTIVE.</summary>
    public bool RegisterInstance(string ec2InstanceId, string instanceType, string availabilityZone, string clusterName, InstanceTypeInfo size)
    {
        if (!_clusters.TryGetValue(clusterName, out var cluster) || cluster.Status != "ACTIVE")
        {
            return false;
        }

        var id = Guid.NewGuid().ToString("N");
        _containerInstances.Add(new EcsContainerInstance
        {
            Id = id,
            Arn = $"{ArnPrefix}container-instance/{clusterName}/{id}",
            ClusterName = clusterName,
            Ec2InstanceId = ec2InstanceId,
            InstanceType = instanceType,
            AvailabilityZone = availabilityZone,
            RegisteredCpu = size.VCpus * 1024,
            RegisteredMemory = Math.Max(0, size.MemoryMiB - server.ReservedMemoryMiB),
            RegisteredAt = server.Now,
        });
        return true;
    }

    /// <summary>An instance is shutting down: its tasks get SIGTERM (and are replaced elsewhere by their services).</summary>
    public void InstanceShuttingDown(string ec2InstanceId)
    {
        foreach (var instance in _containerInstances.Where(c => c.Ec2InstanceId == ec2InstanceId && c.Status == "ACTIVE"))
        {
            instance.Status = "DRAINING";
            foreach (var task in _tasks.Where(t => t.ContainerInstance == instance && !t.Stopped).ToList())
            {
                StopTaskProcess(task, "TerminationNotice", $"Host EC2 (instance {ec2InstanceId}) terminated.");
            }
        }
    }

    /// <summary>An instance is gone: its processes are killed, its container instance deregistered.</summary>
    public void InstanceTerminated(string ec2InstanceId)
    {
        foreach (var instance in _containerInstances.Where(c => c.Ec2InstanceId == ec2InstanceId && c.Status != "INACTIVE"))
        {
            foreach (var task in _tasks.Where(t => t.ContainerInstance == instance && !t.Stopped).ToList())
            {
                StopTaskProcess(task, "TerminationNotice", $"Host EC2 (instance {ec2InstanceId}) terminated.");
                task.Process?.Kill();
                if (!task.Stopped)
                {
                    MarkStopped(task);
                }
            }

            instance.Status = "INACTIVE";
            instance.AgentConnected = false;
        }
    }

    public bool HasContainerInstance(string ec2InstanceId) => _containerInstances.Any(c => c.Ec2InstanceId == ec2InstanceId && c.Status != "INACTIVE");

    public string? ClusterOfInstance(string ec2InstanceId) => _containerInstances.LastOrDefault(c => c.Ec2InstanceId == ec2InstanceId)?.ClusterName;

    /// <summary>A Fargate Spot interruption (or any forced stop of a task), for failure-injection tests.</summary>
    public bool Interrupt(string taskArnOrId)
    {
        var task = _tasks.FirstOrDefault(t => (t.Arn == taskArnOrId || t.Id == taskArnOrId) && !t.Stopped);
        if (task is null)
        {
            return false;
        }

        StopTaskProcess(task, task.LaunchType == "FARGATE" ? "SpotInterruption" : "TerminationNotice",
            task.LaunchType == "FARGATE" ? "Your Spot Task was interrupted." : $"Task stopped by the fake ({task.Id}).");
        return true;
    }

    /// <summary>The task metadata endpoint v4: the container's document, or the task's (with its containers).</summary>
    public JsonObject? Metadata(string taskId, bool task)
    {
        var found = _tasks.FirstOrDefault(t => t.Id == taskId);
        if (found is null)
        {
            return null;
        }

        var options = found.Definition.MainContainer.Obj("logConfiguration")?.Obj("options");
        var container = new JsonObject
        {
            ["DockerId"] = found.Id + found.Id,
            ["Name"] = found.ContainerName,
            ["DockerName"] = $"ecs-{found.Definition.Family}-{found.Definition.Revision}-{found.ContainerName}",
            ["Image"] = found.Definition.MainContainer.Str("image"),
            ["Labels"] = new JsonObject
            {
                ["com.amazonaws.ecs.cluster"] = ArnPrefix + "cluster/" + found.ClusterName,
                ["com.amazonaws.ecs.container-name"] = found.ContainerName,
                ["com.amazonaws.ecs.task-arn"] = found.Arn,
                ["com.amazonaws.ecs.task-definition-family"] = found.Definition.Family,
                ["com.amazonaws.ecs.task-definition-version"] = found.Definition.Revision.ToString(CultureInfo.InvariantCulture),
            },
            ["DesiredStatus"] = found.DesiredStatus,
            ["KnownStatus"] = found.LastStatus,
            ["Limits"] = new JsonObject { ["CPU"] = found.Definition.MainContainer.Int("cpu") ?? 0, ["Memory"] = found.Memory },
            ["CreatedAt"] = found.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["StartedAt"] = found.StartedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["Type"] = "NORMAL",
            ["ContainerARN"] = $"{ArnPrefix}container/{found.ClusterName}/{found.Id}/{found.ContainerName}",
            ["LogDriver"] = found.Definition.MainContainer.Obj("logConfiguration")?.Str("logDriver"),
            ["LogOptions"] = options is null ? null : new JsonObject
            {
                ["awslogs-group"] = found.LogGroup,
                ["awslogs-region"] = options.Str("awslogs-region") ?? server.Region,
                ["awslogs-stream"] = found.LogStream,
            },
        };
        if (!task)
        {
            return container;
        }

        return new JsonObject
        {
            ["Cluster"] = ArnPrefix + "cluster/" + found.ClusterName,
            ["TaskARN"] = found.Arn,
            ["Family"] = found.Definition.Family,
            ["Revision"] = found.Definition.Revision.ToString(CultureInfo.InvariantCulture),
            ["ServiceName"] = found.ServiceName,
            ["DesiredStatus"] = found.DesiredStatus,
            ["KnownStatus"] = found.LastStatus,
            ["Limits"] = new JsonObject { ["CPU"] = found.Cpu / 1024.0, ["Memory"] = found.Memory },
            ["AvailabilityZone"] = found.ContainerInstance?.AvailabilityZone ?? server.Region + "a",
            ["LaunchType"] = found.LaunchType,
            ["ContainerInstanceARN"] = found.ContainerInstance?.Arn,
            ["Containers"] = new JsonArray { container },
        };
    }

    public IReadOnlyList<FakeEcsTask> Snapshot() => _tasks.Select(t => new FakeEcsTask(
        t.Arn, t.Id, t.ClusterName, t.ServiceName, t.Definition.Arn, t.LastStatus, t.DesiredStatus, t.LaunchType,
        t.ContainerInstance?.Ec2InstanceId, t.Process?.Id, t.ExitCode, t.StopCode, t.StoppedReason, t.LogFile, t.LogGroup, t.LogStream,
        t.Environment, t.CreatedAt)).ToList();

    public static string Describe(IEnumerable<FakeEcsTask> tasks) =>
        string.Join("; ", tasks.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.TaskId[..8]} {t.LastStatus}/{t.DesiredStatus} exit {t.ExitCode}")));
}

/// <summary>An ECS task as the fake sees it (for assertions): its process, output and environment.</summary>
public sealed record FakeEcsTask(
    string TaskArn,
    string TaskId,
    string Cluster,
    string? Service,
    string TaskDefinitionArn,
    string LastStatus,
    string DesiredStatus,
    string LaunchType,
    string? Ec2InstanceId,
    int? ProcessId,
    int? ExitCode,
    string? StopCode,
    string? StoppedReason,
    string LogFile,
    string? LogGroup,
    string? LogStream,
    IReadOnlyDictionary<string, string> Environment,
    DateTimeOffset CreatedAt);
