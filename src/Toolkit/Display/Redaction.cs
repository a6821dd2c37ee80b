using System.Text.RegularExpressions;
using Fleetbook.Configuration;

namespace Fleetbook.Display;

/// <summary>
/// Keeps secrets out of every display: the values of a config's credential-like environment variables and its
/// profile name wherever they turn up (a log excerpt that prints its environment, a job message), the values of the
/// secret-named variables of the environment Fleetbook itself runs in (AWS_SECRET_ACCESS_KEY, GITHUB_TOKEN, …), plus
/// anything shaped like an AWS access key or a <c>SECRET=value</c> pair.
/// </summary>
internal sealed partial class Redaction
{
    public const string Hidden = "[hidden]";

    /// <summary>Shortest value of the process's environment that is hidden: "1" or "true" in a *_TOKEN variable must not hide every "1" and "true".</summary>
    private const int ShortestProcessSecret = 8;

    private readonly string[] _values;
    private readonly Regex? _profile;

    private Redaction(IEnumerable<string> values, string? profile)
    {
        _values = values.Where(v => v.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(v => v.Length).ToArray();
        _profile = profile is { Length: >= 3 } ? new Regex(@"(?<![\w-])" + Regex.Escape(profile) + @"(?![\w-])", RegexOptions.CultureInvariant) : null;
    }

    public static Redaction For(RunConfig? config) => new(
        [
            .. config?.Environment.Where(e => IsSensitiveName(e.Key)).Select(e => e.Value) ?? [],
            .. ProcessSecrets(),
        ],
        config is null || IsDefaultProfile(config.Profile) ? null : config.Profile);

    /// <summary>AWS_SECRET_ACCESS_KEY, DB_PASSWORD, API_TOKEN, …: names whose values a display must never show.</summary>
    public static bool IsSensitiveName(string name) => SensitiveName().IsMatch(name);

    /// <summary>
    /// The values of this process's variables named like a secret. Stricter than <see cref="IsSensitiveName"/> (no
    /// SESSION or AUTH alone): a shell's XDG_SESSION_TYPE=tty is not a secret, and hiding "tty" everywhere would garble text.
    /// </summary>
    private static IEnumerable<string> ProcessSecrets()
    {
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string { Length: >= ShortestProcessSecret } value && SecretName().IsMatch(name))
            {
                yield return value;
            }
        }
    }

    public static bool IsDefaultProfile(string profile) => profile is "" or "default";

    public string Apply(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var value in _values)
        {
            text = text.Replace(value, Hidden, StringComparison.Ordinal);
        }

        if (_profile is not null)
        {
            text = _profile.Replace(text, Hidden);
        }

        text = AccessKeyId().Replace(text, Hidden);
        return SecretAssignment().Replace(text, m => m.Groups["name"].Value + m.Groups["sep"].Value + Hidden);
    }

    [GeneratedRegex("SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|SESSION|AUTH", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SensitiveName();

    [GeneratedRegex("SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretName();

    [GeneratedRegex(@"\b(?:AKIA|ASIA|AIDA|AROA|ANPA)[A-Z0-9]{16}\b", RegexOptions.CultureInvariant)]
    private static partial Regex AccessKeyId();

    [GeneratedRegex(@"(?<name>\b[A-Za-z0-9_]*(?:SECRET|PASSWORD|PASSWD|TOKEN|CREDENTIAL|PRIVATE_KEY|API_KEY|ACCESS_KEY)[A-Za-z0-9_]*)(?<sep>\s*[=:]\s*[""']?)(?<value>[^\s""',;]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SecretAssignment();
}
