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

    public static void Check(JobFileContents jobs, JobTemplates templates)
    {
        var problems = new List<InputProblem>();
        var firstWithId = new Dictionary<string, Job>(StringComparer.Ordinal);
        var named = templates.Named;
        foreach (var job in jobs.Jobs)
        {
            var message = JobMessage.Parse(job.Body);

            // One problem per job: the first one found is enough to fix it.
            var problem = Size(jobs.Path, job)
                ?? JobId(jobs.Path, job, message, firstWithId)
                ?? Values(jobs.Path, job, message, named)
                ?? Prefix(jobs.Path, job, message, "outputs", templates.Outputs)
                ?? (templates.Inputs is { } inputs ? Prefix(jobs.Path, job, message, "inputs", inputs) : null);
            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (problems.Count > 0)
        {
            var listed = new List<InputProblem>();
            Problems.AddCapped(listed, problems, jobs.Path, "jobs");
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

    private static InputProblem? JobId(string file, Job job, JobMessage message, Dictionary<string, Job> firstWithId)
    {
        var id = message.JobId;
        if (ControlCharacters.First(id) is { } control)
        {
            return At(file, job, $"this job's id \"{Shown(id)}\" holds the control character {control}; the id names the job's logs and outputs.",
                "remove tabs, line breaks and other control characters from the job's values.");
        }

        if (firstWithId.TryAdd(id, job))
        {
            return null;
        }

        var first = firstWithId[id];
        return first.Body == job.Body
            ? At(file, job, $"this job is the same as {first.Where} (line {first.Line}): both would run, writing the same outputs and logs (job id \"{Shown(id)}\").",
                "remove one of the two.")
            : At(file, job, $"this job and {first.Where} (line {first.Line}) both get the job id \"{Shown(id)}\", so one would overwrite the other's outputs and logs.",
                "make their values differ so that the ids differ: the id joins a group's values with '-', in the order of the sorted keys (as Distributed-Something names jobs), so a '-' inside a value can make two jobs look alike.");
    }

    /// <summary>No program can receive a NUL character (it ends an argument or an environment variable), so a value that holds one cannot be passed on.</summary>
    private static InputProblem? Values(string file, Job job, JobMessage message, IReadOnlyList<(string Setting, Template Template)> templates)
    {
        foreach (var (setting, template) in templates)
        {
            foreach (var placeholder in template.Placeholders.Where(p => p.Name is not (Placeholder.InputDir or Placeholder.OutputDir)))
            {
                if (message.Resolve(placeholder.Name) is { } value && value.Contains('\0'))
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

        var fix = $"change the job's values, or the \"{setting}\" template, so that the prefix is a relative path such as results/P1-A01: values may not be '.' or '..', start with '/', or hold '\\' or control characters.";
        foreach (var placeholder in template.Placeholders)
        {
            if (Resolve(placeholder) is { } value && JobKeys.ValueProblem(value) is { } wrong)
            {
                return At(file, job, $"the value of {{{placeholder.Name}}} (\"{Shown(value)}\"), used in the {setting} prefix {template.Text}, {wrong}.", fix);
            }
        }

        // The worker trims the outputs prefix's trailing '/'; an inputs prefix may end with one to name a folder.
        var prefix = template.Render(Resolve).TrimEnd('/');
        return Storage.BucketKeys.Problem(prefix) is { } why
            ? At(file, job, $"this job's {setting} prefix \"{Shown(prefix)}\" ({template.Text}) cannot name a place in the bucket: {why}.", fix)
            : null;
    }
}
