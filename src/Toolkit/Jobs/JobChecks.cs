using System.Runtime.InteropServices;
using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>The templates a job's values go into: the command (through a shell or not) and the bucket prefixes.</summary>
/// <param name="Command">The command's elements.</param>
/// <param name="Outputs">The prefix that receives a job's outputs.</param>
/// <param name="Inputs">The prefix a job's inputs are downloaded from, when they are.</param>
/// <param name="Shell">Whether the command runs through <c>/bin/sh -c</c>.</param>
public sealed record JobTemplates(IReadOnlyList<Template> Command, Template Outputs, Template? Inputs = null, bool Shell = false)
{
    /// <summary>Each template with the setting it came from (<c>command[2]</c>, <c>outputs</c>, <c>inputs</c>).</summary>
    public IReadOnlyList<(string Setting, Template Template)> Named =>
    [
        .. Command.Select((template, index) => ($"command[{index}]", template)),
        ("outputs", Outputs),
        .. Inputs is null ? [] : new[] { ("inputs", Inputs) },
    ];
}

/// <summary>
/// What submit checks in every job of a file before it sends any: each job's id is unique and printable, its prefixes
/// are usable bucket keys, no value a template uses holds NUL, and each message fits the queue.
/// </summary>
internal static class JobChecks
{
    /// <summary>SQS's classic limit, which setup gives the job queue (MaximumMessageSize) and the local queue enforces.</summary>
    public const int MaxMessageBytes = Backends.Local.MessageRules.MaxBodyBytes;

    /// <summary>Values longer than this are cut short in messages.</summary>
    private const int MaxShown = 80;

    /// <summary>
    /// Checks every job of <paramref name="source"/> (read once, or twice when two job ids may be the same); throws every
    /// problem found, the placeholders' first.
    /// </summary>
    public static void Check(JobFileSource source, JobTemplates templates)
    {
        var run = new Run(source.Path, source.Format, templates);
        foreach (var job in ReadAhead.Batches(source.Jobs(), ReadAhead.SmallBatch).SelectMany(batch => batch))
        {
            if (run.Count == source.Count)
            {
                throw JobFileSource.Changed(source.Path);
            }

            run.Add(job, JobMessage.Parse(job.Body));
        }

        if (run.Count != source.Count)
        {
            throw JobFileSource.Changed(source.Path);
        }

        run.Finish(source);
    }

    /// <summary>
    /// The checks of one reading of a file's jobs, given one at a time (<see cref="Add"/>) in file order, then
    /// <see cref="Finish"/>. Keeps 12 bytes per job: a hash of its id and its place (two jobs with the same hash are compared
    /// in full in a second reading).
    /// </summary>
    internal sealed class Run(string path, JobFileFormat format, JobTemplates templates)
    {
        private readonly TemplateCheck _placeholders = new(path, format, templates.Named);
        private readonly IReadOnlyList<(string Setting, Template Template)> _named = templates.Named;
        private readonly List<ulong> _ids = [];
        private readonly List<int> _idJobs = [];
        private readonly FirstProblems _found = new();

        /// <summary>How many jobs were checked.</summary>
        public int Count { get; private set; }

        public void Add(Job job, JobMessage message)
        {
            var index = Count++;
            if (!_placeholders.Done)
            {
                _placeholders.Add(job, message);
            }

            // One problem per job: the first one found is enough to fix it. A repeated job id comes after the size and the
            // id's characters, and before the rest; it is known only once every id has been seen.
            if ((Size(path, job) ?? IdCharacters(path, job, message.JobId)) is { } problem)
            {
                _found.Add(index, problem, later: false);
            }
            else
            {
                _ids.Add(JobHash.Of(message.JobId));
                _idJobs.Add(index);
                var laterProblem = Values(path, job, message, _named)
                    ?? Prefix(path, job, message, "outputs", templates.Outputs)
                    ?? (templates.Inputs is { } inputs ? Prefix(path, job, message, "inputs", inputs) : null);
                if (laterProblem is not null)
                {
                    _found.Add(index, laterProblem, later: true);
                }
            }
        }

        /// <summary>Throws every problem found; <paramref name="source"/> (the jobs given, to be read again) names the jobs that share an id.</summary>
        public void Finish(JobFileSource source)
        {
            _placeholders.ThrowIfProblems();
            foreach (var (jobIndex, problem) in RepeatedIds(source, CollectionsMarshal.AsSpan(_ids), CollectionsMarshal.AsSpan(_idJobs)))
            {
                _found.AddRepeatedId(jobIndex, problem);
            }

            _found.ThrowIfAny(path);
        }
    }

    /// <summary>
    /// The jobs whose id an earlier job has, with the problem each one is: the hashes of the ids, sorted, show the jobs that
    /// may share an id, and only those are read again to compare their ids in full.
    /// </summary>
    private static List<(int Index, InputProblem Problem)> RepeatedIds(JobFileSource source, Span<ulong> ids, Span<int> jobs)
    {
        ids.Sort(jobs);
        var maybe = new HashSet<int>();
        for (var i = 1; i < ids.Length; i++)
        {
            if (ids[i] == ids[i - 1])
            {
                maybe.Add(jobs[i - 1]);
                maybe.Add(jobs[i]);
            }
        }

        var repeated = new List<(int, InputProblem)>();
        if (maybe.Count == 0)
        {
            return repeated;
        }

        var firstWithId = new Dictionary<string, Job>(StringComparer.Ordinal);
        var index = 0;
        foreach (var job in source.Jobs())
        {
            if (maybe.Contains(index))
            {
                var id = JobMessage.Parse(job.Body).JobId;
                if (!firstWithId.TryAdd(id, job))
                {
                    repeated.Add((index, Repeated(source.Path, job, id, firstWithId[id])));
                }
            }

            index++;
        }

        return repeated;
    }

    /// <summary>
    /// The first <see cref="Problems.MaxListed"/> problems in job order and how many jobs have one, merged with the repeated
    /// ids found afterwards (which take the place of a job's later problem).
    /// </summary>
    private sealed class FirstProblems
    {
        private readonly SortedDictionary<int, InputProblem> _first = [];
        private readonly System.Collections.BitArray _laterProblem = new(0);
        private int _count;

        /// <param name="index">The job's place in the file.</param>
        /// <param name="problem">Its problem.</param>
        /// <param name="later">Whether a repeated id would come before it (it is not about the size or the id's characters).</param>
        public void Add(int index, InputProblem problem, bool later)
        {
            _count++;
            if (index >= _laterProblem.Length)
            {
                _laterProblem.Length = Math.Max(index + 1, _laterProblem.Length * 2);
            }

            _laterProblem[index] = later;
            if (_first.Count < Problems.MaxListed)
            {
                _first[index] = problem;
            }
        }

        public void AddRepeatedId(int index, InputProblem problem)
        {
            if (index >= _laterProblem.Length || !_laterProblem[index])
            {
                _count++;
            }

            _first[index] = problem;
        }

        public void ThrowIfAny(string path)
        {
            if (_count == 0)
            {
                return;
            }

            var listed = _first.Values.Take(Problems.MaxListed).ToList();
            if (_count > Problems.MaxListed)
            {
                listed.Add(new InputProblem(path, null, null, null, $"{_count - Problems.MaxListed} more jobs have problems like those above.", "fix the ones above, then read the file again."));
            }

            throw new InputException(listed);
        }
    }

    private static InputProblem At(string file, Job job, string message, string fix) => new(file, job.Line, job.Column, job.Where, message, fix);

    /// <summary>Text for a message: control characters shown visibly, and cut short when long.</summary>
    private static string Shown(string text) =>
        ControlCharacters.EscapeAll(text.Length > MaxShown ? text[..MaxShown] + $"… ({text.Length:N0} characters)" : text);

    private static InputProblem? Size(string file, Job job)
    {
        var bytes = Encoding.UTF8.GetByteCount(job.Body);
        return bytes > MaxMessageBytes
            ? At(file, job, $"this job's message is {bytes:N0} bytes; the queue takes at most {MaxMessageBytes:N0} (256 KiB) per message.",
                "make the job smaller: put large data in a file in the bucket and give the job its path.")
            : null;
    }

    private static InputProblem? IdCharacters(string file, Job job, string id) =>
        ControlCharacters.First(id) is { } control
            ? At(file, job, $"this job's id \"{Shown(id)}\" holds the control character {control}; the id names the job's logs and outputs.",
                "remove tabs, line breaks and other control characters from the job's values.")
            : null;

    private static InputProblem Repeated(string file, Job job, string id, Job first) =>
        first.Body == job.Body
            ? At(file, job, $"this job is the same as {first.Where} (line {first.Line}): both would run, writing the same outputs and logs (job id \"{Shown(id)}\").",
                "remove one of the two.")
            : At(file, job, $"this job and {first.Where} (line {first.Line}) both get the job id \"{Shown(id)}\", so one would overwrite the other's outputs and logs.",
                "make their values differ so that the ids differ: the id joins a group's values with '-', in the order of the sorted keys (as Distributed-Something names jobs), so a '-' inside a value can make two jobs look alike.");

    /// <summary>No program can receive a NUL character (it ends an argument or an environment variable), so a value that holds one cannot be passed on.</summary>
    private static InputProblem? Values(string file, Job job, JobMessage message, IReadOnlyList<(string Setting, Template Template)> templates)
    {
        foreach (var (setting, template) in templates)
        {
            foreach (var placeholder in template.Placeholders)
            {
                if (placeholder.Name is not (Placeholder.InputDir or Placeholder.OutputDir) && message.Resolve(placeholder.Name) is { } value && value.Contains('\0'))
                {
                    return At(file, job, $"the value of {{{placeholder.Name}}} (used by {setting}) holds a NUL character (\\u0000), which no program can receive.",
                        "remove the NUL character from the job's value.");
                }
            }
        }

        return null;
    }

    private static InputProblem? Prefix(string file, Job job, JobMessage message, string setting, Template template)
    {
        string? Resolve(Placeholder placeholder) => placeholder.Name is Placeholder.InputDir or Placeholder.OutputDir ? placeholder.Name : message.Resolve(placeholder.Name);

        string Fix() => $"change the job's values, or the \"{setting}\" template, so that the prefix is a relative path such as results/P1-A01: values may not be '.' or '..', start with '/', or hold '\\' or control characters.";
        foreach (var placeholder in template.Placeholders)
        {
            if (Resolve(placeholder) is not { } value)
            {
                return null; // a missing placeholder, which the template check reports
            }

            if (JobKeys.ValueProblem(value) is { } wrong)
            {
                return At(file, job, $"the value of {{{placeholder.Name}}} (\"{Shown(value)}\"), used in the {setting} prefix {template.Text}, {wrong}.", Fix());
            }
        }

        // The worker trims the outputs prefix's trailing '/'; an inputs prefix may end with one to name a folder.
        var prefix = template.Render(Resolve).TrimEnd('/');
        return Storage.BucketKeys.Problem(prefix) is { } why
            ? At(file, job, $"this job's {setting} prefix \"{Shown(prefix)}\" ({template.Text}) cannot name a place in the bucket: {why}.", Fix())
            : null;
    }
}

/// <summary>A 64-bit hash of a string (FNV-1a over its UTF-16 code units, then mixed): cheap, stable, not for security.</summary>
internal static class JobHash
{
    public static ulong Of(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }
}
