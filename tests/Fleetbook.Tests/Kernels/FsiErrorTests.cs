using Fleetbook.Notebooks.FSharp;

namespace Fleetbook.Tests.Kernels;

public sealed class FsiErrorTests
{
    [Fact]
    public void Compile_errors_of_the_cell_are_read_with_their_position_and_warnings_are_not_failures()
    {
        // Arrange
        const string stderr = "\n/work/nb/cell-4.fsx(2,5): warning FS0020: The result of this expression has type 'int' and is implicitly ignored.\n\n/work/nb/cell-4.fsx(3,13): error FS0039: The value or constructor 'y' is not defined.\n";

        // Act
        var (error, output) = FsiErrors.Parse(stderr, "cell-4.fsx");

        // Assert
        Assert.Equal("CompilationError", error!.Name);
        Assert.Equal("(3,13): error FS0039: The value or constructor 'y' is not defined.", error.Message);
        Assert.Equal("", output);
    }

    [Fact]
    public void Warnings_alone_leave_the_cell_successful_and_are_kept_as_its_stderr()
    {
        // Arrange
        const string stderr = "/work/nb/cell-2.fsx(1,1): warning FS0020: The result of this expression has type 'int' and is implicitly ignored.\n";

        // Act
        var (error, output) = FsiErrors.Parse(stderr, "cell-2.fsx");

        // Assert
        Assert.Null(error);
        Assert.Equal(stderr, output);
    }

    [Fact]
    public void An_exception_is_read_from_fsis_report_and_the_cells_own_stderr_before_it_is_kept_apart()
    {
        // Arrange
        const string stderr = "checking the queue\nSystem.InvalidOperationException: the queue is empty\n   at FSI_0005.check() in /work/nb/cell-5.fsx:line 1\n   at <StartupCode$FSI_0005>.$FSI_0005.main@() in /work/nb/cell-5.fsx:line 2\n   at System.Reflection.MethodBaseInvoker.InterpretedInvoke_Method(Object obj, IntPtr* args)\nStopped due to error\n";

        // Act
        var (error, output) = FsiErrors.Parse(stderr, "cell-5.fsx");

        // Assert
        Assert.Equal("System.InvalidOperationException", error!.Name);
        Assert.Equal("the queue is empty (at line 1 of the cell)", error.Message);
        Assert.DoesNotContain(error.Traceback, l => l.Contains("System.Reflection", StringComparison.Ordinal));
        Assert.Equal("checking the queue\n", output);
    }
}
