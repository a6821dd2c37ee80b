using System.Text.Json;

namespace Fleetbook.Tests.Support;

/// <summary>The official AWS service models in ../shared/aws-models (CI has them; users do not).</summary>
public static class AwsModels
{
    public static string? Folder { get; } = Find();

    public static bool Available => Folder is not null;

    public const string MissingReason = "../shared/aws-models is not beside the repository (set FLEETBOOK_SHARED to the shared folder to run this oracle test).";

    public static JsonDocument Load(string service) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder ?? throw new InvalidOperationException(MissingReason), service + ".json")));

    private static string? Find()
    {
        var configured = Environment.GetEnvironmentVariable("FLEETBOOK_SHARED");
        if (!string.IsNullOrEmpty(configured) && Directory.Exists(Path.Combine(configured, "aws-models")))
        {
            return Path.Combine(configured, "aws-models");
        }

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null)
        {
            var candidate = Path.Combine(directory.FullName, "shared", "aws-models");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }

            directory = directory.Parent;
        }

        return null;
    }
}

/// <summary>A fact that is skipped, with the reason, when the AWS models are absent.</summary>
public sealed class AwsModelFactAttribute : FactAttribute
{
    public AwsModelFactAttribute()
    {
        if (!AwsModels.Available)
        {
            Skip = AwsModels.MissingReason;
        }
    }
}
