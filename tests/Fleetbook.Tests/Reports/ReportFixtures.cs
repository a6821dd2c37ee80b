using Fleetbook.Charts;
using Fleetbook.Display;
using Fleetbook.Reports;
using Fleetbook.Tests.Display;

namespace Fleetbook.Tests.Reports;

/// <summary>A report like the demo's: the fixtures' run, its failures with logs, and a plate map as results.</summary>
public static class ReportFixtures
{
    public static RunReport DemoLike()
    {
        var attempts = DisplayFixtures.Attempts;
        var failures = attempts.GroupBy(a => a.JobId)
            .Where(g => g.Any(a => Guidance.IsFailure(a.Outcome)))
            .Select(g => new FailedJob(g.Key, g.OrderBy(a => a.Started).ToArray(), g.Key == "Plate1-B07-1"
                ? ["2026-03-01T10:00:04Z reading images/Plate1/B07.pgm", "2026-03-01T10:00:05Z error: <truncated PGM header> in B07.pgm", "2026-03-01T10:00:06Z exit code 3"]
                : []))
            .OrderBy(f => f.JobId, StringComparer.Ordinal)
            .ToArray();
        var byWell = Enumerable.Range(0, 96)
            .Select(i => (Well: PlateMap.WellName(i / 12, i % 12), Value: 5.0 + (i / 12 * 3) + (i % 12 * 1.5)))
            .Where(w => w.Well != "B07")
            .ToDictionary(w => w.Well, w => w.Value);
        var results = ResultsSummary.Create(
            "Objects per well",
            [new Fact("sites counted", "95"), new Fact("objects in all", "2,470")],
            [PlateMap.Heatmap(byWell, "Plate1: objects per well", "objects")],
            "Per-site counts are in results.csv beside this file.");
        return new RunReport
        {
            Config = DisplayFixtures.Config,
            Monitor = DisplayFixtures.Monitor,
            Attempts = attempts,
            Failures = failures,
            Results = results,
            ProjectDirectory = DisplayFixtures.Project,
            CreatedAt = DisplayFixtures.T0.AddMinutes(1),
        };
    }
}
