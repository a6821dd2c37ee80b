namespace Fleetbook.Jobs;

/// <summary>How a job file turns into messages.</summary>
public enum JobFileFormat
{
    /// <summary>A <c>.csv</c> file is <see cref="Csv"/>; JSON is <see cref="DistributedCellProfiler"/> when it looks like one, else <see cref="DistributedSomething"/>.</summary>
    Auto,

    /// <summary>Shared top-level keys plus <c>"group": &lt;group&gt;</c> per job, as DS's <c>run.py submitJob</c> sends.</summary>
    DistributedSomething,

    /// <summary>The fixed Metadata/pipeline/output/input/data_file/output_structure message DCP's <c>run.py submitJob</c> sends.</summary>
    DistributedCellProfiler,

    /// <summary>A header row of keys and one job per row, sent as <c>{"group": {…}}</c>.</summary>
    Csv,
}

/// <summary>One job: its message body, and where its group or row is in the file.</summary>
/// <param name="Body">The SQS message body, byte for byte what DS/DCP would send.</param>
/// <param name="Where">The group's key path (<c>groups[3]</c>) or the CSV row (<c>row 5</c>, counting data rows from 1).</param>
/// <param name="Line">1-based line where the group or row starts.</param>
/// <param name="Column">1-based column where the group or row starts.</param>
public sealed record Job(string Body, string Where, int Line, int Column);

/// <summary>A job file read into messages, one per job, in file order.</summary>
public sealed record JobFileContents(string Path, JobFileFormat Format, IReadOnlyList<Job> Jobs);
