using Fleetbook.Configuration.DsImport;

namespace Fleetbook.Tests.DsImport;

/// <summary>The config.py evaluator against what Python 3 itself prints for the same expressions.</summary>
public sealed class PyEvaluatorTests
{
    private static PyValue Evaluate(string expression)
    {
        var evaluation = PyEvaluator.Run($"X = {expression}\n", "config.py");
        Assert.Empty(evaluation.Problems);
        return Assert.Single(evaluation.Bindings).Value;
    }

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("-2 * 3", "-6")]
    [InlineData("10 - 2 - 3", "5")]
    [InlineData("2 * 3 % 4", "2")]
    [InlineData("4 - 6 / 4 * 2", "1.0")]
    [InlineData("-2 // 3 * 3", "-3")]
    [InlineData("10 % 4 // 3", "0")]
    [InlineData("- -3", "3")]
    [InlineData("+True", "1")]
    [InlineData("True + True", "2")]
    [InlineData("3*60", "180")]
    [InlineData("2 + 3.0", "5.0")]
    public void Arithmetic_follows_python_precedence(string expression, string expected)
    {
        // Arrange, Act
        var value = Evaluate(expression);

        // Assert
        Assert.Equal(expected, value.Repr());
    }

    [Theory]
    [InlineData("7 // 2", "3")]
    [InlineData("-7 // 2", "-4")]
    [InlineData("-7 % 3", "2")]
    [InlineData("7 % -3", "-2")]
    [InlineData("7 / 2", "3.5")]
    [InlineData("6 / 3", "2.0")]
    [InlineData("1.0 / 3", "0.3333333333333333")]
    [InlineData("1 // 0.1", "9.0")]
    [InlineData("1 % 0.1", "0.09999999999999995")]
    [InlineData("-7.5 // 2", "-4.0")]
    [InlineData("5.0 % -3", "-1.0")]
    [InlineData("99999999999999999999 * 99999999999999999999", "9999999999999999999800000000000000000001")]
    public void Division_floors_and_modulo_take_the_sign_of_the_divisor_as_in_python(string expression, string expected)
    {
        // Arrange, Act
        var value = Evaluate(expression);

        // Assert
        Assert.Equal(expected, value.Repr());
    }

    [Theory]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e3", "1000.0")]
    [InlineData(".20", "0.2")]
    [InlineData("1.5e-5", "1.5e-05")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("123456789.0 * 1e8", "1.23456789e+16")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("1e400", "inf")]
    [InlineData("1_000", "1000")]
    [InlineData("0x1F", "31")]
    [InlineData("0o17", "15")]
    [InlineData("0b101", "5")]
    public void Numbers_are_read_and_printed_as_python_does(string expression, string expected)
    {
        // Arrange, Act
        var value = Evaluate(expression);

        // Assert
        Assert.Equal(expected, value.Repr());
    }

    [Theory]
    [InlineData("'ab' + \"cd\"", "'abcd'")]
    [InlineData("'ab' * 3", "'ababab'")]
    [InlineData("3 * 'ab'", "'ababab'")]
    [InlineData("'ab' * -1", "''")]
    [InlineData("'a' 'b' \"c\"", "'abc'")]
    [InlineData(@"'tab\there'", @"'tab\there'")]
    [InlineData(@"'\x41\u00e9\101\0'", @"'AéA\x00'")]
    [InlineData(@"'it\'s'", "\"it's\"")]
    [InlineData(@"""say \""hi\""""", @"'say ""hi""'")]
    [InlineData(@"r'C:\new\table'", @"'C:\\new\\table'")]
    [InlineData(@"r'\''", @"""\\'""")]
    [InlineData(@"'\d\w'", @"'\\d\\w'")]
    [InlineData(@"'\U0001F600'", "'😀'")]
    [InlineData(@"'both \' and ""'", @"'both \' and ""'")]
    [InlineData(@"u'plain'", "'plain'")]
    public void String_literals_decode_escapes_and_print_as_python_repr(string expression, string expected)
    {
        // Arrange, Act
        var value = Evaluate(expression);

        // Assert
        Assert.Equal(expected, value.Repr());
    }

    [Theory]
    [InlineData("[1, 'a', [2.0, None], (3,), (), {}]", "[1, 'a', [2.0, None], (3,), (), {}]")]
    [InlineData("[1, 2,]", "[1, 2]")]
    [InlineData("(1,) + (2,)", "(1, 2)")]
    [InlineData("[1] * 3", "[1, 1, 1]")]
    [InlineData("{'a': 1, 'b': [1],}", "{'a': 1, 'b': [1]}")]
    [InlineData("{1: 'a', True: 'b', 1.0: 'c'}", "{1: 'c'}")]
    [InlineData("(1)", "1")]
    [InlineData("1, 'two'", "(1, 'two')")]
    [InlineData("[True, False]", "[True, False]")]
    public void Lists_tuples_and_dicts_print_as_python_str(string expression, string expected)
    {
        // Arrange, Act
        var value = Evaluate(expression);

        // Assert
        Assert.Equal(expected, value.Str());
    }

    [Fact]
    public void Text_str_is_the_text_itself_and_booleans_print_capitalised()
    {
        // Arrange, Act
        var text = Evaluate("'line\\n'");
        var flag = Evaluate("False");

        // Assert
        Assert.Equal("line\n", text.Str());
        Assert.Equal("False", flag.Str());
    }

    [Fact]
    public void Lines_continue_inside_brackets_after_backslashes_and_inside_triple_quotes()
    {
        // Arrange
        var text = """
            '''A docstring, ignored.'''
            MACHINE_TYPE = [
                'm5.xlarge',   # a comment inside brackets

                'c5.xlarge',
            ]
            SECONDS = 3 \
                * 60
            NOTE = '''two
            lines'''
            JOINED = 'a\
            b'
            """;

        // Act
        var evaluation = PyEvaluator.Run(text, "config.py");

        // Assert
        Assert.Empty(evaluation.Problems);
        Assert.Equal(["MACHINE_TYPE", "SECONDS", "NOTE", "JOINED"], evaluation.Bindings.Select(b => b.Name));
        Assert.Equal("['m5.xlarge', 'c5.xlarge']", evaluation.Bindings[0].Value.Str());
        Assert.Equal("180", evaluation.Bindings[1].Value.Str());
        Assert.Equal("two\nlines", evaluation.Bindings[2].Value.Str());
        Assert.Equal("ab", evaluation.Bindings[3].Value.Str());
    }

    [Fact]
    public void Names_refer_to_earlier_assignments_and_remember_where_they_were_set()
    {
        // Arrange
        var text = "APP_NAME = 'Run'\r\n\r\n# derived\r\nSQS_QUEUE_NAME =   APP_NAME + 'Queue'\r\n";

        // Act
        var evaluation = PyEvaluator.Run(text, "config.py");

        // Assert
        var queue = evaluation.Bindings[1];
        Assert.Equal(new PyStr("RunQueue"), queue.Value);
        Assert.Equal((4, 1, 4, 20), (queue.Line, queue.Column, queue.ValueLine, queue.ValueColumn));
    }

    [Fact]
    public void Reassigning_a_name_keeps_its_first_position_in_order_and_its_last_value()
    {
        // Arrange
        var text = "A = 1\nB = 2\nA = A + 10\n";

        // Act
        var evaluation = PyEvaluator.Run(text, "config.py");

        // Assert
        Assert.Equal(["A", "B"], evaluation.Bindings.Select(b => b.Name));
        Assert.Equal(new PyInt(11), evaluation.Bindings[0].Value);
        Assert.Equal(3, evaluation.Bindings[0].Line);
    }
}
