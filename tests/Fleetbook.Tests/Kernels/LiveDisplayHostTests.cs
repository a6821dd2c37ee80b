using System.Reflection;
using System.Runtime.Loader;
using Fleetbook.Display;
using Fleetbook.Notebooks;
using Fleetbook.Notebooks.Display;
using Fleetbook.Tests.Display;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Fleetbook.Tests.Kernels;

/// <summary>Monitor finds the notebook host's live display by name: fleetbook-notebook's, and .NET Interactive's.</summary>
public sealed class LiveDisplayHostTests
{
    /// <summary>
    /// The part of .NET Interactive the live display uses, with its names and signatures (dotnet/interactive:
    /// System.DisplayExtensions in Microsoft.DotNet.Interactive; KernelInvocationContext.Current), recording each call.
    /// </summary>
    private const string FakeInteractive = """
        using System.Collections.Generic;
        namespace Microsoft.DotNet.Interactive
        {
            public class KernelInvocationContext
            {
                public static KernelInvocationContext Current { get; set; }
            }

            public class DisplayedValue
            {
                public static readonly List<string> Calls = new List<string>();
                public void Update(object updatedValue) => Calls.Add("update " + updatedValue);
            }
        }

        namespace System
        {
            public static class DisplayExtensions
            {
                public static Microsoft.DotNet.Interactive.DisplayedValue Display(this object value, params string[] mimeTypes)
                {
                    Microsoft.DotNet.Interactive.DisplayedValue.Calls.Add("display " + string.Join(",", mimeTypes) + " " + value);
                    return new Microsoft.DotNet.Interactive.DisplayedValue();
                }
            }
        }
        """;

    [Fact]
    public void Dotnet_interactive_is_used_only_while_a_cell_runs_and_its_displayed_value_is_updated_in_place()
    {
        // Arrange
        var context = new AssemblyLoadContext("fake-interactive", isCollectible: true);
        var assembly = Compile(context, "Microsoft.DotNet.Interactive", FakeInteractive);
        var contextType = assembly.GetType("Microsoft.DotNet.Interactive.KernelInvocationContext")!;
        try
        {
            var calls = (List<string>)assembly.GetType("Microsoft.DotNet.Interactive.DisplayedValue")!.GetField("Calls")!.GetValue(null)!;

            // Act
            var outsideACell = LiveDisplays.Detect([assembly]);
            contextType.GetProperty("Current")!.SetValue(null, Activator.CreateInstance(contextType));
            var display = LiveDisplays.Detect([assembly]);
            display!.Show("first");
            display.Show("second");
            display.Show("third");

            // Assert
            Assert.Null(outsideACell);
            Assert.Equal(["display text/html,text/plain first", "update second", "update third"], calls);
        }
        finally
        {
            // Unloading is not immediate: the assembly stays among the loaded ones for a while, so no cell may be left running.
            contextType.GetProperty("Current")!.SetValue(null, null);
            context.Unload();
        }
    }

    [Fact]
    public void The_notebook_runner_is_used_only_while_it_records_a_notebook_and_updates_one_display_id()
    {
        // Arrange
        var runner = typeof(Displays).Assembly;
        var sink = new RecordingSink();
        var original = Displays.Sink;

        // Act
        var notRecording = LiveDisplays.Detect([runner]);
        ILiveDisplay? display;
        Displays.Sink = sink;
        try
        {
            display = LiveDisplays.Detect([runner]);
            display!.Show(DisplayFixtures.LiveRunning);
            display.Show(DisplayFixtures.LiveFinished);
        }
        finally
        {
            Displays.Sink = original;
        }

        // Assert
        Assert.Null(notRecording);
        Assert.Equal([DisplayKind.Display, DisplayKind.Update], sink.Messages.Select(m => m.Kind));
        Assert.Single(sink.Messages.Select(m => m.DisplayId).Distinct());
        Assert.Equal(["text/html", "text/plain"], sink.Messages[1].Data.Entries.Select(e => e.Key));
        Assert.Contains("1 job in the dead-letter queue", sink.Messages[1].Data["text/plain"]);
    }

    private static Assembly Compile(AssemblyLoadContext context, string name, string source)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is "System.Runtime.dll" or "System.Private.CoreLib.dll" or "System.Collections.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var image = new MemoryStream();
        var emitted = compilation.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        image.Position = 0;
        return context.LoadFromStream(image);
    }

    private sealed class RecordingSink : IDisplaySink
    {
        public List<DisplayMessage> Messages { get; } = [];

        public void Publish(DisplayMessage message) => Messages.Add(message);
    }
}
