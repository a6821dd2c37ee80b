using System.Text;
using Fleetbook.Working;

namespace Fleetbook.Tests.Working;

public class OutputLinesTests
{
    [Theory]
    [InlineData("one\ntwo\n", new[] { "one", "two" })]
    [InlineData("one\r\ntwo", new[] { "one", "two" })]
    [InlineData("10%\r50%\r100%\n", new[] { "10%", "50%", "100%" })]
    [InlineData("\n\nx", new[] { "", "", "x" })]
    [InlineData("", new string[0])]
    public async Task Output_is_passed_on_line_by_line_as_a_text_reader_reads_it(string output, string[] expected)
    {
        Assert.Equal(expected, await LinesAsync(output, maxLineChars: 100));
    }

    [Fact]
    public async Task A_line_longer_than_the_limit_is_passed_on_in_pieces_without_an_empty_line_after_them()
    {
        var lines = await LinesAsync("abcdefghij\nxyz\n", maxLineChars: 5);

        Assert.Equal(["abcde", "fghij", "xyz"], lines);
    }

    [Fact]
    public async Task A_piece_never_splits_a_character_made_of_two_chars()
    {
        var lines = await LinesAsync("abcd😀ef", maxLineChars: 5);

        Assert.Equal(["abcd", "😀ef"], lines);
    }

    [Fact]
    public async Task Characters_split_across_reads_come_out_whole()
    {
        var bytes = Encoding.UTF8.GetBytes(new string('é', 20_000) + "\nend\n");
        var lines = new List<string>();

        await OutputLines.PumpAsync(new TrickleStream(bytes, 7), line => { lines.Add(line); return Task.CompletedTask; });

        Assert.Equal([new string('é', OutputLines.MaxLineChars), new string('é', 20_000 - OutputLines.MaxLineChars), "end"], lines);
    }

    private static async Task<IReadOnlyList<string>> LinesAsync(string output, int maxLineChars)
    {
        var lines = new List<string>();
        await OutputLines.PumpAsync(new MemoryStream(Encoding.UTF8.GetBytes(output)), line => { lines.Add(line); return Task.CompletedTask; }, maxLineChars);
        return lines;
    }

    /// <summary>Hands out at most a few bytes per read, as a pipe may.</summary>
    private sealed class TrickleStream(byte[] content, int perRead) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, perRead)], cancellationToken);
    }
}
