using Fleetbook.Interactive;
using Fleetbook.Steps;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;

namespace Fleetbook.Tests.Interactive;

/// <summary>
/// The real C# kernel of .NET Interactive, in this process, in a composite kernel as dotnet-interactive makes it, with
/// Fleetbook's extension loaded the way the kernel loads a package's extension (<c>OnLoadAsync</c> with the C# kernel
/// that ran the <c>#r</c>) and Fleetbook.dll referenced.
/// </summary>
internal sealed class InProcessKernel : IDisposable
{
    private readonly CompositeKernel _kernel;

    private InProcessKernel(CompositeKernel kernel, CSharpKernel csharp)
    {
        _kernel = kernel;
        CSharp = csharp;
    }

    public CSharpKernel CSharp { get; }

    public Kernel Root => _kernel;

    /// <summary>Notes the extension wrote while loading (only when a part failed).</summary>
    public List<string> Notes { get; } = [];

    /// <param name="host">What the program running the kernel does with displays; VS Code's (stdio) by default.</param>
    /// <param name="workingFolder">The kernel's folder, where <c>#!fleetbook</c> looks for ./fleetbook.json.</param>
    /// <param name="beforeLoading">What happens to the composite kernel before the extension is loaded.</param>
    public static async Task<InProcessKernel> StartAsync(DisplayHost? host = null, string? workingFolder = null, Action<CompositeKernel>? beforeLoading = null)
    {
        var csharp = new CSharpKernel();
        var kernel = new CompositeKernel { csharp };
        kernel.DefaultKernelName = csharp.Name;
        csharp.AddAssemblyReferences([typeof(FleetRun).Assembly.Location]);
        beforeLoading?.Invoke(kernel);
        var started = new InProcessKernel(kernel, csharp);
        var extension = new FleetbookKernelExtension(host ?? Hosts.VsCode, workingFolder is null ? null : () => workingFolder, started.Notes.Add);
        await started.LoadAsync(extension);
        var usings = await started.SubmitAsync("using Fleetbook.Steps; using Fleetbook.Display; using Fleetbook.Charts; using Fleetbook.Journal;");
        Assert.True(usings.Succeeded, usings.Describe());
        return started;
    }

    public Task LoadAsync(FleetbookKernelExtension extension) => extension.OnLoadAsync(CSharp);

    /// <summary>Runs one cell and returns every event it published, in order.</summary>
    public async Task<CellEvents> SubmitAsync(string code, CancellationToken cancellationToken = default)
    {
        var result = await _kernel.SendAsync(new SubmitCode(code), cancellationToken);
        return new CellEvents(result.Events);
    }

    /// <summary>What the front end sends when the user stops a running cell.</summary>
    public Task CancelAsync() => _kernel.SendAsync(new Cancel());

    /// <summary>Completes with the first event of type <typeparamref name="T"/> the kernel publishes from now on.</summary>
    public Task<T> NextAsync<T>() where T : KernelEvent
    {
        var next = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        IDisposable? subscription = null;
        subscription = _kernel.KernelEvents.Subscribe(new Observer(e =>
        {
            if (e is T match && next.TrySetResult(match))
            {
                subscription?.Dispose();
            }
        }));
        return next.Task;
    }

    public void Dispose() => _kernel.Dispose();

    private sealed class Observer(Action<KernelEvent> next) : IObserver<KernelEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(KernelEvent value) => next(value);
    }
}

/// <summary>The hosts the tests play, as the extension recognises them in the process that runs the kernel.</summary>
internal static class Hosts
{
    private const string App = "/root/.dotnet/tools/.store/microsoft.dotnet-interactive/1.0.712001/microsoft.dotnet-interactive/1.0.712001/tools/net10.0/any/Microsoft.DotNet.Interactive.App.dll";

    internal static DisplayHost VsCode { get; } = DisplayHost.Of(DisplayHost.Interactive, [App, "stdio", "--default-kernel", "csharp"]);

    internal static DisplayHost Jupyter { get; } = DisplayHost.Of(DisplayHost.Interactive, [App, "jupyter", "--default-kernel", "csharp", "/tmp/connection.json"]);

    internal static DisplayHost Repl { get; } = DisplayHost.Of(DisplayHost.Repl, ["/root/.dotnet/tools/dotnet-repl"]);
}

/// <summary>What one cell published.</summary>
internal sealed record CellEvents(IReadOnlyList<KernelEvent> All)
{
    /// <summary>The outputs: displayed values, their updates and the cell's value.</summary>
    public IReadOnlyList<DisplayEvent> Outputs => [.. All.OfType<DisplayEvent>().Where(e => e is DisplayedValueProduced or DisplayedValueUpdated or ReturnValueProduced)];

    public CommandFailed? Failure => All.OfType<CommandFailed>().FirstOrDefault();

    public bool Succeeded => Failure is null && All.OfType<CommandSucceeded>().Any();

    /// <summary>One line per event, for assertion messages.</summary>
    public string Describe() => string.Join("\n", All.Select(e => e switch
    {
        CommandFailed failed => $"{e.GetType().Name}: {failed.Message}",
        DisplayEvent display => $"{e.GetType().Name} {display.ValueId}: {string.Join(", ", display.FormattedValues.Select(v => v.MimeType))}",
        _ => e.GetType().Name,
    }));
}

internal static class DisplayEventExtensions
{
    public static string Formatted(this DisplayEvent display, string mimeType) =>
        display.FormattedValues.SingleOrDefault(v => v.MimeType == mimeType)?.Value
        ?? throw new Xunit.Sdk.XunitException($"{display.GetType().Name} has no {mimeType}; it has {string.Join(", ", display.MimeTypes())}.");

    public static IReadOnlyList<string> MimeTypes(this DisplayEvent display) => [.. display.FormattedValues.Select(v => v.MimeType)];
}
