using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>Reads DS and DCP job files (unchanged) and CSV job lists into the messages DS/DCP would send.</summary>
public static class JobFile
{
    private const string TooLargeFix = "split it into several job files and submit each; they go to the same queue.";

    /// <summary>Reads a job file; every problem with it becomes an <see cref="InputException"/> naming the place and a fix.</summary>
    public static JobFileContents Read(string path, JobFileFormat format = JobFileFormat.Auto) => ReadUpTo(path, format, InputFiles.MaxJobFileBytes);

    internal static JobFileContents ReadUpTo(string path, JobFileFormat format, long maxBytes) => Whole(OpenUpTo(path, format, maxBytes));

    /// <summary>
    /// Checks a job file as a file, as <see cref="Read"/> does, and keeps only what it needs to read the jobs again one at a
    /// time: a JSON file's jobs are read from disk in pieces, so memory stays flat however many jobs it holds.
    /// </summary>
    /// <remarks>With <paramref name="checkJobs"/>, every job is checked as submit checks them (<see cref="CheckBeforeSending"/>) too.</remarks>
    internal static JobFileSource Open(string path, JobFileFormat format = JobFileFormat.Auto, JobTemplates? checkJobs = null) =>
        OpenUpTo(path, format, InputFiles.MaxJobFileBytes, checkJobs);

    internal static JobFileSource OpenUpTo(string path, JobFileFormat format, long maxBytes, JobTemplates? checkJobs = null)
    {
        CheckPath(path);
        Readable(path, () => InputFiles.CheckText(path, path, maxBytes, TooLargeFix));
        format = Detect(format, path);
        if (format == JobFileFormat.Csv)
        {
            var rows = JobFileSource.Of(CsvJobs.Parse(DecodeUtf8(ReadBytes(path, maxBytes), path), path));
            if (checkJobs is not null)
            {
                JobChecks.Check(rows, checkJobs);
            }

            return rows;
        }

        return JobFileSource.OpenJson(
            () => Readable<Stream>(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, FileOptions.SequentialScan)),
            path,
            format,
            maxBytes,
            TooLargeFix,
            () => JsonJobs.Parse(ParseJson(() => SourceJson.Parse(ReadBytes(path, maxBytes), path), path), path, format),
            checkJobs);
    }

    /// <summary>Reads job-file text; <paramref name="fileName"/> names it in problems and, for <see cref="JobFileFormat.Auto"/>, picks CSV by extension.</summary>
    public static JobFileContents Parse(string text, string fileName, JobFileFormat format = JobFileFormat.Auto)
    {
        format = Detect(format, fileName);
        if (format == JobFileFormat.Csv)
        {
            return CsvJobs.Parse(text, fileName);
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return Whole(JobFileSource.OpenJson(() => new MemoryStream(bytes, writable: false), fileName, format, long.MaxValue, "",
            () => JsonJobs.Parse(ParseJson(() => SourceJson.Parse(text, fileName), fileName), fileName, format)));
    }

    private static JobFileContents Whole(JobFileSource source) => new(source.Path, source.Format, source.Jobs().ToList());

    /// <summary>
    /// Checks that every job has a value for every placeholder in <paramref name="templates"/>; throws one problem per
    /// missing placeholder, pointing at the first job without it.
    /// </summary>
    /// <param name="jobs">The jobs read by <see cref="Read"/> or <see cref="Parse"/>.</param>
    /// <param name="templates">Each template with the setting it came from, such as <c>command[2]</c>.</param>
    public static void CheckTemplates(JobFileContents jobs, IReadOnlyList<(string Setting, Template Template)> templates) =>
        TemplateCheck.Check(jobs, templates);

    /// <summary>
    /// Everything submit checks before it sends anything, over the whole file: every placeholder has a value in every
    /// job (<see cref="CheckTemplates"/>); no two jobs share a job id and no id holds control characters; every job's
    /// outputs (and inputs) prefix is a usable bucket key; no value a template uses holds NUL; every message fits the
    /// queue (256 KiB). Throws one <see cref="InputException"/> naming each job by its place in the file.
    /// </summary>
    public static void CheckBeforeSending(JobFileContents jobs, JobTemplates templates)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(templates);
        JobChecks.Check(JobFileSource.Of(jobs), templates);
    }

    /// <summary>System.Text.Json refuses a lone surrogate escape (<c>"\ud800"</c>) with an InvalidOperationException; Python accepts it.</summary>
    internal static SourceNode ParseJson(Func<SourceNode> parse, string fileName)
    {
        try
        {
            return parse();
        }
        catch (InvalidOperationException ex)
        {
            throw new InputException(new InputProblem(fileName, null, null, null, $"a string in the file cannot be read ({ex.Message.TrimEnd('.')}).", "write whole characters: a \\uD800-\\uDFFF escape must be one half of a pair such as \\ud83d\\ude00."));
        }
    }

    private static JobFileFormat Detect(JobFileFormat format, string fileName) =>
        format == JobFileFormat.Auto && fileName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? JobFileFormat.Csv : format;

    private static byte[] ReadBytes(string path, long maxBytes) =>
        Readable(path, () => InputFiles.ReadText(path, path, maxBytes, TooLargeFix));

    private static void CheckPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InputException(new InputProblem(path, null, null, null, "no job file is named.", "give the path of a .json or .csv job file."));
        }

        if (Directory.Exists(path))
        {
            throw new InputException(new InputProblem(path, null, null, null, "this is a folder, not a job file.", "give the path of a .json or .csv job file inside it."));
        }
    }

    private static void Readable(string path, Action read) => Readable(path, () =>
    {
        read();
        return 0;
    });

    /// <summary>Runs <paramref name="read"/>, turning the ways a file cannot be read into problems that name it.</summary>
    private static T Readable<T>(string path, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InputException(new InputProblem(path, null, null, null, "the job file does not exist.", $"check the path; it was looked for at {Path.GetFullPath(path)}."));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new InputException(new InputProblem(path, null, null, null, $"cannot read the job file ({ex.Message}).", "check the path and that the file is readable."));
        }
    }

    private static string DecodeUtf8(byte[] bytes, string fileName)
    {
        var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
        var utf8 = bytes.AsSpan(start);
        var chars = new char[utf8.Length];
        var status = Utf8.ToUtf16(utf8, chars, out var read, out var written, replaceInvalidSequences: false);
        if (status == OperationStatus.Done)
        {
            return new string(chars, 0, written);
        }

        var before = utf8[..read];
        var line = before.Count((byte)'\n') + 1;
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        var column = Encoding.UTF8.GetCharCount(before[lineStart..]) + 1;
        throw new InputException(new InputProblem(fileName, line, column, null, "the file is not UTF-8 text.", "save it as UTF-8 (in Excel: \"CSV UTF-8 (Comma delimited)\")."));
    }
}
