using System.Text.RegularExpressions;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>
/// IAM ARN formats: a role (<c>arn:aws:iam::123456789012:role/name</c>) and an instance profile
/// (<c>arn:aws:iam::123456789012:instance-profile/name</c>). Spot Fleet wants the first as IamFleetRole and the second as
/// IamInstanceProfile.Arn; swapping them fails only later, as "spotFleetRequestConfigurationInvalid … Linux/UNIX: Value"
/// (DCP#151, DCP#178).
/// </summary>
internal static partial class Arns
{
    public const string ExampleAccount = "123456789012";

    private const string RoleKind = "role";
    private const string ProfileKind = "instance-profile";

    public static PreflightCheck CheckRole(string name, string field, string? arn, string suggestedRoleName, string purpose) =>
        Check(name, field, arn, RoleKind, suggestedRoleName, purpose);

    public static PreflightCheck CheckInstanceProfile(string name, string field, string? arn) =>
        Check(name, field, arn, ProfileKind, "ecsInstanceRole", "the machines' instance profile (it lets the ECS agent join the cluster)");

    private static PreflightCheck Check(string name, string field, string? arn, string wanted, string suggestedName, string purpose)
    {
        var example = $"arn:aws:iam::{ExampleAccount}:{wanted}/{suggestedName}";
        if (string.IsNullOrWhiteSpace(arn))
        {
            return Outcome.Problem(name, $"{field} is not set; it must be {purpose}, an ARN like {example}.", $"set {field} to the ARN of {purpose}.");
        }

        var match = ArnPattern().Match(arn);
        if (!match.Success)
        {
            return Outcome.Problem(name, $"{field} \"{arn}\" is not an IAM ARN (expected {example}).", $"write {field} as arn:aws:iam::<your 12-digit account id>:{wanted}/<name>.");
        }

        var account = match.Groups["account"].Value;
        var kind = match.Groups["kind"].Value;
        var resource = match.Groups["name"].Value;
        var resourceName = resource[(resource.LastIndexOf('/') + 1)..];
        if (!AccountPattern().IsMatch(account))
        {
            return Outcome.Problem(name, $"{field} \"{arn}\" has \"{account}\" where the 12-digit account id goes (a placeholder from the example fleet file?).",
                $"put your account id in: arn:aws:iam::<account id>:{wanted}/{resourceName} (aws sts get-caller-identity --query Account prints it).");
        }

        if (kind != wanted)
        {
            var corrected = $"arn:aws:iam::{account}:{wanted}/{resourceName}";
            var mixup = wanted == ProfileKind
                ? $"{field} \"{arn}\" is a role ARN, but Spot Fleet needs the instance profile's ARN; this mixup fails later as the opaque \"spotFleetRequestConfigurationInvalid … Linux/UNIX: Value\" (DCP#151, DCP#178)."
                : $"{field} \"{arn}\" is {Outcome.Article(kind)} {kind} ARN, but it must be a role ARN: {purpose}.";
            var fix = wanted == ProfileKind
                ? $"write {corrected}; if that profile does not exist yet: aws iam create-instance-profile --instance-profile-name {resourceName} && aws iam add-role-to-instance-profile --instance-profile-name {resourceName} --role-name {resourceName}."
                : $"write the role's ARN, e.g. {corrected} if the role has the same name (aws iam get-role --role-name {resourceName} --query Role.Arn prints it).";
            return Outcome.Problem(name, mixup, fix);
        }

        return Outcome.Ok(name, $"{field} is {(wanted == RoleKind ? "a role" : "an instance-profile")} ARN in account {account} ({resourceName}).");
    }

    // Partitions aws, aws-cn, aws-us-gov; the account part is captured loosely so that placeholders get their own message.
    [GeneratedRegex(@"^arn:aws(-[a-z]+)*:iam::(?<account>[^:]*):(?<kind>[a-z-]+)/(?<name>[\w+=,.@/-]+)$")]
    private static partial Regex ArnPattern();

    [GeneratedRegex(@"^\d{12}$")]
    private static partial Regex AccountPattern();
}
