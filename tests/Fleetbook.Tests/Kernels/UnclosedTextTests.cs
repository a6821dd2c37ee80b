using Fleetbook.Notebooks.FSharp;

namespace Fleetbook.Tests.Kernels;

public sealed class UnclosedTextTests
{
    [Theory]
    [InlineData("let a = 1\nlet s = \"abc\nlet t = 2", 2)]
    [InlineData("let s = \"\"\"abc\n\"\" still open", 1)]
    [InlineData("(* a comment\n(* nested *)\nlet x = 1", 1)]
    [InlineData("let x = 1\nlet p = @\"C:\\path\\", 2)]
    [InlineData("#if INTERACTIVE\nlet a = 1\n#endif\n  #if DEBUG\nlet b = 2", 4)]
    public void A_string_or_comment_left_open_is_found_with_its_line(string code, int line)
    {
        // Act
        var problem = UnclosedText.Find(code);

        // Assert
        Assert.NotNull(problem);
        Assert.StartsWith($"line {line}: ", problem);
    }

    [Theory]
    [InlineData("let q = '\"'\nlet s = \"done\"")]
    [InlineData("let f (x: 'T) = x\nlet c = '\\''\nlet u = '\\u0041'")]
    [InlineData("[1; 2; 3] |> List.map ((*) 2)")]
    [InlineData("(* a \"*)\" inside a comment's string *)\nlet x = 1")]
    [InlineData("let json = \"\"\"{\"a\": \"b\"}\"\"\"\nlet v = @\"a \"\"quoted\"\" word\"")]
    [InlineData("let s = $\"{1 + 1} is two\" // a \"comment\nlet x' = 2")]
    [InlineData("let escaped = \"a \\\" quote\"")]
    [InlineData("#if DEBUG\nlet a = \"#endif\"\n#else\nlet b = 1\n#endif")]
    public void Valid_cells_are_left_alone(string code)
    {
        // Act
        var problem = UnclosedText.Find(code);

        // Assert
        Assert.Null(problem);
    }
}
