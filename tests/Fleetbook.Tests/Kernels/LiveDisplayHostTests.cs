using System.Reflection;
using System.Runtime.Loader;
using Fleetbook.Display;
using Fleetbook.Tests.Display;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Fleetbook.Tests.Kernels;

/// <summary>
/// How monitor finds a notebook host's live display: registered hosts first (Fleetbook's .NET Interactive extension is
/// one), else .NET Interactive by name, which can only show the view once, at the end.
/// </summary>
public sealed class LiveDisplayHostTests
{
    /// <summary>
    /// The part of .NET Interactive the reflection fallback uses, with its names and signatures (dotnet/interactive:
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
    public void Dotnet_interactive_without_the_extension_shows_the_monitor_once_at_the_end_and_only_while_a_cell_runs()
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
            display!.Show(DisplayFixtures.LiveRunning);
            display.Show(DisplayFixtures.LiveRunning);
            display.Show(DisplayFixtures.LiveFinished);
            display.Show(DisplayFixtures.LiveFinished);

            // Assert: its DisplayedValue.Update publishes under a new id, which no front end matches, so it is never called.
            Assert.Null(outsideACell);
            Assert.Equal(["display text/html,text/plain " + DisplayFixtures.LiveFinished], calls);
        }
        finally
        {
            // Unloading is not immediate: the assembly stays among the loaded ones for a while, so no cell may be left running.
            contextType.GetProperty("Current")!.SetValue(null, null);
            context.Unload();
        }
    }

    [Fact]
    public void A_registered_host_is_asked_before_dotnet_interactive_the_newest_first_until_its_registration_is_disposed()
    {
        // Arrange
        var older = new RecordingDisplay();
        var newer = new RecordingDisplay();
        var newerHasACell = false;
        using var olderRegistration = LiveDisplays.RegisterHost(() => older);
        ILiveDisplay? whileNewerHasNoCell;
        ILiveDisplay? whileNewerHasACell;
        using (LiveDisplays.RegisterHost(() => newerHasACell ? newer : null))
        {
            // Act
            whileNewerHasNoCell = LiveDisplays.Detect();
            newerHasACell = true;
            whileNewerHasACell = LiveDisplays.Detect();
        }

        var afterDisposal = LiveDisplays.Detect();

        // Assert
        Assert.Same(older, whileNewerHasNoCell);
        Assert.Same(newer, whileNewerHasACell);
        Assert.Same(older, afterDisposal);
    }

    [Fact]
    public void A_final_only_display_shows_nothing_while_the_monitor_runs_then_its_result_once()
    {
        // Arrange
        var shown = new List<object>();
        var display = LiveDisplays.FinalOnly(shown.Add);

        // Act
        display.Show(DisplayFixtures.LiveRunning);
        display.Show("not a monitor view");
        var whileRunning = shown.Count;
        display.Show(DisplayFixtures.LiveFinished);
        display.Show(DisplayFixtures.LiveFinished);

        // Assert
        Assert.Equal(0, whileRunning);
        Assert.Same(DisplayFixtures.LiveFinished, Assert.Single(shown));
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
}
