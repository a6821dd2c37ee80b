using Fleetbook.Notebooks.Ipynb;
using Fleetbook.Notebooks.Protocol;

namespace Fleetbook.Notebooks.Execution;

/// <summary>
/// Each cell's outputs, built from the kernel's events as VS Code's Polyglot Notebooks builds them: an event belongs to
/// the cell whose command (token) caused it, even when it comes after the cell finished; a display is remembered by
/// its value id, and an update with that id replaces it in place (an update with an id the cell never showed is a new
/// output); console text joins the stream output before it.
/// </summary>
internal sealed class CellOutputs
{
    private readonly Dictionary<int, List<NotebookOutput>> _byCell = [];
    private readonly List<(string Token, int Cell, int ExecutionCount)> _commands = [];

    /// <summary>From now on, events of <paramref name="token"/> are outputs of the cell at <paramref name="cellIndex"/>.</summary>
    public void Begin(int cellIndex, string token, int executionCount)
    {
        _byCell[cellIndex] = [];
        _commands.Add((token, cellIndex, executionCount));
    }

    public void Apply(KernelEvent kernelEvent)
    {
        var index = _commands.FindIndex(c => kernelEvent.Concerns(c.Token));
        if (index < 0)
        {
            return;
        }

        var (_, cell, executionCount) = _commands[index];
        var outputs = _byCell[cell];
        switch (kernelEvent.Type)
        {
            case EventTypes.StandardOutputValueProduced:
                AppendStream(outputs, StreamOutput.Stdout, Text(kernelEvent));
                break;
            case EventTypes.StandardErrorValueProduced:
                AppendStream(outputs, StreamOutput.Stderr, Text(kernelEvent));
                break;
            case EventTypes.DisplayedValueProduced or EventTypes.ReturnValueProduced:
                if (kernelEvent.FormattedValues is { Count: > 0 } shown)
                {
                    var id = kernelEvent.ValueId ?? Guid.NewGuid().ToString("N");
                    outputs.Add(new DisplayOutput(id, new MimeBundle(shown), kernelEvent.Type == EventTypes.ReturnValueProduced, executionCount));
                }

                break;
            case EventTypes.DisplayedValueUpdated:
                Update(outputs, kernelEvent, executionCount);
                break;
            case EventTypes.ErrorProduced:
                outputs.Add(new ErrorOutput(CellErrors.FromKernelMessage(kernelEvent.Message)));
                break;
        }
    }

    public void Add(int cellIndex, NotebookOutput output) => _byCell[cellIndex].Add(output);

    public IReadOnlyList<NotebookOutput> Of(int cellIndex) => _byCell.TryGetValue(cellIndex, out var outputs) ? [.. outputs] : [];

    private static void Update(List<NotebookOutput> outputs, KernelEvent update, int executionCount)
    {
        if (update.FormattedValues is not { Count: > 0 } shown || update.ValueId is not { } id)
        {
            return;
        }

        var at = outputs.FindIndex(o => o is DisplayOutput display && display.DisplayId == id);
        if (at < 0)
        {
            outputs.Add(new DisplayOutput(id, new MimeBundle(shown), IsResult: false, executionCount));
            return;
        }

        outputs[at] = ((DisplayOutput)outputs[at]) with { Data = new MimeBundle(shown), Updated = true };
    }

    private static void AppendStream(List<NotebookOutput> outputs, string name, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (outputs.Count > 0 && outputs[^1] is StreamOutput last && last.Name == name)
        {
            outputs[^1] = last with { Text = last.Text + text };
            return;
        }

        outputs.Add(new StreamOutput(name, text));
    }

    private static string Text(KernelEvent kernelEvent) => string.Concat(kernelEvent.FormattedValues.Select(v => v.Value));
}
