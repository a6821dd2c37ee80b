using System.Text.RegularExpressions;
using Fleetbook.Steps;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>
/// Checks an image name against Docker's reference grammar (distribution/reference): an optional registry host
/// (with a '.' or ':' or "localhost"), lowercase path components, then a tag and/or a sha256 digest.
/// </summary>
internal static partial class ImageReference
{
    public const string CheckName = "Image";

    public static PreflightCheck Check(string image)
    {
        if (string.IsNullOrWhiteSpace(image))
        {
            return Outcome.Problem(CheckName, "no image is set: the tasks would have nothing to run.",
                "set \"image\" (DOCKERHUB_TAG) to the image the workers run, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/myapp:1.0.");
        }

        var match = Reference().Match(image);
        if (!match.Success)
        {
            return Outcome.Problem(CheckName, $"\"{image}\" is not a valid image reference.", Advice(image));
        }

        var name = match.Groups["name"].Value;
        if (name.Length > 255)
        {
            return Outcome.Problem(CheckName, $"the image name in \"{image}\" is {name.Length} characters long; Docker allows 255.", "use a shorter repository name.");
        }

        var tag = match.Groups["tag"].Success ? match.Groups["tag"].Value : null;
        var pinned = match.Groups["digest"].Success ? "pinned by digest" : tag is not null ? $"tag {tag}" : "no tag, so ECS pulls :latest (pin a tag to know what ran)";
        return Outcome.Ok(CheckName, $"\"{image}\" is a valid image reference ({pinned}).");
    }

    private static string Advice(string image)
    {
        if (image.Any(char.IsWhiteSpace))
        {
            return "remove the spaces from \"image\".";
        }

        var path = image.Split('@')[0];
        var lastColon = path.LastIndexOf(':');
        var repository = lastColon > path.LastIndexOf('/') ? path[..lastColon] : path;
        var firstSlash = repository.IndexOf('/');
        var components = firstSlash > 0 && IsHost(repository[..firstSlash]) ? repository[(firstSlash + 1)..] : repository;
        if (components.Any(char.IsUpper))
        {
            return $"repository names are lowercase: write \"{image.Replace(components, components.ToLowerInvariant(), StringComparison.Ordinal)}\".";
        }

        if (image.Contains('@', StringComparison.Ordinal) && !DigestPattern().IsMatch(image[(image.IndexOf('@') + 1)..]))
        {
            return "a digest is written @sha256: followed by 64 hexadecimal digits.";
        }

        return "write it as [registry/]name[:tag] or [registry/]name@sha256:<digest>, e.g. 123456789012.dkr.ecr.us-east-1.amazonaws.com/myapp:1.0 or cellprofiler/distributed-cellprofiler:2.2.0_4.2.8.";
    }

    private static bool IsHost(string part) => part.Contains('.', StringComparison.Ordinal) || part.Contains(':', StringComparison.Ordinal) || part == "localhost";

    [GeneratedRegex(@"^sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestPattern();

    // Host: domain labels joined by '.', optional :port (a first component without '.', ':' or "localhost" is a path).
    // Path component: [a-z0-9]+ joined by '.', '_', '__' or runs of '-'. Tag: [\w][\w.-]{0,127}.
    [GeneratedRegex(@"^(?<name>(?:(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+|localhost)(?::[0-9]+)?/|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]+/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)(?::(?<tag>[\w][\w.-]{0,127}))?(?:@(?<digest>sha256:[0-9a-f]{64}))?$")]
    private static partial Regex Reference();
}
