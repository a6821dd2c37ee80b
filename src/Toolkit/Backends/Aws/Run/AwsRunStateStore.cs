using System.Text.Json;
using System.Text.Json.Serialization;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Aws.Run;

/// <summary>Keeps <see cref="AwsRunState"/> in <c>&lt;stateDir&gt;/&lt;app&gt;/aws-run.json</c> and at <c>fleetbook/&lt;app&gt;/run.json</c> in the bucket.</summary>
public sealed class AwsRunStateStore(string localFile, IObjectStore bucket, string appName)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    public string LocalFile => localFile;

    public string BucketKey => BucketKeyOf(appName);

    public static string BucketKeyOf(string appName) => Storage.RunKeys.Root(appName) + "run.json";

    /// <summary>The state on this machine, else the bucket's copy (another machine started the run), else null.</summary>
    public async Task<AwsRunState?> LoadAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(localFile))
        {
            return Read(await File.ReadAllBytesAsync(localFile, cancellationToken));
        }

        var stored = await bucket.GetBytesAsync(BucketKey, cancellationToken);
        return stored is null ? null : Read(stored);
    }

    public async Task SaveAsync(AwsRunState state, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(state, Json);
        Directory.CreateDirectory(Path.GetDirectoryName(localFile)!);
        var temporary = localFile + ".tmp";
        await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
        File.Move(temporary, localFile, overwrite: true);
        await bucket.PutBytesAsync(BucketKey, bytes, cancellationToken);
    }

    /// <summary>A state read leniently (for listing runs): null when unreadable.</summary>
    public static AwsRunState? TryRead(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<AwsRunState>(bytes, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private AwsRunState? Read(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<AwsRunState>(bytes, Json);
        }
        catch (JsonException ex)
        {
            throw new Inputs.InputException(new Inputs.InputProblem(localFile, null, null, null,
                $"the run's saved state is unreadable ({ex.Message}).", $"delete it (and s3://…/{BucketKey}) if the run was cleaned up, or run 'fleetbook cleanup {appName}'."));
        }
    }
}
