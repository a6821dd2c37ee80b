using Fleetbook.Fleet;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Fleet;

/// <summary>The fleet file's shapes held to the official EC2 model.</summary>
public class FleetFileConformanceTests
{
    [AwsModelFact]
    public void Every_fleet_file_member_exists_in_the_EC2_model_with_the_same_type()
    {
        using var model = Support.AwsModels.Load("ec2");
        var shapes = model.RootElement.GetProperty("shapes");
        foreach (var (shapeName, members) in FleetFileShapes.Shapes)
        {
            var shape = shapes.GetProperty(shapeName).GetProperty("members");
            foreach (var (memberName, member) in members)
            {
                Assert.True(shape.TryGetProperty(memberName, out var modelMember), $"{shapeName}.{memberName} is not in the EC2 model");
                var target = shapes.GetProperty(modelMember.GetProperty("shape").GetString()!);
                var type = target.GetProperty("type").GetString();
                var expected = member.Kind switch
                {
                    MemberKind.String => "string",
                    MemberKind.Integer => "integer",
                    MemberKind.Double => "double",
                    MemberKind.Boolean => "boolean",
                    MemberKind.DateTime => "timestamp",
                    MemberKind.Structure => "structure",
                    _ => "list",
                };
                Assert.True(expected == type, $"{shapeName}.{memberName}: model says {type}, we check {expected}");
                if (member.Allowed is { } allowed && target.TryGetProperty("enum", out var values))
                {
                    var legal = values.EnumerateArray().Select(v => v.GetString()).ToHashSet();
                    Assert.All(allowed, value => Assert.Contains(value, legal));
                }

                if (member.Kind == MemberKind.Structure)
                {
                    Assert.Equal(member.Shape, modelMember.GetProperty("shape").GetString());
                }
            }
        }
    }
}
