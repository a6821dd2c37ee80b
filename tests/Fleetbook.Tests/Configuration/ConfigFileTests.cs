using Fleetbook.Configuration;
using Fleetbook.Inputs;

namespace Fleetbook.Tests.Configuration;

public class ConfigFileTests
{
    private const string Minimal = """{ "appName": "Run1", "command": ["prog", "{job_id}"] }""";

    [Fact]
    public void A_minimal_config_gets_Distributed_Something_derived_names()
    {
        var config = ConfigFile.Parse(Minimal, "fleetbook.json");

        Assert.Equal("Run1Queue", config.EffectiveQueueName);
        Assert.Equal("Run1DeadMessages", config.EffectiveDeadLetterQueue);
        Assert.Equal("Run1", config.EffectiveLogGroup);
        Assert.Equal(config.DockerCores * 1024, config.EffectiveCpuShares);
        Assert.Equal(BackendKind.Local, config.Backend);
    }

    [Fact]
    public void A_saved_config_loads_back_unchanged()
    {
        var config = ConfigFile.Parse(Minimal, "fleetbook.json") with
        {
            Machines = 7,
            MachineTypes = ["c5.xlarge", "m5.xlarge"],
            CheckIfDone = new CheckIfDone(true, 5, 10, "csv"),
            Environment = new Dictionary<string, string> { ["MY_FLAG"] = "True" },
            MachinePrice = 0.13,
        };

        var reloaded = ConfigFile.Parse(ConfigFile.ToJson(config, RunConfig.SchemaFileName), "fleetbook.json");

        Assert.Equal(ConfigFile.ToJson(config), ConfigFile.ToJson(reloaded));
        Assert.Equal(7, reloaded.Machines);
        Assert.Equal(["c5.xlarge", "m5.xlarge"], reloaded.MachineTypes);
        Assert.Equal(new CheckIfDone(true, 5, 10, "csv"), reloaded.CheckIfDone);
        Assert.Equal("True", reloaded.Environment["MY_FLAG"]);
    }

    [Fact]
    public void The_shipped_schema_file_matches_the_config_keys()
    {
        var shipped = Path.Combine(RepositoryRoot(), "schema", RunConfig.SchemaFileName);

        Assert.True(File.Exists(shipped), $"{shipped} is missing: write ConfigSchemaDocument.ToJson() there.");
        Assert.Equal(ConfigSchemaDocument.ToJson(), File.ReadAllText(shipped));
    }

    [Fact]
    public void The_schema_lists_every_key_the_loader_accepts()
    {
        var schema = System.Text.Json.JsonDocument.Parse(ConfigSchemaDocument.ToJson());
        var properties = schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToHashSet();

        foreach (var field in ConfigSchema.Fields)
        {
            Assert.Contains(field.Name, properties);
        }

        Assert.Equal("integer", schema.RootElement.GetProperty("properties").GetProperty("machines").GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "machnes": 3 }""", 1, "machnes", "did you mean 'machines'")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "machines": "3" }""", 1, "machines", "without quotes")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "machines": 2.5 }""", 1, "machines", "whole number")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "machines": 0 }""", 1, "machines", "at least 1")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "shell": "True" }""", 1, "shell", "write true without quotes")]
    [InlineData("""{ "appName": "Run1", "command": "prog --in x" }""", 1, "command", "list of arguments")]
    [InlineData("""{ "appName": "Run1", "command": ["p", 3] }""", 1, "command[1]", "double quotes")]
    [InlineData("""{ "command": ["p"] }""", 1, "appName", "is missing")]
    [InlineData("""{ "appName": "Run1" }""", 1, "command", "is missing")]
    [InlineData("""{ "appName": "Run 1!", "command": ["p"] }""", 1, "appName", "letters, digits")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "backend": "aws2" }""", 1, "backend", "write \"aws\"")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "region": "us-east-1a" }""", 1, "region", "\"us-east-1\"")]
    [InlineData("""{ "appName": "Run1", "command": ["p {job_id"] }""", 1, "command[0]", "never closed")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "outputs": "out/{job_id}}" }""", 1, "outputs", "no opening")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "visibilitySeconds": 50000 }""", 1, "visibilitySeconds", "at most 43200")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "checkIfDone": { "enabeld": true } }""", 1, "checkIfDone.enabeld", "did you mean 'enabled'")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "checkIfDone": true }""", 1, "checkIfDone", "expected an object")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "environment": { "BAD NAME": "x" } }""", 1, "environment", "environment variable name")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "downloadFiles": true }""", 1, "downloadFiles", "\"inputs\"")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "queueName": "Run1DeadMessages" }""", 1, "deadLetterQueue", "own name")]
    [InlineData("""{ "appName": "Run1", "command": [] }""", 1, "command", "is empty")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "ebsVolumeSize": 8 }""", 1, "ebsVolumeSize", "at least 22")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "machinePrice": "cheap" }""", 1, "machinePrice", "number without quotes")]
    [InlineData("""{ "appName": "Run1", "command": ["p"], "backend": "aws", "bucket": "./bucket" }""", 1, "bucket", "S3 bucket")]
    public void A_bad_config_names_the_key_and_the_fix(string json, int expectedLine, string key, string fixFragment)
    {
        var problem = Assert.Single(Assert.Throws<InputException>(() => ConfigFile.Parse(json, "fleetbook.json")).Problems);

        Assert.Equal("fleetbook.json", problem.File);
        Assert.Equal(expectedLine, problem.Line);
        Assert.NotNull(problem.Column);
        Assert.Equal(key, problem.Where);
        Assert.Contains(fixFragment, problem.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.False(string.IsNullOrEmpty(problem.Fix));
    }

    [Fact]
    public void Malformed_json_points_at_the_line_and_column()
    {
        var json = "{\n  \"appName\": \"Run1\",\n  \"command\": [\"p\"]\n  \"machines\": 2\n}";

        var problem = Assert.Single(Assert.Throws<InputException>(() => ConfigFile.Parse(json, "cfg.json")).Problems);

        Assert.Equal(4, problem.Line);
        Assert.Contains("not valid JSON", problem.Message);
        Assert.Contains("comma", problem.Fix);
    }

    [Fact]
    public void Several_problems_are_reported_together()
    {
        var json = """{ "appName": "Run1", "command": ["p"], "machines": "2", "dockerCores": -1, "colour": "red" }""";

        var problems = Assert.Throws<InputException>(() => ConfigFile.Parse(json, "fleetbook.json")).Problems;

        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void A_missing_config_file_says_how_to_make_one()
    {
        using var folder = new Support.TempFolder();

        var problem = Assert.Single(Assert.Throws<InputException>(() => ConfigFile.Load(folder.File("fleetbook.json"))).Problems);

        Assert.Contains("fleetbook init", problem.Fix);
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Fleetbook.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Fleetbook.slnx not found above " + AppContext.BaseDirectory);
    }
}
