using Fleetbook.Interactive;

namespace Fleetbook.Tests.Interactive;

/// <summary>Which program runs the kernel, as the extension tells from its own process (the command lines are those seen on this machine).</summary>
public sealed class DisplayHostTests
{
    [Fact]
    public void Dotnet_repl_neither_updates_outputs_in_place_nor_keeps_plotly_json()
    {
        // Act
        var host = Hosts.Repl;

        // Assert
        Assert.Equal(new DisplayHost(UpdatesInPlace: false, KeepsPlotlyJson: false), host);
    }

    [Fact]
    public void Jupyter_updates_outputs_in_place_but_sends_plotly_json_as_a_string()
    {
        // Act
        var host = Hosts.Jupyter;

        // Assert
        Assert.Equal(new DisplayHost(UpdatesInPlace: true, KeepsPlotlyJson: false), host);
    }

    [Fact]
    public void Vs_code_and_any_other_host_update_in_place_and_keep_plotly_json()
    {
        // Act
        var vsCode = Hosts.VsCode;
        var ownProgram = DisplayHost.Of("MyNotebookServer", ["MyNotebookServer.dll", "jupyter"]);

        // Assert
        Assert.Equal(DisplayHost.Default, vsCode);
        Assert.Equal(DisplayHost.Default, ownProgram);
    }
}
