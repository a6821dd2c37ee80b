using System.Collections;
using Fleetbook.Backends.Local;
using Fleetbook.Configuration;
using Fleetbook.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Local;

/// <summary>
/// The program sees a short allow-list of the operator's environment plus the config's "environment", as a
/// Distributed-Something container sees only its task definition; and a secret of the operator's environment that
/// still turns up in a job's output is hidden in the report.
/// </summary>
public class ProgramEnvironmentTests
{
    [Fact]
    public void Only_the_allow_list_of_the_operators_environment_is_inherited_and_never_a_secret_looking_name()
    {
        // Arrange
        var operatorEnvironment = new Hashtable
        {
            ["PATH"] = "/usr/bin",
            ["HOME"] = "/home/me",
            ["LANG"] = "C.UTF-8",
            ["LC_ALL"] = "C",
            ["DOTNET_ROOT"] = "/usr/share/dotnet",
            ["AWS_SECRET_ACCESS_KEY"] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            ["GITHUB_TOKEN"] = "ghp_0123456789abcdef",
            ["DOTNET_NUGET_API_KEY"] = "oy2abc",
            ["MY_PROJECT_SETTING"] = "x",
        };

        // Act
        var inherited = InheritedEnvironment.From(operatorEnvironment);

        // Assert
        Assert.Equal(["DOTNET_ROOT", "HOME", "LANG", "LC_ALL", "PATH"], inherited.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_secret_of_the_operators_environment_never_reaches_the_program_and_is_hidden_in_the_report()
    {
        // Arrange
        var name = "FLEETBOOK_TEST_SERVICE_TOKEN_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var secret = "tok-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(name, secret);
        try
        {
            var config = new RunConfig
            {
                AppName = "EnvRun",
                Command = ["/bin/sh", "-c", "env; echo \"the value: $1\"; exit 3", "job", "{group.copy}"],
                Environment = new Dictionary<string, string> { ["MY_SETTING"] = "visible-setting" },
                Machines = 1,
                DockerCores = 1,
                IdleExitSeconds = 2,
                RetryDelaySeconds = 0,
                MaxReceives = 1,
            };
            await using var harness = new LocalRunHarness(config);
            var jobs = harness.WriteJobFile([new Dictionary<string, string> { ["copy"] = secret }]);

            // Act
            var result = await harness.RunToEndAsync(jobs);
            var log = await harness.Run.Backend.Logs.TailJobAsync(secret, 1000, CancellationToken.None);
            var report = (await RunReport.CreateAsync(harness.Run, result, logLines: 1000)).ToHtmlPage();

            // Assert
            Assert.Equal(1, result.Final.DeadLetter);
            Assert.DoesNotContain(log, line => line.Contains(name, StringComparison.Ordinal));
            Assert.Contains(log, line => line.EndsWith(" MY_SETTING=visible-setting", StringComparison.Ordinal));
            Assert.Contains(log, line => line.Contains(" PATH=", StringComparison.Ordinal));
            Assert.Contains(log, line => line.EndsWith($" the value: {secret}", StringComparison.Ordinal));
            Assert.DoesNotContain(secret, report);
            Assert.Contains("the value: [hidden]", report);
        }
        finally
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }
}
