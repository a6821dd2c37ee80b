using Fleetbook.Configuration.DsImport;
using Fleetbook.Inputs;

namespace Fleetbook.Tests.DsImport;

/// <summary>Every bad config.py names the file, line, column, key, what is wrong and how to fix it.</summary>
public sealed class DsImportProblemTests
{
    private static IReadOnlyList<InputProblem> ProblemsOf(string text) =>
        Assert.Throws<InputException>(() => DsConfigImporter.Parse(text, "config.py")).Problems;

    private static InputProblem SingleProblemOf(string text) => Assert.Single(ProblemsOf(text));

    private static void AssertProblem(InputProblem problem, int line, int column, string? key, string message, string fix)
    {
        Assert.Equal("config.py", problem.File);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Equal(key, problem.Where);
        Assert.Contains(message, problem.Message, StringComparison.Ordinal);
        Assert.Contains(fix, problem.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void An_import_is_reported_with_a_fix_to_write_values_instead()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nimport os\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 1, null, "imports are not supported", "write each value itself, e.g. AWS_REGION = 'us-east-1'");
    }

    [Fact]
    public void A_function_call_is_reported_where_it_starts()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nCLUSTER_MACHINES = int('3')\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 20, "CLUSTER_MACHINES", "a function call (int(…)) is not supported", "write the value itself, e.g. CLUSTER_MACHINES = 3");
    }

    [Fact]
    public void An_f_string_is_reported_with_the_plus_form_as_the_fix()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nSQS_QUEUE_NAME = f'{APP_NAME}Queue'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 18, "SQS_QUEUE_NAME", "f-strings", "APP_NAME + 'Queue'");
    }

    [Fact]
    public void Reading_the_environment_is_reported_as_attribute_access()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nAWS_BUCKET = os.environ['BUCKET']\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 14, "AWS_BUCKET", "attribute access (os.environ)", "AWS_BUCKET = 'your-bucket-name'");
    }

    [Fact]
    public void An_undefined_name_suggests_the_nearest_defined_one()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nLOG_GROUP_NAME = APP_NAM\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 18, "LOG_GROUP_NAME", "the name 'APP_NAM' is not defined", "did you mean 'APP_NAME'?");
    }

    [Fact]
    public void A_name_used_before_its_assignment_says_to_move_the_line()
    {
        // Arrange
        var text = "SQS_QUEUE_NAME = APP_NAME + 'Queue'\nAPP_NAME = 'Run'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 1, 18, "SQS_QUEUE_NAME", "the name 'APP_NAME' is not defined", "move this line below line 2");
    }

    [Fact]
    public void An_unterminated_string_is_reported_where_it_starts()
    {
        // Arrange
        var text = "APP_NAME = 'Run\nCLUSTER_MACHINES = 3\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 1, 12, "APP_NAME", "this string is not closed before the end of the line", "end it with the quote it starts with (')");
    }

    [Fact]
    public void An_indented_line_is_reported_with_its_key()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\n    AWS_REGION = 'us-east-1'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 5, "AWS_REGION", "this line is indented", "start the line in the first column");
    }

    [Fact]
    public void A_stray_character_is_reported_where_it_stands()
    {
        // Arrange
        var text = "APP_NAME = 'Run' $\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 1, 18, "APP_NAME", "the character '$' cannot appear here", "remove it");
    }

    [Fact]
    public void Subtracting_a_number_from_text_is_a_type_error_at_the_operator()
    {
        // Arrange
        var text = "APP_NAME = 'abc' - 1\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 1, 18, "APP_NAME", "unsupported operand type(s) for -: 'str' and 'int'", "use '-' on numbers only");
    }

    [Fact]
    public void Adding_a_number_to_text_suggests_quoting_the_number()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nSQS_QUEUE_NAME = APP_NAME + 2\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 27, "SQS_QUEUE_NAME", "can only concatenate str (not \"int\") to str", "'Run' + '2'");
    }

    [Fact]
    public void Division_by_zero_is_reported_at_the_operator()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nSECONDS_TO_START = 3 / 0\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 22, "SECONDS_TO_START", "division by zero", "divide by a number other than 0");
    }

    [Fact]
    public void Text_that_is_not_a_number_cannot_set_the_machine_count()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nCLUSTER_MACHINES = 'many'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 20, "CLUSTER_MACHINES", "must be a whole number, but config.py gives the text 'many'", "CLUSTER_MACHINES = 3");
    }

    [Fact]
    public void A_fractional_core_count_suggests_the_nearest_whole_number()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nDOCKER_CORES = 2.6\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 16, "DOCKER_CORES", "must be a whole number", "DOCKER_CORES = 3");
    }

    [Fact]
    public void Zero_job_retries_is_below_the_minimum()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nJOB_RETRIES = 0\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 15, "JOB_RETRIES", "JOB_RETRIES is 0, below the smallest value Fleetbook allows, 1", "use at least 1, e.g. JOB_RETRIES = 1");
    }

    [Fact]
    public void An_availability_zone_given_as_the_region_suggests_the_region()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nAWS_REGION = 'us-east-1a'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 14, "AWS_REGION", "'us-east-1a' is not an AWS region", "\"us-east-1\", not an availability zone");
    }

    [Fact]
    public void A_boolean_that_is_neither_true_nor_false_is_reported()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nAUTO_MONITOR = 'yes'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 16, "AUTO_MONITOR", "must be 'True' or 'False'", "AUTO_MONITOR = 'True' or AUTO_MONITOR = 'False'");
    }

    [Fact]
    public void A_machine_type_list_with_a_number_in_it_is_reported()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nMACHINE_TYPE = ['m5.xlarge', 5]\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 16, "MACHINE_TYPE", "the whole number 5 is not text", "MACHINE_TYPE = ['m5.xlarge']");
    }

    [Fact]
    public void An_unusable_app_name_is_reported_at_its_assignment()
    {
        // Arrange
        var text = "# my run\nAPP_NAME = 'my run'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 12, "APP_NAME", "'my run' is not a usable run name", "letters, digits");
    }

    [Fact]
    public void A_dead_letter_queue_named_like_the_job_queue_is_reported_at_its_assignment()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nSQS_QUEUE_NAME = 'Jobs'\nSQS_DEAD_LETTER_QUEUE = 'Jobs'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 3, 25, "SQS_DEAD_LETTER_QUEUE", "the same name as the job queue", "its own name");
    }

    [Fact]
    public void A_missing_app_name_is_reported_at_the_top_of_the_file()
    {
        // Arrange
        var text = "CLUSTER_MACHINES = 3\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 1, 1, "APP_NAME", "does not set APP_NAME", "APP_NAME = 'MyRun'");
    }

    [Fact]
    public void A_bracket_left_open_is_reported_where_it_opens()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nMACHINE_TYPE = ['m5.xlarge'\nMACHINE_PRICE = 0.20\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 16, "MACHINE_TYPE", "the '[' is never closed", "close it with ']'");
    }

    [Fact]
    public void A_closing_bracket_of_the_wrong_kind_is_reported()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nMACHINE_TYPE = ['m5.xlarge')\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 28, "MACHINE_TYPE", "this ')' does not match the '[' at line 2, column 16", "close the '[' with ']'");
    }

    [Fact]
    public void A_leading_zero_number_is_reported_with_the_octal_hint()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nCLUSTER_MACHINES = 007\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 20, "CLUSTER_MACHINES", "'007' is not a valid number", "write 7 without the leading zeros");
    }

    [Theory]
    [InlineData("MACHINE_TYPE = [t for t in ['a']]", 16, "comprehensions")]
    [InlineData("CLUSTER_MACHINES = 3 if True else 4", 22, "conditional expressions")]
    [InlineData("CPU_SHARES = 2 ** 12", 16, "the power operator **")]
    [InlineData("CLUSTER_MACHINES += 1", 18, "augmented assignment ('+=')")]
    [InlineData("CLUSTER_MACHINES = MEMORY = 3", 27, "chained assignment")]
    [InlineData("CLUSTER_MACHINES = 3; MEMORY = 4", 21, "several statements on one line")]
    [InlineData("ASSIGN_IP = not False", 13, "boolean operators ('not')")]
    [InlineData("ASSIGN_IP = 1 == 1", 15, "comparisons and boolean operators ('==')")]
    [InlineData("MACHINE_TYPE = {'m5.xlarge'}", 16, "sets ({a, b})")]
    [InlineData("CLUSTER_MACHINES = lambda: 3", 20, "lambda functions")]
    [InlineData("NECESSARY_STRING = b'x'", 20, "bytes literals")]
    [InlineData("CLUSTER_MACHINES: int = 3", 17, "type annotations")]
    [InlineData("CLUSTER_MACHINES = 3j", 20, "complex number")]
    [InlineData("CLUSTER_MACHINES =", 19, "a value is missing here")]
    public void Constructs_beyond_plain_values_are_named_where_they_start(string line, int column, string what)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\n{line}\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        Assert.Equal((2, column), (problem.Line, problem.Column));
        Assert.Contains(what, problem.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(problem.Fix));
    }

    [Theory]
    [InlineData("if True:\n    X = 1", "'if' blocks are not supported")]
    [InlineData("def f():\n    pass", "'def' blocks are not supported")]
    [InlineData("print('hi')", "a function call (print(…))")]
    [InlineData("42", "a bare expression")]
    [InlineData("config.APP_NAME = 'x'", "attribute access (config.APP_NAME)")]
    [InlineData("A, B = 1, 2", "only a plain name can be assigned")]
    [InlineData("from config import *", "imports are not supported")]
    public void Statements_other_than_assignments_are_reported(string line, string what)
    {
        // Arrange
        var text = $"APP_NAME = 'Run'\n{line}\n";

        // Act
        var problems = ProblemsOf(text);

        // Assert
        Assert.Equal((2, 1), (problems[0].Line, problems[0].Column));
        Assert.Contains(what, problems[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_if_block_is_one_problem_however_many_lines_it_has()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nif APP_NAME:\n    CLUSTER_MACHINES = 3\nelse:\n    CLUSTER_MACHINES = 4\nMEMORY = 7500\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 1, null, "'if' blocks are not supported", "one plain NAME = value line per setting");
    }

    [Fact]
    public void Several_bad_lines_are_all_reported_in_file_order()
    {
        // Arrange
        var text = """
            import os
            APP_NAME = 'Run'
            CLUSTER_MACHINES = 'many'
            AWS_REGION = 'us-east-1a'
            JOB_RETRIES = 0
            MEMORY = os.getenv('MEMORY')
            """;

        // Act
        var problems = ProblemsOf(text);

        // Assert
        Assert.Equal([(1, "import"), (3, "CLUSTER_MACHINES"), (4, "AWS_REGION"), (5, "JOB_RETRIES"), (6, "MEMORY")],
            problems.Select(p => (p.Line ?? 0, p.Where ?? "import")));
    }

    [Fact]
    public void A_value_built_from_a_broken_line_is_not_reported_twice()
    {
        // Arrange
        var text = "APP_NAME = f'Run'\nSQS_QUEUE_NAME = APP_NAME + 'Queue'\nLOG_GROUP_NAME = APP_NAME\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        Assert.Equal("APP_NAME", problem.Where);
    }

    [Fact]
    public void A_program_setting_whose_name_cannot_be_an_environment_variable_is_reported()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\nÉTAPE = 'illum'\n";

        // Act
        var problem = SingleProblemOf(text);

        // Assert
        AssertProblem(problem, 2, 1, "ÉTAPE", "cannot become an environment variable", "ASCII letters");
    }

    [Fact]
    public void Importing_a_missing_file_names_the_path()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}", "config.py");

        // Act
        var problem = Assert.Single(Assert.Throws<InputException>(() => DsConfigImporter.Import(path)).Problems);

        // Assert
        Assert.Equal(path, problem.File);
        Assert.Contains("does not exist", problem.Message, StringComparison.Ordinal);
    }
}
