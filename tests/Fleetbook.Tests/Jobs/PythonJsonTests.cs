using Fleetbook.Inputs;
using Fleetbook.Jobs;

namespace Fleetbook.Tests.Jobs;

// Expected strings were produced by Python 3.11: json.dumps(json.loads(text)) and str(json.loads(text)).
public class PythonJsonTests
{
    [Theory]
    [InlineData("\"plain\"", "\"plain\"")]
    [InlineData("\"caf\\u00e9 \\u65e5\\u672c\"", "\"caf\\u00e9 \\u65e5\\u672c\"")]
    [InlineData("\"caf\u00e9 \U0001F600\"", "\"caf\\u00e9 \\ud83d\\ude00\"")]
    [InlineData("\"\\ud83d\\ude00\"", "\"\\ud83d\\ude00\"")]
    [InlineData("\"quote \\\" backslash \\\\ slash \\/\"", "\"quote \\\" backslash \\\\ slash /\"")]
    [InlineData("\"\\n\\r\\t\\b\\f\"", "\"\\n\\r\\t\\b\\f\"")]
    [InlineData("\"\\u0000\\u001f\\u007f\\u0080\"", "\"\\u0000\\u001f\\u007f\\u0080\"")]
    [InlineData("\"\\u2028\"", "\"\\u2028\"")]
    [InlineData("\"~ \"", "\"~ \"")]
    public void Strings_are_escaped_to_ASCII_as_Python_does(string json, string expected)
    {
        // Arrange
        var node = SourceJson.Parse(json, "test.json");

        // Act
        var dumped = PythonJson.Dumps(node);

        // Assert
        Assert.Equal(expected, dumped);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("-1", "-1")]
    [InlineData("42", "42")]
    [InlineData("12345678901234567890123456789", "12345678901234567890123456789")]
    [InlineData("-98765432109876543210", "-98765432109876543210")]
    public void Integers_print_as_Python_ints(string json, string expected)
    {
        // Arrange
        var node = SourceJson.Parse(json, "test.json");

        // Act
        var dumped = PythonJson.Dumps(node);

        // Assert
        Assert.Equal(expected, dumped);
    }

    [Theory]
    [InlineData("1.0", "1.0")]
    [InlineData("1e5", "100000.0")]
    [InlineData("1E5", "100000.0")]
    [InlineData("1e+20", "1e+20")]
    [InlineData("1e16", "1e+16")]
    [InlineData("1e15", "1000000000000000.0")]
    [InlineData("1.5e-07", "1.5e-07")]
    [InlineData("0.1", "0.1")]
    [InlineData("0.0001", "0.0001")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("1e400", "Infinity")]
    [InlineData("-1e400", "-Infinity")]
    [InlineData("1e-400", "0.0")]
    [InlineData("-0.0", "-0.0")]
    [InlineData("123.456", "123.456")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e+308")]
    [InlineData("5e-324", "5e-324")]
    [InlineData("2.5E+3", "2500.0")]
    [InlineData("9007199254740993.0", "9007199254740992.0")]
    [InlineData("3.14159265358979323846", "3.141592653589793")]
    public void Floats_print_as_Python_repr(string json, string expected)
    {
        // Arrange
        var node = SourceJson.Parse(json, "test.json");

        // Act
        var dumped = PythonJson.Dumps(node);

        // Assert
        Assert.Equal(expected, dumped);
    }

    [Theory]
    [InlineData("[]", "[]")]
    [InlineData("{}", "{}")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("[1, [2.0, {\"a\": [true, false, null]}]]", "[1, [2.0, {\"a\": [true, false, null]}]]")]
    [InlineData("{\"b\": 1, \"a\": {\"d\": [], \"c\": {}}}", "{\"b\": 1, \"a\": {\"d\": [], \"c\": {}}}")]
    [InlineData("  {\"a\" :1 ,\n\"b\":[ ]}  ", "{\"a\": 1, \"b\": []}")]
    [InlineData("{\"\\u00e9t\\u00e9\": \"\\u00fc\", \"tab\\tkey\": 1}", "{\"\\u00e9t\\u00e9\": \"\\u00fc\", \"tab\\tkey\": 1}")]
    public void Lists_and_objects_use_Python_separators_and_keep_key_order(string json, string expected)
    {
        // Arrange
        var node = SourceJson.Parse(json, "test.json");

        // Act
        var dumped = PythonJson.Dumps(node);

        // Assert
        Assert.Equal(expected, dumped);
    }

    [Theory]
    [InlineData("{\"a\": 1, \"b\": 2, \"a\": 3}", "{\"a\": 3, \"b\": 2}")]
    [InlineData("{\"x\": {\"y\": 1, \"y\": 2}, \"x\": {\"z\": 3}}", "{\"x\": {\"z\": 3}}")]
    [InlineData("{\"k\": 1, \"K\": 2, \"k\": [1]}", "{\"k\": [1], \"K\": 2}")]
    public void A_repeated_key_keeps_its_first_position_and_its_last_value(string json, string expected)
    {
        // Arrange
        var node = SourceJson.Parse(json, "test.json");

        // Act
        var dumped = PythonJson.Dumps(node);

        // Assert
        Assert.Equal(expected, dumped);
    }

    [Theory]
    [InlineData("\"raw \\u00e9\"", "raw \u00e9")]
    [InlineData("1", "1")]
    [InlineData("-0", "0")]
    [InlineData("1e5", "100000.0")]
    [InlineData("1e400", "inf")]
    [InlineData("-1e400", "-inf")]
    [InlineData("true", "True")]
    [InlineData("false", "False")]
    [InlineData("null", "None")]
    [InlineData("1.5e-07", "1.5e-07")]
    public void Str_prints_a_value_as_Python_str_does(string json, string expected)
    {
        // Arrange
        var node = SourceJson.Parse(json, "test.json");

        // Act
        var text = PythonJson.Str(node);

        // Assert
        Assert.Equal(expected, text);
    }
}
