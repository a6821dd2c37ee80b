using System.Text.Json;
using Fleetbook.Configuration;
using Fleetbook.Configuration.DsImport;
using Fleetbook.Inputs;

namespace Fleetbook.Tests.Configuration;

/// <summary>Every number in a config has a range that is checked where it is read; nothing wraps around.</summary>
public class NumericRangeTests
{
    [Theory]
    [InlineData("jobTimeoutSeconds", "4294967297", "at most 604800")]
    [InlineData("jobTimeoutSeconds", "4294967296", "at most 604800")]
    [InlineData("jobTimeoutSeconds", "-1", "at least 0")]
    [InlineData("machines", "100000000000000000000000", "at most 10000")]
    [InlineData("machinePrice", "1e400", "at most 1000")]
    [InlineData("machinePrice", "-1e400", "at least 0")]
    [InlineData("memory", "40000000", "at most 33554432")]
    [InlineData("ebsVolumeSize", "16385", "at most 16384")]
    [InlineData("cpuShares", "196609", "at most 196608")]
    [InlineData("idleExitSeconds", "2147483648", "at most 86400")]
    public void A_number_past_its_range_is_refused_rather_than_wrapped(string key, string number, string fix)
    {
        // Arrange
        var json = $$"""{ "appName": "Run1", "command": ["p"], "{{key}}": {{number}} }""";

        // Act
        var problem = Assert.Single(Assert.Throws<InputException>(() => ConfigFile.Parse(json, "fleetbook.json")).Problems);

        // Assert
        Assert.Equal(key, problem.Where);
        Assert.Equal((1, 44 + key.Length), (problem.Line, problem.Column));
        Assert.Contains(fix, problem.Fix);
    }

    [Theory]
    [InlineData("expectedFiles", "1000001", "at most 1000000")]
    [InlineData("minFileSizeBytes", "5497558138881", "at most 5497558138880")]
    public void A_check_if_done_number_past_its_range_is_refused(string key, string number, string fix)
    {
        // Arrange
        var json = $$"""{ "appName": "Run1", "command": ["p"], "checkIfDone": { "{{key}}": {{number}} } }""";

        // Act
        var problem = Assert.Single(Assert.Throws<InputException>(() => ConfigFile.Parse(json, "fleetbook.json")).Problems);

        // Assert
        Assert.Equal("checkIfDone." + key, problem.Where);
        Assert.Contains(fix, problem.Fix);
    }

    [Fact]
    public void Every_number_has_a_range_that_fits_the_type_that_holds_it()
    {
        // Arrange
        var defaults = new RunConfig { AppName = "" };
        var fields = ConfigSchema.Fields.Concat(ConfigSchema.CheckIfDoneFields).Where(f => f.Type is FieldType.Integer or FieldType.Number).ToList();

        // Assert
        Assert.NotEmpty(fields);
        Assert.All(fields, field =>
        {
            Assert.True(field.Minimum is not null && field.Maximum is not null, $"{field.Name} has no range");
            Assert.True(field.Minimum <= field.Maximum, field.Name);
            var largest = field.Get(defaults) switch
            {
                int => int.MaxValue,
                long => long.MaxValue,
                _ => double.MaxValue,
            };
            Assert.True(field.Maximum <= largest, $"{field.Name}'s maximum does not fit its type");
        });
    }

    [Fact]
    public void The_schema_carries_the_same_ranges_as_the_loader()
    {
        // Arrange
        var schema = JsonDocument.Parse(ConfigSchemaDocument.ToJson()).RootElement.GetProperty("properties");

        // Act
        var ranges = ConfigSchema.Fields.Where(f => f.Type is FieldType.Integer or FieldType.Number)
            .Select(f => (f.Name, Minimum: schema.GetProperty(f.Name).GetProperty("minimum").GetDouble(), Maximum: schema.GetProperty(f.Name).GetProperty("maximum").GetDouble(), Field: f));
        var memory = schema.GetProperty("memory");

        // Assert
        Assert.All(ranges, r => Assert.Equal((r.Field.Minimum, r.Field.Maximum), (r.Minimum, r.Maximum)));
        Assert.Equal(33554432, memory.GetProperty("maximum").GetInt64());
        Assert.Equal(1000000, schema.GetProperty("checkIfDone").GetProperty("properties").GetProperty("expectedFiles").GetProperty("maximum").GetInt64());
    }

    [Theory]
    [InlineData("MEMORY = 1099511627776", "MEMORY", "at most 33554432")]
    [InlineData("EBS_VOL_SIZE = 100000", "EBS_VOL_SIZE", "at most 16384")]
    [InlineData("CPU_SHARES = DOCKER_CORES * 100000", "CPU_SHARES", "at most 196608")]
    [InlineData("EXPECTED_NUMBER_FILES = 10000000", "EXPECTED_NUMBER_FILES", "at most 1000000")]
    [InlineData("MACHINE_PRICE = 1e300", "MACHINE_PRICE", "at most 1000")]
    public void A_config_py_number_past_its_range_is_refused_at_import(string line, string key, string fix)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\nDOCKER_CORES = 4\n{line}\n";

        // Act
        var problem = Assert.Single(Assert.Throws<InputException>(() => DsConfigImporter.Parse(text, "config.py")).Problems);

        // Assert
        Assert.Equal((key, 3), (problem.Where, problem.Line));
        Assert.Contains(fix, problem.Fix);
    }
}
