using System.Globalization;
using System.Net;
using System.Text;
using Fleetbook.Journal;
using Fleetbook.Steps;

namespace Fleetbook.Cli.Demo;

/// <summary>A self-contained HTML page about the demo run: summary, plate heatmap of object counts, job durations, failures.</summary>
internal static class DemoReport
{
    public static string Render(MonitorResult monitor, IReadOnlyList<SiteCount> counts, IReadOnlyList<JobAttempt> attempts, TimeSpan elapsed, int workers)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Fleetbook demo report</title><style>")
            .Append("body{font-family:system-ui,sans-serif;margin:2rem;color:#222}table{border-collapse:collapse}td,th{padding:.3rem .6rem;border:1px solid #ddd;text-align:right}")
            .Append(".plate td{width:2.6rem;height:2rem;text-align:center;color:#fff;font-size:.8rem}.badge{padding:.15rem .5rem;border-radius:.6rem;color:#fff}")
            .Append("</style></head><body><h1>Fleetbook demo run</h1>");

        var status = monitor.Final;
        var ok = status.DeadLetter == 0;
        html.Append(CultureInfo.InvariantCulture, $"<p><span class=\"badge\" style=\"background:{(ok ? "#2e7d32" : "#c62828")}\">{(ok ? "all jobs succeeded" : "some jobs failed")}</span> ")
            .Append(WebUtility.HtmlEncode(status.Explanation)).Append("</p>");

        var durations = attempts.Where(a => a.Outcome == AttemptOutcome.Succeeded && a.Duration is not null).Select(a => a.Duration!.Value.TotalMilliseconds).Order().ToList();
        html.Append("<h2>Summary</h2><table>");
        Row(html, "jobs succeeded", status.Succeeded.ToString(CultureInfo.InvariantCulture));
        Row(html, "jobs in the dead-letter queue", status.DeadLetter.ToString(CultureInfo.InvariantCulture));
        Row(html, "failed attempts", status.Failed.ToString(CultureInfo.InvariantCulture));
        Row(html, "workers × copies", $"{workers} × 2");
        Row(html, "wall time", $"{elapsed.TotalSeconds:0.0} s");
        Row(html, "throughput", elapsed.TotalSeconds > 0 ? $"{status.Succeeded / elapsed.TotalSeconds:0.0} jobs/s" : "-");
        if (durations.Count > 0)
        {
            Row(html, "job duration (median / 95th percentile)", $"{Percentile(durations, 0.5):0} ms / {Percentile(durations, 0.95):0} ms");
        }

        html.Append("</table>");

        html.Append("<h2>Objects per well (mean of sites)</h2><table class=\"plate\"><tr><th></th>");
        for (var column = 1; column <= 12; column++)
        {
            html.Append(CultureInfo.InvariantCulture, $"<th>{column}</th>");
        }

        html.Append("</tr>");
        var byWell = counts.GroupBy(c => c.Well).ToDictionary(g => g.Key, g => g.Average(c => c.Objects));
        var max = byWell.Count == 0 ? 1 : byWell.Values.Max();
        foreach (var row in "ABCDEFGH")
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><th>{row}</th>");
            for (var column = 1; column <= 12; column++)
            {
                var well = $"{row}{column:00}";
                if (byWell.TryGetValue(well, out var mean))
                {
                    html.Append(CultureInfo.InvariantCulture, $"<td title=\"{well}: {mean:0.0}\" style=\"background:{Color(mean / max)}\">{mean:0}</td>");
                }
                else
                {
                    html.Append("<td style=\"background:#999\">–</td>");
                }
            }

            html.Append("</tr>");
        }

        html.Append("</table>");
        var failures = attempts.Where(a => a.Outcome is not (AttemptOutcome.Succeeded or AttemptOutcome.SkippedDone or AttemptOutcome.Running)).ToList();
        if (failures.Count > 0)
        {
            html.Append("<h2>Failed attempts</h2><table><tr><th>job</th><th>attempt</th><th>why</th></tr>");
            foreach (var failure in failures.Take(100))
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{WebUtility.HtmlEncode(failure.JobId)}</td><td>{failure.Attempt}</td><td>{WebUtility.HtmlEncode(failure.Detail ?? failure.Outcome.ToString())}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<p>Results: <code>results.csv</code> beside this file.</p></body></html>\n");
        return html.ToString();
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th style=\"text-align:left\">").Append(WebUtility.HtmlEncode(name)).Append("</th><td>").Append(WebUtility.HtmlEncode(value)).Append("</td></tr>");

    private static double Percentile(List<double> sorted, double fraction) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(fraction * sorted.Count))];

    /// <summary>A dark-blue → teal → yellow ramp (viridis-like).</summary>
    private static string Color(double t)
    {
        t = Math.Clamp(t, 0, 1);
        (double R, double G, double B)[] stops = [(68, 1, 84), (59, 82, 139), (33, 145, 140), (94, 201, 98), (253, 231, 37)];
        var position = t * (stops.Length - 1);
        var index = Math.Min(stops.Length - 2, (int)position);
        var f = position - index;
        var (r1, g1, b1) = stops[index];
        var (r2, g2, b2) = stops[index + 1];
        return $"rgb({(int)(r1 + ((r2 - r1) * f))},{(int)(g1 + ((g2 - g1) * f))},{(int)(b1 + ((b2 - b1) * f))})";
    }
}
