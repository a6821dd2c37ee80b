using Fleetbook.Notebooks.Display;
using Fleetbook.Notebooks.Ipynb;

namespace Fleetbook.Notebooks.Execution;

/// <summary>
/// Every output of the run, by cell. Console text and displays land in the cell that is running; an update of a live
/// display replaces that display's data wherever it is (Jupyter's <c>update_display_data</c>, collapsed), so the
/// written notebook holds each live display's last state. Thread-safe: cells may display from background tasks.
/// </summary>
internal sealed class OutputLog : IDisplaySink
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, List<NotebookOutput>> _byCell = [];
    private readonly Dictionary<string, int> _cellOfDisplay = [];
    private int _cell = -1;
    private int _executionCount;

    public void BeginCell(int cellIndex, int executionCount)
    {
        lock (_gate)
        {
            _cell = cellIndex;
            _executionCount = executionCount;
            _byCell[cellIndex] = [];
        }
    }

    public void Write(string stream, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_gate)
        {
            if (Current() is not { } outputs)
            {
                return;
            }

            // Jupyter shows a cell's result last, so text that arrives after it goes before it.
            var end = outputs.Count > 0 && outputs[^1] is DisplayOutput { IsResult: true } ? outputs.Count - 1 : outputs.Count;
            if (end > 0 && outputs[end - 1] is StreamOutput last && last.Name == stream)
            {
                outputs[end - 1] = last with { Text = last.Text + text };
            }
            else
            {
                outputs.Insert(end, new StreamOutput(stream, text));
            }
        }
    }

    public void Publish(DisplayMessage message)
    {
        lock (_gate)
        {
            if (message.Kind == DisplayKind.Update && _cellOfDisplay.TryGetValue(message.DisplayId, out var cell))
            {
                var outputs = _byCell[cell];
                var at = outputs.FindIndex(o => o is DisplayOutput d && d.DisplayId == message.DisplayId);
                outputs[at] = ((DisplayOutput)outputs[at]) with { Data = message.Data, Updated = true };
                return;
            }

            if (Current() is { } current)
            {
                current.Add(new DisplayOutput(message.DisplayId, message.Data, message.Kind == DisplayKind.Result, _executionCount));
                _cellOfDisplay[message.DisplayId] = _cell;
            }
        }
    }

    public void Add(NotebookOutput output)
    {
        lock (_gate)
        {
            Current()?.Add(output);
        }
    }

    public IReadOnlyList<NotebookOutput> OutputsOf(int cellIndex)
    {
        lock (_gate)
        {
            return _byCell.TryGetValue(cellIndex, out var outputs) ? [.. outputs] : [];
        }
    }

    private List<NotebookOutput>? Current() => _byCell.GetValueOrDefault(_cell);
}
