using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Inputs;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>The parts of the fleet-file merge both fleet modes share: machine types, price, EBS size, public IP, subnets.</summary>
internal static class LaunchSpecs
{
    private const string ConfigFile = RunConfig.DefaultFileName;

    /// <summary>MACHINE_PRICE as Distributed-Something writes it ('%.2f').</summary>
    public static string Price(RunConfig config) => config.MachinePrice.ToString("F2", CultureInfo.InvariantCulture);

    public static IReadOnlyList<JsonObject> Of(JsonObject fleet) => [.. (fleet["LaunchSpecifications"] as JsonArray ?? []).OfType<JsonObject>()];

    /// <summary>
    /// The launch specifications with their instance types: spec i gets MachineTypes[i] (the last type again when there
    /// are more specs than types); when there are more types than specs every spec is offered once per type (DCP#216).
    /// </summary>
    public static IReadOnlyList<(JsonObject Spec, int Source, string InstanceType)> WithTypes(IReadOnlyList<JsonObject> specs, IReadOnlyList<string> types)
    {
        RequireTypes(types);
        var expanded = new List<(JsonObject, int, string)>();
        for (var i = 0; i < specs.Count; i++)
        {
            if (types.Count > specs.Count)
            {
                expanded.AddRange(types.Select(type => ((JsonObject)specs[i].DeepClone(), i, type)));
            }
            else
            {
                expanded.Add(((JsonObject)specs[i].DeepClone(), i, types[Math.Min(i, types.Count - 1)]));
            }
        }

        return expanded;
    }

    public static void RequireTypes(IReadOnlyList<string> types)
    {
        if (types.Count == 0)
        {
            throw new InputException(new InputProblem(ConfigFile, null, null, "MachineTypes", "MachineTypes is empty, so the fleet has no machine type to launch.", "set MachineTypes to one or more instance types, such as [\"m5.xlarge\"]."));
        }
    }

    /// <summary>Why spec <paramref name="index"/> cannot take EBS_VOL_SIZE, or null: the size goes on BlockDeviceMappings[1] (DS's docker volume).</summary>
    public static InputProblem? VolumeProblem(JsonObject spec, int index, FleetFileContents file)
    {
        if (spec["BlockDeviceMappings"] is JsonArray { Count: > 1 } mappings && mappings[1] is JsonObject { } second && second["Ebs"] is JsonObject)
        {
            return null;
        }

        var source = file.Root["LaunchSpecifications"]?.Items.ElementAtOrDefault(index);
        var at = source?["BlockDeviceMappings"] ?? source ?? file.Root;
        return new InputProblem(file.Path, at.Line, at.Column, $"LaunchSpecifications[{index}].BlockDeviceMappings",
            "there is no second block device mapping with an Ebs volume, where start puts EbsVolumeSize (the disk the containers use).",
            "add a second mapping after the root volume, as in Distributed-Something's example fleet file: {\"DeviceName\": \"/dev/xvdcz\", \"Ebs\": {\"DeleteOnTermination\": true, \"VolumeType\": \"gp3\"}}.");
    }

    /// <summary>Sets EBS_VOL_SIZE on every spec; all specs without a second mapping are reported together.</summary>
    public static void SetVolumeSizes(IEnumerable<(JsonObject Spec, int Source)> specs, RunConfig config, FleetFileContents file)
    {
        var problems = new List<InputProblem>();
        foreach (var (spec, source) in specs)
        {
            if (VolumeProblem(spec, source, file) is { } problem)
            {
                if (!problems.Any(p => p.Where == problem.Where))
                {
                    problems.Add(problem);
                }

                continue;
            }

            spec["BlockDeviceMappings"]![1]!["Ebs"]!["VolumeSize"] = config.EbsVolumeSize;
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }

    /// <summary>
    /// ASSIGN_IP on the spec's first network interface (the anchor code set it only on spec 0, inverted). A spec
    /// without network interfaces (SubnetId and SecurityGroups instead) gets the subnet's own public-IP setting.
    /// </summary>
    public static void SetPublicIp(JsonObject spec, bool assignIp)
    {
        if (spec["NetworkInterfaces"] is JsonArray { Count: > 0 } interfaces && interfaces[0] is JsonObject primary)
        {
            primary["AssociatePublicIpAddress"] = assignIp;
        }
    }

    /// <summary>The subnets a spec names: its first network interface's, or a comma-separated SubnetId (DCP#216).</summary>
    public static IEnumerable<string> Subnets(JsonObject spec)
    {
        var text = Str(spec, "SubnetId") ?? (spec["NetworkInterfaces"] is JsonArray { Count: > 0 } interfaces && interfaces[0] is JsonObject primary ? Str(primary, "SubnetId") : null);
        return (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The security group ids a spec names (network interface Groups or SecurityGroups[].GroupId).</summary>
    public static IEnumerable<string> SecurityGroups(JsonObject spec)
    {
        if (spec["NetworkInterfaces"] is JsonArray { Count: > 0 } interfaces && interfaces[0] is JsonObject primary && primary["Groups"] is JsonArray groups)
        {
            foreach (var group in groups)
            {
                if (group?.GetValueKind() == JsonValueKind.String)
                {
                    yield return group.GetValue<string>();
                }
            }
        }

        foreach (var group in (spec["SecurityGroups"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if ((Str(group, "GroupId") ?? Str(group, "GroupName")) is { } id)
            {
                yield return id;
            }
        }
    }

    public static string? Str(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? Int(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var number) ? number : null;

    public static bool? Bool(JsonObject json, string name) =>
        json[name] is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? value.GetValue<bool>() : null;

    /// <summary>ISO-8601 in UTC, as the EC2 query protocol takes timestamps.</summary>
    public static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
