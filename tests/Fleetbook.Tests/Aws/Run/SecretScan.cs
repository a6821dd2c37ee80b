using System.Text;
using Fleetbook.Display;
using Fleetbook.Tests.Aws.Emulators;

namespace Fleetbook.Tests.Aws.Run;

/// <summary>Looks for credentials everywhere a run writes: the task definitions, every log line, every display, the saved run state.</summary>
internal static class SecretScan
{
    public static void AssertClean(AwsBackendHarness harness, IEnumerable<object> results)
    {
        var credentials = AwsEmulators.FauxqsCredentials.GetCredentials();
        string[] secrets = [credentials.SecretKey, harness.Server.SecretAccessKey];
        var places = new List<(string Where, string Text)>();

        foreach (var call in harness.Server.CallsTo("RegisterTaskDefinition"))
        {
            var text = call.Input.ToJsonString();
            places.Add(("task definition", text));
            Assert.DoesNotContain("AWS_SECRET_ACCESS_KEY", text, StringComparison.Ordinal);
            Assert.DoesNotContain("AWS_ACCESS_KEY_ID", text, StringComparison.Ordinal);
        }

        Assert.NotEmpty(places);
        var lines = 0;
        foreach (var group in harness.Server.LogGroupNames())
        {
            foreach (var (stream, _, message) in harness.Server.LogEvents(group))
            {
                places.Add(($"log {group}/{stream}", message));
                lines++;
            }
        }

        Assert.True(lines > 0, "the run wrote no log line to scan");
        foreach (var result in results)
        {
            places.Add(($"display of {result.GetType().Name}", FleetbookDisplay.ToText(result) + FleetbookDisplay.ToHtml(result)));
        }

        if (File.Exists(harness.Backend.StateFile))
        {
            places.Add(("run state", File.ReadAllText(harness.Backend.StateFile, Encoding.UTF8)));
        }

        foreach (var (where, text) in places)
        {
            foreach (var secret in secrets)
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{where} holds a credential: {text}");
            }
        }
    }
}
