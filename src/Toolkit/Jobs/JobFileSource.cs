using System.Text.Json;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>
/// A job file checked as a file (its syntax, its "groups", a DCP file's keys) whose jobs can be read again, one at a time,
/// as often as needed: a JSON file is read from disk in pieces each time, so memory stays flat however many jobs it holds.
/// </summary>
internal sealed class JobFileSource
{
    private readonly Func<IEnumerable<Job>> _jobs;
    private readonly Action _ensureUnchanged;

    private JobFileSource(string path, JobFileFormat format, int count, Func<IEnumerable<Job>> jobs, Action? ensureUnchanged = null)
    {
        Path = path;
        Format = format;
        Count = count;
        _jobs = jobs;
        _ensureUnchanged = ensureUnchanged ?? (() => { });
    }

    public string Path { get; }
    public JobFileFormat Format { get; }

    /// <summary>How many jobs the file held when it was checked.</summary>
    public int Count { get; }

    /// <summary>
    /// The jobs in file order, from bytes proven to be those of the first reading (<see cref="JobFileFingerprint"/>): they are
    /// the jobs checked. Reading a file that changed since then throws an <see cref="InputException"/> saying so.
    /// </summary>
    public IEnumerable<Job> Jobs() => _jobs();

    /// <summary>Reads the file through once more, without parsing it, and throws an <see cref="InputException"/> if it is not what was checked.</summary>
    public void EnsureUnchanged() => _ensureUnchanged();

    public static JobFileSource Of(JobFileContents contents) => new(contents.Path, contents.Format, contents.Jobs.Count, () => contents.Jobs);

    /// <summary>
    /// Checks a JSON job file read from <paramref name="open"/> (a fresh stream each time) as a file, reading it in pieces,
    /// and with <paramref name="checkJobs"/> its jobs too (<see cref="JobChecks"/>), in the same reading when the keys before
    /// its "groups" list tell how its groups become jobs (else in a second one). A file that is not one this can follow (not
    /// an object, invalid JSON, a string that cannot be decoded) is read whole by <paramref name="readWhole"/>, which reports
    /// it exactly as <see cref="JobFile.Parse"/> does.
    /// </summary>
    public static JobFileSource OpenJson(Func<Stream> open, string fileName, JobFileFormat format, long maxBytes, string tooLargeFix, Func<JobFileContents> readWhole, JobTemplates? checkJobs = null)
    {
        var properties = new List<SourceProperty>();
        var scans = new List<JsonJobs.GroupScan>();
        TextPosition rootAt = default;
        var listIndex = -1; // the groups list of the last "groups" key (root["groups"]), when that is a list
        var count = 0;
        var fingerprint = new JobFileFingerprint();
        var early = checkJobs is null ? null : new EarlyJobChecks(fileName, checkJobs);
        try
        {
            using var stream = fingerprint.Record(open());
            var events = JsonJobFileReader.Read(stream, fileName, maxBytes, tooLargeFix);

            // The file is parsed and its groups made into jobs on a thread of their own while this one checks them.
            var read = early is null ? events.Select(found => new ReadGroup(found)) : EarlyJobChecks.MakeJobs(events, format);
            foreach (var (found, guess) in ReadAhead.Batches(read, ReadAhead.SmallBatch).SelectMany(batch => batch))
            {
                switch (found.Kind)
                {
                    case JsonJobFileEventKind.RootStart:
                        rootAt = found.At;
                        break;
                    case JsonJobFileEventKind.Group:
                        if (found.GroupsIndex == scans.Count)
                        {
                            scans.Add(new JsonJobs.GroupScan(fileName));
                        }

                        scans[found.GroupsIndex].Add(found.Group!);
                        early?.Add(found, guess);
                        break;
                    default:
                        properties.Add(found.Property!);
                        if (found.Property!.Name == "groups")
                        {
                            (listIndex, count) = (found.GroupsIndex, found.GroupsIndex >= 0 ? found.ItemIndex : 0);
                        }

                        break;
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            var whole = Of(readWhole());
            if (checkJobs is not null)
            {
                JobChecks.Check(whole, checkJobs);
            }

            return whole;
        }

        var root = new SourceNode(SourceKind.Object, "", rootAt.Line, rootAt.Column) { Properties = properties };
        var scan = listIndex >= 0 && listIndex < scans.Count ? scans[listIndex] : new JsonJobs.GroupScan(fileName);
        var layout = JsonJobs.Lay(root, root["groups"], count, scan, fileName, format);
        Stream Reopen(Func<Exception> changed) => fingerprint.Verify(open(), changed);
        var source = new JobFileSource(fileName, layout.Format, count, () => Jobs(() => Reopen(() => Changed(fileName)), fileName, maxBytes, tooLargeFix, layout, listIndex, count),
            () =>
            {
                using var stream = Reopen(() => ChangedBeforeSending(fileName));
                stream.CopyTo(Stream.Null, JobFileFingerprint.BlockBytes);
            });
        if (early is not null && !early.Finish(source, layout, listIndex))
        {
            JobChecks.Check(source, checkJobs!);
        }

        return source;
    }

    private static IEnumerable<Job> Jobs(Func<Stream> open, string fileName, long maxBytes, string tooLargeFix, JsonJobsLayout layout, int listIndex, int count)
    {
        using var stream = open();
        var seen = 0;
        using var events = JsonJobFileReader.Read(stream, fileName, maxBytes, tooLargeFix).GetEnumerator();
        while (true)
        {
            JsonJobFileEvent found;
            try
            {
                if (!events.MoveNext())
                {
                    break;
                }

                found = events.Current;
            }
            catch (Exception ex) when (ex is JsonException or InvalidOperationException)
            {
                throw Changed(fileName);
            }

            if (found.Kind == JsonJobFileEventKind.Group && found.GroupsIndex == listIndex)
            {
                if (found.Group!.Kind != SourceKind.Object || ++seen > count)
                {
                    throw Changed(fileName);
                }

                yield return layout.Job(found.Group);
            }
        }

        if (seen != count)
        {
            throw Changed(fileName);
        }
    }

    public static InputException ChangedBeforeSending(string fileName) => new(new InputProblem(fileName, null, null, null,
        "the job file changed after it was checked, so nothing was sent.",
        "leave the file alone while it is submitted, then submit it again."));

    public static InputException Changed(string fileName) => new(new InputProblem(fileName, null, null, null,
        "the job file changed while it was being submitted.",
        "leave the file alone while it is submitted, then submit it again (jobs already sent are in the queue: check with 'fleetbook status')."));
}
