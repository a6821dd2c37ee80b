using Fleetbook.Display;
using Fleetbook.Interactive;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Directives;

namespace Fleetbook.Tests.Interactive;

/// <summary>Loading the extension never makes <c>#r "nuget: Fleetbook"</c> fail, and loading it again changes nothing.</summary>
public sealed class ExtensionLoadingTests
{
    [Fact]
    public async Task A_part_the_kernel_refuses_leaves_the_others_loaded_and_the_cell_gets_one_line_saying_so()
    {
        // Arrange: something else already took the name #!fleetbook.
        var taken = new KernelActionDirective("#!fleetbook") { KernelCommandType = typeof(OtherCommand) };

        // Act
        using var kernel = await InProcessKernel.StartAsync(beforeLoading: k => k.AddDirective<OtherCommand>(taken, (_, _) => Task.CompletedTask));
        var figure = await kernel.SubmitAsync("""Figure.Of(Trace.Bar("b", Values.Labels(new[] { "a" }), Values.Numbers(new[] { 1.0 })))""");

        // Assert
        var note = Assert.Single(kernel.Notes);
        Assert.StartsWith("Fleetbook: this kernel could not take #!fleetbook (ArgumentException: ", note);
        Assert.DoesNotContain('\n', note);
        Assert.Equal(MimeTypes.Plotly, Assert.Single(figure.Outputs).MimeTypes()[0]);
    }

    [Fact]
    public async Task Loading_it_again_from_another_language_adds_nothing_twice()
    {
        // Arrange
        using var kernel = await InProcessKernel.StartAsync();

        // Act
        await kernel.LoadAsync(new FleetbookKernelExtension(Hosts.VsCode, note: kernel.Notes.Add));
        var usage = await kernel.SubmitAsync("#!fleetbook");

        // Assert
        Assert.Empty(kernel.Notes);
        Assert.True(usage.Succeeded, usage.Describe());
        Assert.Single(usage.Outputs);
    }

    public sealed class OtherCommand : Microsoft.DotNet.Interactive.Commands.KernelDirectiveCommand;
}
