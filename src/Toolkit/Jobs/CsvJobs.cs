using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>A CSV job list (RFC 4180): a header of keys, then one job per row, sent as <c>{"group": {…}}</c> with string values.</summary>
internal static class CsvJobs
{
    public static JobFileContents Parse(string text, string fileName)
    {
        var records = CsvReader.Read(text.StartsWith('\uFEFF') ? text[1..] : text, fileName);
        if (records.Count == 0)
        {
            throw new InputException(new InputProblem(fileName, 1, 1, null, "the CSV file is empty.", "write a header row of keys, then one row per job, such as \"Plate,Well\" then \"P1,A01\"."));
        }

        var header = records[0];
        var problems = new List<InputProblem>();
        CheckHeader(header, fileName, problems);
        if (records.Count == 1)
        {
            problems.Add(new InputProblem(fileName, header.Line, header.Column, null, "the CSV file has a header but no rows, so there are no jobs.", "add one row per job under the header."));
        }

        var badRows = records.Skip(1).Select((row, index) => (Row: row, Number: index + 1))
            .Where(row => row.Row.Cells.Count != header.Cells.Count)
            .Select(row => new InputProblem(fileName, row.Row.Line, row.Row.Column, $"row {row.Number}", $"this row has {Cells(row.Row.Cells.Count)} but the header has {Cells(header.Cells.Count)}.", "give every row one cell per header column; quote a value that contains a comma, such as \"A01,B02\"."));
        Problems.AddCapped(problems, badRows, fileName, "rows");
        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        var keys = header.Cells.Select(cell => PythonJson.QuoteString(cell.Text) + ": ").ToArray();
        var jobs = new List<Job>(records.Count - 1);
        var body = new StringBuilder();
        for (var r = 1; r < records.Count; r++)
        {
            var row = records[r];
            body.Clear().Append("{\"group\": {");
            for (var c = 0; c < keys.Length; c++)
            {
                body.Append(c == 0 ? "" : ", ").Append(keys[c]);
                PythonJson.WriteString(body, row.Cells[c].Text);
            }

            body.Append("}}");
            jobs.Add(new Job(body.ToString(), $"row {r}", row.Line, row.Column));
        }

        return new JobFileContents(fileName, JobFileFormat.Csv, jobs);
    }

    private static string Cells(int count) => count == 1 ? "1 cell" : $"{count} cells";

    private static void CheckHeader(CsvRecord header, string fileName, List<InputProblem> problems)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Cells.Count; i++)
        {
            var cell = header.Cells[i];
            var where = $"header column {i + 1}";
            if (cell.Text.Length == 0)
            {
                problems.Add(new InputProblem(fileName, cell.Line, cell.Column, where, "this header cell is empty, so the column has no key.", "name the column, or delete it (check for a trailing comma)."));
            }
            else if (seen.TryGetValue(cell.Text, out var earlier))
            {
                problems.Add(new InputProblem(fileName, cell.Line, cell.Column, where, $"the key \"{cell.Text}\" is already the header of column {earlier + 1}.", "give each column its own key."));
            }
            else
            {
                seen[cell.Text] = i;
            }
        }
    }
}
