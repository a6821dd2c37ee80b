using Fleetbook.Configuration;
using Fleetbook.Configuration.DsImport;

namespace Fleetbook.Tests.DsImport;

public sealed class DsConfigImporterTests
{
    [Fact]
    public void Importing_the_Distributed_CellProfiler_default_config_keeps_every_setting()
    {
        // Arrange
        var text = DefaultConfigs.DistributedCellProfiler;

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal("DistributedCP", config.AppName);
        Assert.Equal(BackendKind.Aws, config.Backend);
        Assert.Empty(config.Command);
        Assert.Equal("", config.LogGroup);
        Assert.Equal("DistributedCP", config.EffectiveLogGroup);
        Assert.Equal("cellprofiler/distributed-cellprofiler:2.2.0_4.2.8", config.Image);
        Assert.Equal("us-east-1", config.Region);
        Assert.Equal("default", config.Profile);
        Assert.Equal("your-key-file.pem", config.SshKeyName);
        Assert.Equal("your-bucket-name", config.Bucket);
        Assert.Equal("bucket-name", config.SourceBucket);
        Assert.Equal("bucket-name", config.WorkspaceBucket);
        Assert.Equal("bucket-name", config.DestinationBucket);
        Assert.Equal("default", config.Cluster);
        Assert.Equal(3, config.Machines);
        Assert.Equal(1, config.TasksPerMachine);
        Assert.Equal(["m5.xlarge"], config.MachineTypes);
        Assert.Equal(0.20, config.MachinePrice);
        Assert.Equal(30, config.EbsVolumeSize);
        Assert.False(config.DownloadFiles);
        Assert.True(config.AssignIp);
        Assert.Equal(4, config.DockerCores);
        Assert.Equal(4096, config.CpuShares);
        Assert.Equal(15000, config.Memory);
        Assert.Equal(180, config.SecondsToStart);
        Assert.Equal("", config.QueueName);
        Assert.Equal("DistributedCPQueue", config.EffectiveQueueName);
        Assert.Equal(60, config.VisibilitySeconds);
        Assert.Equal("user_DeadMessages", config.DeadLetterQueue);
        Assert.Equal(3, config.MaxReceives);
        Assert.True(config.AutoMonitor);
        Assert.True(config.CreateDashboard);
        Assert.True(config.CleanDashboard);
        Assert.Equal(new CheckIfDone(Enabled: false, ExpectedFiles: 7, MinFileSizeBytes: 1, NecessaryString: ""), config.CheckIfDone);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["UPLOAD_FLAGS"] = "",
                ["ALWAYS_CONTINUE"] = "False",
                ["USE_PLUGINS"] = "False",
                ["UPDATE_PLUGINS"] = "False",
                ["PLUGINS_COMMIT"] = "False",
                ["INSTALL_REQUIREMENTS"] = "False",
                ["REQUIREMENTS"] = "",
            },
            config.Environment);
    }

    [Fact]
    public void Importing_the_Distributed_CellProfiler_default_config_explains_what_changed()
    {
        // Arrange
        var text = DefaultConfigs.DistributedCellProfiler;

        // Act
        var notes = DsConfigImporter.Parse(text, "config.py").Notes;

        // Assert
        Assert.Contains(notes, n => n.Contains("\"command\"", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("LOG_GROUP_NAME (line 4)", StringComparison.Ordinal) && n.Contains("\"logGroup\" is left empty", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("SQS_QUEUE_NAME (line 36)", StringComparison.Ordinal) && n.Contains("\"queueName\" is left empty", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("AWS_PROFILE (line 11)", StringComparison.Ordinal));
        foreach (var key in new[] { "UPLOAD_FLAGS", "ALWAYS_CONTINUE", "USE_PLUGINS", "UPDATE_PLUGINS", "PLUGINS_COMMIT", "INSTALL_REQUIREMENTS", "REQUIREMENTS" })
        {
            Assert.Contains(notes, n => n.StartsWith(key + " (line", StringComparison.Ordinal) && n.Contains("has no Fleetbook setting", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(notes, n => n.StartsWith("config.py does not set", StringComparison.Ordinal));
    }

    [Fact]
    public void Importing_the_Distributed_Something_default_config_keeps_every_setting()
    {
        // Arrange
        var text = DefaultConfigs.DistributedSomething;

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal("DistributedSomething", config.AppName);
        Assert.Equal("user/distributed-something:sometag", config.Image);
        Assert.Equal("us-east-1", config.Region);
        Assert.Equal("default", config.Profile);
        Assert.Equal("your-key-file.pem", config.SshKeyName);
        Assert.Equal("your-bucket-name", config.Bucket);
        Assert.Equal("", config.SourceBucket);
        Assert.Equal("", config.WorkspaceBucket);
        Assert.Equal("", config.DestinationBucket);
        Assert.Equal(["m4.xlarge"], config.MachineTypes);
        Assert.Equal(0.10, config.MachinePrice);
        Assert.Equal(30, config.EbsVolumeSize);
        Assert.False(config.AssignIp);
        Assert.Equal(4, config.DockerCores);
        Assert.Equal(4096, config.CpuShares);
        Assert.Equal(15000, config.Memory);
        Assert.Equal(180, config.SecondsToStart);
        Assert.Equal("DistributedSomethingQueue", config.EffectiveQueueName);
        Assert.Equal(60, config.VisibilitySeconds);
        Assert.Equal("user_DeadMessages", config.DeadLetterQueue);
        Assert.Equal(10, config.MaxReceives);
        Assert.Equal("", config.LogGroup);
        Assert.True(config.AutoMonitor);
        Assert.True(config.CreateDashboard);
        Assert.True(config.CleanDashboard);
        Assert.Equal(new CheckIfDone(false, 7, 1, ""), config.CheckIfDone);
        Assert.False(config.DownloadFiles);
    }

    [Fact]
    public void A_setting_under_put_anything_specific_to_your_program_becomes_an_environment_variable()
    {
        // Arrange
        var text = DefaultConfigs.DistributedSomething;

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.Equal(new Dictionary<string, string> { ["MY_NAME"] = "FirstName LastName" }, result.Config.Environment);
        Assert.Contains(result.Notes, n => n.StartsWith("MY_NAME (line 51) is not a Distributed-Something setting", StringComparison.Ordinal)
            && n.Contains("MY_NAME='FirstName LastName'", StringComparison.Ordinal));
    }

    [Fact]
    public void Keys_the_Distributed_Something_config_lacks_take_Distributed_CellProfilers_back_compat_values()
    {
        // Arrange
        var text = DefaultConfigs.DistributedSomething;

        // Act
        var notes = DsConfigImporter.Parse(text, "config.py").Notes;

        // Assert
        var note = Assert.Single(notes, n => n.StartsWith("config.py does not set", StringComparison.Ordinal));
        Assert.Contains("SOURCE_BUCKET, DESTINATION_BUCKET, WORKSPACE_BUCKET", note, StringComparison.Ordinal);
        Assert.Contains("JOB_RETRIES", note, StringComparison.Ordinal);
        Assert.Contains("\"maxReceives\" is 10", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_config_with_only_an_app_name_starts_from_the_back_compat_defaults()
    {
        // Arrange
        var text = "APP_NAME = 'Tiny'\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.True(result.Config.AssignIp);
        Assert.False(result.Config.AutoMonitor);
        Assert.False(result.Config.CreateDashboard);
        Assert.False(result.Config.CleanDashboard);
        Assert.Equal(10, result.Config.MaxReceives);
        Assert.Equal("", result.Config.SourceBucket);
        Assert.Contains(result.Notes, n => n.Contains("which Distributed-Something needs", StringComparison.Ordinal) && n.Contains("DOCKER_CORES", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("'True'", true)]
    [InlineData("'true'", true)]
    [InlineData("'TRUE'", true)]
    [InlineData("True", true)]
    [InlineData("'False'", false)]
    [InlineData("'fAlSe'", false)]
    [InlineData("False", false)]
    public void Booleans_are_read_as_run_py_reads_them(string written, bool expected)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\nCHECK_IF_DONE_BOOL = {written}\nAUTO_MONITOR = {written}\n";

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal(expected, config.CheckIfDone.Enabled);
        Assert.Equal(expected, config.AutoMonitor);
    }

    [Theory]
    [InlineData("7", 7)]
    [InlineData("7.0", 7)]
    [InlineData("'7'", 7)]
    [InlineData("' 7 '", 7)]
    [InlineData("'1_0'", 10)]
    [InlineData("14 // 2", 7)]
    [InlineData("70 / 10", 7)]
    public void Whole_number_settings_accept_ints_integral_floats_and_numeric_text(string written, int expected)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\nEXPECTED_NUMBER_FILES = {written}\nCLUSTER_MACHINES = {written}\n";

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal(expected, config.CheckIfDone.ExpectedFiles);
        Assert.Equal(expected, config.Machines);
    }

    [Theory]
    [InlineData("0.25", 0.25)]
    [InlineData(".25", 0.25)]
    [InlineData("1", 1.0)]
    [InlineData("1 / 4", 0.25)]
    public void The_machine_price_accepts_ints_and_floats(string written, double expected)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\nMACHINE_PRICE = {written}\n";

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal(expected, config.MachinePrice);
    }

    [Theory]
    [InlineData("'c5.xlarge'", new[] { "c5.xlarge" })]
    [InlineData("['c5.xlarge', 'm5.xlarge']", new[] { "c5.xlarge", "m5.xlarge" })]
    [InlineData("('c5.xlarge',)", new[] { "c5.xlarge" })]
    public void The_machine_type_may_be_a_list_a_tuple_or_a_single_string(string written, string[] expected)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\nMACHINE_TYPE = {written}\n";

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal(expected, config.MachineTypes);
    }

    [Fact]
    public void A_dead_letter_queue_given_as_an_arn_keeps_only_the_queue_name()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nSQS_DEAD_LETTER_QUEUE = 'arn:aws:sqs:us-east-1:123456789012:DeadMessages_Erin'\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.Equal("DeadMessages_Erin", result.Config.DeadLetterQueue);
        Assert.Contains(result.Notes, n => n.StartsWith("SQS_DEAD_LETTER_QUEUE (line 2) is an ARN", StringComparison.Ordinal));
    }

    [Fact]
    public void Requirements_file_is_read_as_the_old_name_of_requirements()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nREQUIREMENTS_FILE = 'requirements.txt'\nREQUIREMENTS = ''\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.Equal("requirements.txt", result.Config.Environment["REQUIREMENTS"]);
        Assert.False(result.Config.Environment.ContainsKey("REQUIREMENTS_FILE"));
        Assert.Contains(result.Notes, n => n.StartsWith("REQUIREMENTS_FILE (line 2) is the old name of REQUIREMENTS", StringComparison.Ordinal));
    }

    [Fact]
    public void A_false_requirements_file_leaves_requirements_alone()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nREQUIREMENTS = 'cellpose'\nREQUIREMENTS_FILE = False\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.Equal("cellpose", result.Config.Environment["REQUIREMENTS"]);
    }

    [Fact]
    public void Custom_derived_names_are_kept_and_default_ones_follow_the_app_name()
    {
        // Arrange
        var text = """
            APP_NAME = 'Plate1_Analysis'
            SQS_QUEUE_NAME = APP_NAME + '_Jobs'
            LOG_GROUP_NAME = APP_NAME + '_Logs'
            SQS_DEAD_LETTER_QUEUE = APP_NAME + 'DeadMessages'
            """;

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal("Plate1_Analysis_Jobs", config.QueueName);
        Assert.Equal("Plate1_Analysis_Logs", config.LogGroup);
        Assert.Equal("", config.DeadLetterQueue);
        Assert.Equal("Plate1_AnalysisDeadMessages", config.EffectiveDeadLetterQueue);
    }

    [Fact]
    public void Cpu_shares_computed_from_docker_cores_are_kept_as_a_number()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nDOCKER_CORES = 3\nCPU_SHARES = DOCKER_CORES * 1024\n";

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal(3072, config.CpuShares);
    }

    [Fact]
    public void Source_bucket_false_means_inputs_and_outputs_use_the_main_bucket()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nAWS_BUCKET = 'main'\nSOURCE_BUCKET = 'False'\nWORKSPACE_BUCKET = 'false'\nDESTINATION_BUCKET = 'elsewhere'\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.Equal("", result.Config.SourceBucket);
        Assert.Equal("", result.Config.WorkspaceBucket);
        Assert.Equal("", result.Config.DestinationBucket);
        Assert.Contains(result.Notes, n => n.StartsWith("DESTINATION_BUCKET (line 5) is ignored", StringComparison.Ordinal));
    }

    [Fact]
    public void Upload_flags_set_to_false_are_not_passed_to_the_program()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nUPLOAD_FLAGS = 'False'\nALWAYS_CONTINUE = True\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.False(result.Config.Environment.ContainsKey("UPLOAD_FLAGS"));
        Assert.Equal("True", result.Config.Environment["ALWAYS_CONTINUE"]);
    }

    [Fact]
    public void User_settings_of_any_type_reach_the_environment_as_python_str()
    {
        // Arrange
        var text = """
            APP_NAME = 'Run'
            PLATES = ['P1', 'P2']
            THRESHOLD = 0.5
            STEPS = {'a': 1, 'b': (2, 3)}
            NOTHING = None
            """;

        // Act
        var environment = DsConfigImporter.Parse(text, "config.py").Config.Environment;

        // Assert
        Assert.Equal("['P1', 'P2']", environment["PLATES"]);
        Assert.Equal("0.5", environment["THRESHOLD"]);
        Assert.Equal("{'a': 1, 'b': (2, 3)}", environment["STEPS"]);
        Assert.Equal("None", environment["NOTHING"]);
    }

    [Fact]
    public void Download_files_on_asks_for_the_inputs_prefix_instead_of_failing()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nDOWNLOAD_FILES = 'True'\n";

        // Act
        var result = DsConfigImporter.Parse(text, "config.py");

        // Assert
        Assert.True(result.Config.DownloadFiles);
        Assert.Contains(result.Notes, n => n.StartsWith("DOWNLOAD_FILES (line 2) is on: set \"inputs\"", StringComparison.Ordinal));
    }

    [Fact]
    public void The_last_assignment_of_a_key_wins()
    {
        // Arrange
        var text = "APP_NAME = 'First'\nCLUSTER_MACHINES = 2\nAPP_NAME = 'Second'\n";

        // Act
        var config = DsConfigImporter.Parse(text, "config.py").Config;

        // Assert
        Assert.Equal("Second", config.AppName);
    }

    [Fact]
    public void An_imported_config_with_a_command_added_loads_as_fleetbook_json_unchanged()
    {
        // Arrange
        var imported = DsConfigImporter.Parse(DefaultConfigs.DistributedCellProfiler, "config.py").Config with { Command = ["cellprofiler", "-p", "{pipeline}"] };
        var json = ConfigFile.ToJson(imported);

        // Act
        var loaded = ConfigFile.Parse(json, "fleetbook.json");

        // Assert
        Assert.Equal(json, ConfigFile.ToJson(loaded));
    }

    [Fact]
    public void Import_reads_the_file_from_disk()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"dsimport-{Guid.NewGuid():N}.py");
        File.WriteAllText(path, "\uFEFFAPP_NAME = 'FromDisk'\r\nCLUSTER_MACHINES = 5\r\n");

        try
        {
            // Act
            var config = DsConfigImporter.Import(path).Config;

            // Assert
            Assert.Equal("FromDisk", config.AppName);
            Assert.Equal(5, config.Machines);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
