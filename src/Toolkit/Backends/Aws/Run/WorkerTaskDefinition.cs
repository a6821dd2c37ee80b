using System.Globalization;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ecs;
using Fleetbook.Configuration;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>
/// The task definition <c>&lt;APP&gt;Task</c>: one container <c>&lt;APP&gt;</c> running the worker image with the worker's
/// environment, its output to <c>&lt;LOG_GROUP&gt;_perInstance</c> through awslogs. Credentials reach it only through the task role.
/// </summary>
public static class WorkerTaskDefinition
{
    private static readonly string[] CredentialVariables = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"];
    private static readonly string[] SecretWords = ["SECRET", "PASSWORD", "PASSWD", "TOKEN", "PRIVATE_KEY", "API_KEY", "ACCESS_KEY"];

    public static RegisterTaskDefinitionRequest Build(RunConfig config, IReadOnlyDictionary<string, string> environment)
    {
        RefuseSecrets(environment);
        var names = new AwsRunNames(config);
        var fargate = config.FleetMode == FleetMode.FargateSpot;
        var container = new ContainerDefinition(
            names.Container,
            config.Image,
            Cpu: fargate ? null : config.EffectiveCpuShares,
            Memory: fargate ? null : config.Memory,
            Essential: true,
            Environment: environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new EnvironmentVariable(e.Key, e.Value)).ToList(),
            LogConfiguration: new LogConfiguration(LogDriver.Awslogs, new Dictionary<string, string>
            {
                ["awslogs-group"] = names.PerInstanceLogGroup,
                ["awslogs-region"] = config.Region,
                ["awslogs-stream-prefix"] = names.App,
            }));
        return new RegisterTaskDefinitionRequest(
            names.TaskFamily,
            [container],
            TaskRoleArn: Optional(config.TaskRoleArn),
            ExecutionRoleArn: Optional(config.ExecutionRoleArn),
            NetworkMode: fargate ? NetworkMode.Awsvpc : NetworkMode.Bridge,
            RequiresCompatibilities: fargate ? [Compatibility.Fargate] : [Compatibility.Ec2],
            Cpu: fargate ? config.EffectiveCpuShares.ToString(CultureInfo.InvariantCulture) : null,
            Memory: fargate ? config.Memory.ToString(CultureInfo.InvariantCulture) : null,
            Tags: [AwsTag.Run(config.AppName)]);
    }

    /// <summary>Whether the latest registered revision already is what <paramref name="wanted"/> asks for (so setup registers nothing).</summary>
    public static bool Matches(TaskDefinition existing, RegisterTaskDefinitionRequest wanted)
    {
        if (existing.Status is not (null or "ACTIVE") || existing.ContainerDefinitions.Count != 1
            || existing.TaskRoleArn != wanted.TaskRoleArn || existing.ExecutionRoleArn != wanted.ExecutionRoleArn
            || (existing.NetworkMode ?? NetworkMode.Bridge) != wanted.NetworkMode
            || !existing.RequiresCompatibilities.SequenceEqual(wanted.RequiresCompatibilities ?? [])
            || existing.Cpu != wanted.Cpu && wanted.Cpu is not null || existing.Memory != wanted.Memory && wanted.Memory is not null)
        {
            return false;
        }

        var have = existing.ContainerDefinitions[0];
        var want = wanted.ContainerDefinitions[0];
        return have.Name == want.Name && have.Image == want.Image && have.Cpu == want.Cpu && have.Memory == want.Memory
            && Same(have.Environment, want.Environment)
            && have.LogConfiguration?.LogDriver == want.LogConfiguration?.LogDriver
            && Same(have.LogConfiguration?.Options, want.LogConfiguration?.Options);
    }

    private static bool Same(IReadOnlyList<EnvironmentVariable>? a, IReadOnlyList<EnvironmentVariable>? b) =>
        (a ?? []).OrderBy(v => v.Name, StringComparer.Ordinal).SequenceEqual((b ?? []).OrderBy(v => v.Name, StringComparer.Ordinal));

    private static bool Same(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b) =>
        (a ?? new Dictionary<string, string>()).OrderBy(v => v.Key, StringComparer.Ordinal)
            .SequenceEqual((b ?? new Dictionary<string, string>()).OrderBy(v => v.Key, StringComparer.Ordinal));

    private static string? Optional(string value) => value.Length == 0 ? null : value;

    /// <summary>A task definition is readable by anyone with ecs:Describe*: no key, token or password may go into it.</summary>
    public static void RefuseSecrets(IReadOnlyDictionary<string, string> environment)
    {
        var problems = new List<InputProblem>();
        foreach (var name in environment.Keys.Order(StringComparer.Ordinal))
        {
            if (CredentialVariables.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add(new InputProblem(RunConfig.DefaultFileName, null, null, $"environment.{name}",
                    $"{name} would put AWS credentials into the task definition, where anyone who can describe it reads them.",
                    "remove it and set \"taskRoleArn\" to a role with the permissions the program needs: the containers get credentials from it."));
            }
            else if (SecretWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(new InputProblem(RunConfig.DefaultFileName, null, null, $"environment.{name}",
                    $"{name} looks like a secret, and the task definition's environment is readable by anyone who can describe it.",
                    "keep the secret in AWS Secrets Manager or SSM Parameter Store and let the program read it with the task role; rename the variable if it holds no secret."));
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }
}
