using System.Globalization;
using Fleetbook.Inputs;

namespace Fleetbook.Fleet;

/// <summary>A Distributed-Something fleet file (a Spot Fleet request config), checked member by member against EC2's shapes.</summary>
public sealed record FleetFileContents(string Path, SourceNode Root, int LaunchSpecifications);

public static class FleetFile
{
    public static FleetFileContents Read(string path) => Check(SourceJson.ParseFile(path), path);

    public static FleetFileContents Parse(string json, string fileName) => Check(SourceJson.Parse(json, fileName), fileName);

    private static FleetFileContents Check(SourceNode root, string fileName)
    {
        var problems = new List<InputProblem>();
        if (root.Kind != SourceKind.Object)
        {
            throw new InputException(root.Problem(fileName, $"a fleet file is a JSON object (a Spot Fleet request config), found {root.Describe()}.", "start from Distributed-Something's files/exampleFleet_us-east-1.json, or run 'fleetbook init'."));
        }

        CheckStructure(root, FleetFileShapes.Root, fileName, problems);
        foreach (var required in new[] { "IamFleetRole", "LaunchSpecifications" })
        {
            var misspelt = problems.Any(p => p.Fix?.Contains($"'{required}'", StringComparison.Ordinal) == true);
            if (root[required] is null && !misspelt)
            {
                problems.Add(new InputProblem(fileName, root.Line, root.Column, required, $"the fleet file has no {required}.",
                    required == "IamFleetRole" ? "add \"IamFleetRole\": \"arn:aws:iam::<account>:role/aws-ec2-spot-fleet-tagging-role\"." : "add a \"LaunchSpecifications\" list with one entry per machine type."));
            }
        }

        var specifications = root["LaunchSpecifications"];
        if (specifications is { Kind: SourceKind.Array, Items.Count: 0 })
        {
            problems.Add(specifications.Problem(fileName, "LaunchSpecifications is empty.", "add one launch specification (ImageId, IamInstanceProfile, BlockDeviceMappings, NetworkInterfaces)."));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return new FleetFileContents(fileName, root, specifications?.Items.Count ?? 0);
    }

    private static void CheckStructure(SourceNode node, string shape, string fileName, List<InputProblem> problems)
    {
        var members = FleetFileShapes.Shapes[shape];
        foreach (var property in node.Properties)
        {
            if (!members.TryGetValue(property.Name, out var member))
            {
                var where = node.Path.Length == 0 ? property.Name : $"{node.Path}.{property.Name}";
                var near = NearestName.Suggest(property.Name, members.Keys);
                problems.Add(new InputProblem(fileName, property.Line, property.Column, where, $"'{property.Name}' is not part of a {shape}; {NearestName.DidYouMean(property.Name, members.Keys)}",
                    near is not null ? $"rename it to '{near}' (names are case-sensitive)." : "remove it."));
                continue;
            }

            CheckValue(property.Value, member, fileName, problems);
        }
    }

    private static void CheckValue(SourceNode value, FleetMember member, string fileName, List<InputProblem> problems)
    {
        switch (member.Kind)
        {
            case MemberKind.String:
                if (value.Kind != SourceKind.String)
                {
                    problems.Add(value.Problem(fileName, $"expected text, found {value.Describe()}.", "put the value in double quotes."));
                }
                else if (member.Allowed is { } allowed && !allowed.Contains(value.Text!))
                {
                    var near = NearestName.Suggest(value.Text!, allowed);
                    problems.Add(value.Problem(fileName, $"\"{value.Text}\" is not one of {string.Join(", ", allowed)}.", $"write \"{near ?? allowed[0]}\"."));
                }

                break;
            case MemberKind.DateTime:
                if (value.Kind != SourceKind.String || !DateTimeOffset.TryParse(value.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _))
                {
                    problems.Add(value.Problem(fileName, $"expected a date and time, found {value.Describe()}.", "write it like \"2026-01-31T12:00:00Z\", or leave it out: start sets ValidFrom and ValidUntil."));
                }

                break;
            case MemberKind.Integer:
                if (value.Kind != SourceKind.Number || !long.TryParse(value.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
                {
                    problems.Add(value.Problem(fileName, $"expected a whole number, found {value.Describe()}.", value.Kind == SourceKind.String ? $"write {value.Text} without quotes." : "write a whole number."));
                }

                break;
            case MemberKind.Double:
                if (value.Kind != SourceKind.Number)
                {
                    problems.Add(value.Problem(fileName, $"expected a number, found {value.Describe()}.", "write a number without quotes."));
                }

                break;
            case MemberKind.Boolean:
                if (!value.IsBoolean)
                {
                    problems.Add(value.Problem(fileName, $"expected true or false, found {value.Describe()}.", value.Kind == SourceKind.String ? $"write {value.Text?.ToLowerInvariant()} without quotes." : "write true or false."));
                }

                break;
            case MemberKind.Structure:
                if (value.Kind != SourceKind.Object)
                {
                    problems.Add(value.Problem(fileName, $"expected an object, found {value.Describe()}.", $"write {{ ... }} with the members of a {member.Shape}."));
                }
                else
                {
                    CheckStructure(value, member.Shape!, fileName, problems);
                }

                break;
            case MemberKind.List:
                if (value.Kind != SourceKind.Array)
                {
                    problems.Add(value.Problem(fileName, $"expected a list, found {value.Describe()}.", "write [ ... ]."));
                    break;
                }

                foreach (var item in value.Items)
                {
                    if (member.Shape == "String")
                    {
                        CheckValue(item, new FleetMember(MemberKind.String), fileName, problems);
                    }
                    else
                    {
                        CheckValue(item, new FleetMember(MemberKind.Structure, member.Shape), fileName, problems);
                    }
                }

                break;
        }
    }
}
