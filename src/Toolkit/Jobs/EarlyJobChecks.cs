using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>
/// Checks a JSON job file's jobs (<see cref="JobChecks"/>) in the reading that checks it as a file, before the file is known
/// whole: each group is made into its job with the layout the keys before its "groups" list give
/// (<see cref="JsonJobs.Guess"/>). Those checks stand only if the file, read to its end, lays its jobs out the same way,
/// from the same "groups" list; otherwise (keys after the list that change the messages, a later "groups" key, a job that
/// cannot be made early) <see cref="Finish"/> says so and the jobs are checked in a reading of their own.
/// </summary>
internal sealed class EarlyJobChecks(string fileName, JobTemplates templates)
{
    private int _groupsIndex = -1;
    private JsonJobsLayout? _layout;
    private JobChecks.Run? _run;

    /// <summary>The file's events, each group's with its job and message made with the layout guessed for its list.</summary>
    public static IEnumerable<ReadGroup> MakeJobs(IEnumerable<JsonJobFileEvent> events, JobFileFormat format)
    {
        var keys = new List<SourceProperty>();
        TextPosition rootAt = default;
        var groupsIndex = -1;
        JsonJobsLayout? layout = null;
        foreach (var found in events)
        {
            switch (found.Kind)
            {
                case JsonJobFileEventKind.RootStart:
                    rootAt = found.At;
                    yield return new ReadGroup(found);
                    break;
                case JsonJobFileEventKind.Property:
                    keys.Add(found.Property!);
                    yield return new ReadGroup(found);
                    break;
                default:
                    if (found.GroupsIndex != groupsIndex)
                    {
                        groupsIndex = found.GroupsIndex;
                        layout = JsonJobs.Guess(new SourceNode(SourceKind.Object, "", rootAt.Line, rootAt.Column) { Properties = [.. keys] }, format);
                    }

                    yield return new ReadGroup(found, layout is null || found.Group!.Kind != SourceKind.Object ? null : GuessedJob.Make(layout, found.Group));
                    break;
            }
        }
    }

    /// <summary>Checks the job of a group (its place in <paramref name="found"/>), as <see cref="MakeJobs"/> made it.</summary>
    public void Add(JsonJobFileEvent found, GuessedJob? guess)
    {
        if (found.GroupsIndex != _groupsIndex)
        {
            // A "groups" list after another: only the last one's jobs count.
            _groupsIndex = found.GroupsIndex;
            _layout = guess?.Layout;
            _run = _layout is null ? null : new JobChecks.Run(fileName, _layout.Format, templates);
        }

        if (found.Group!.Kind != SourceKind.Object)
        {
            return; // not a job: the file's own checks refuse it
        }

        if (guess?.Message is null || !ReferenceEquals(guess.Layout, _layout))
        {
            _run = null;
            return;
        }

        _run?.Add(guess.Job, guess.Message);
    }

    /// <summary>
    /// Once the file is known whole (its jobs laid out by <paramref name="layout"/>, from the "groups" list numbered
    /// <paramref name="listIndex"/>): whether the early checks were of those jobs, in which case their problems are thrown
    /// here (or none); false when the jobs still need checking.
    /// </summary>
    public bool Finish(JobFileSource source, JsonJobsLayout layout, int listIndex)
    {
        if (_run is null || _layout is null || _groupsIndex != listIndex || _run.Count != source.Count || !_layout.WritesAs(layout))
        {
            return false;
        }

        _run.Finish(source);
        return true;
    }
}

/// <summary>One thing read from a job file and, for a group, the job it makes (null when it cannot be made early).</summary>
internal sealed record ReadGroup(JsonJobFileEvent Found, GuessedJob? Guess = null);

/// <summary>A group's job made with a guessed <paramref name="Layout"/>, and its message (null when it cannot be read, which the later checks report).</summary>
internal sealed record GuessedJob(JsonJobsLayout Layout, Job Job, JobMessage? Message)
{
    public static GuessedJob Make(JsonJobsLayout layout, SourceNode group)
    {
        var job = layout.Job(group);
        try
        {
            return new GuessedJob(layout, job, layout.Message(group, job));
        }
        catch (InputException)
        {
            return new GuessedJob(layout, job, null);
        }
    }
}
