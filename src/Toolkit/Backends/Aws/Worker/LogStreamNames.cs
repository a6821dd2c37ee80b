using System.Security.Cryptography;
using System.Text;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>
/// Turns a job id into a CloudWatch Logs stream name (1–512 characters, no ':' or '*'). A valid id is the name, as in
/// Distributed-Something; any other id has ':' and '*' replaced by '_', is cut to fit, and gets <c>~</c> plus a short
/// hash of the real id, so that <c>a:b</c> and <c>a_b</c> still get different streams.
/// </summary>
public static class LogStreamNames
{
    public const int MaxLength = 512;

    private const int HashLength = 8;

    public static string For(string jobId)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        if (jobId.Length is > 0 and <= MaxLength && jobId.AsSpan().IndexOfAny(':', '*') < 0)
        {
            return jobId;
        }

        var kept = jobId.Length > MaxLength - HashLength - 1 ? jobId[..(MaxLength - HashLength - 1)] : jobId;
        if (kept.Length > 0 && char.IsHighSurrogate(kept[^1]))
        {
            kept = kept[..^1];
        }

        var safe = kept.Replace(':', '_').Replace('*', '_');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jobId)).AsSpan(0, HashLength / 2));
        return $"{safe}~{hash}";
    }
}
