using System.Text;

namespace Fleetbook.Notebooks.Execution;

/// <summary>Console.Out / Console.Error while cells run in this process: text goes to the running cell's stream output.</summary>
internal sealed class OutputLogWriter(OutputLog log, string stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => log.Write(stream, value.ToString());

    public override void Write(string? value) => log.Write(stream, value ?? "");

    public override void Write(char[] buffer, int index, int count) => log.Write(stream, new string(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer) => log.Write(stream, new string(buffer));
}
