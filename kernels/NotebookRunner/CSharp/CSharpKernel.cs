using Fleetbook.Notebooks.Display;
using Fleetbook.Notebooks.Execution;
using Fleetbook.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace Fleetbook.Notebooks.CSharp;

/// <summary>C# cells through Roslyn scripting: one script state, continued cell to cell, in this process.</summary>
internal sealed class CSharpKernel(string workingDirectory) : ICellKernel
{
    private readonly ScriptOptions _options = CSharpScriptOptions.Create(workingDirectory);
    private readonly CSharpGlobals _globals = new();
    private ScriptState<object>? _state;

    public static string FileName(NotebookCell cell) => $"cell-{cell.Number}.csx";

    /// <summary>An empty first submission: Roslyn's one-time start-up cost is paid here, not by the first cell.</summary>
    public async Task<CellError?> StartAsync(CancellationToken cancellationToken)
    {
        _state ??= await CSharpScript.Create("", _options, typeof(CSharpGlobals)).RunAsync(_globals, cancellationToken: cancellationToken);
        return null;
    }

    public async Task<CellError?> RunAsync(NotebookCell cell, PreparedCode code, CancellationToken cancellationToken)
    {
        var options = _options.WithFilePath(Path.Combine(workingDirectory, FileName(cell)));
        var script = _state is null
            ? CSharpScript.Create(code.Code, options, typeof(CSharpGlobals))
            : _state.Script.ContinueWith(code.Code, options);

        var errors = script.Compile(cancellationToken).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            return CSharpErrors.FromDiagnostics(errors, FileName(cell));
        }

        // Script code runs synchronously up to its first await; a thread of its own lets the runner's timeout fire.
        var state = await Task.Run(
            () => _state is null
                ? script.RunAsync(_globals, _ => true, cancellationToken)
                : script.RunFromAsync(_state, _ => true, cancellationToken),
            cancellationToken);
        _state = state;
        if (state.Exception is { } exception)
        {
            return CSharpErrors.FromException(exception, FileName(cell));
        }

        if (HasValue(script, options.FilePath) && state.ReturnValue is not DisplayedValue)
        {
            Displays.Show(state.ReturnValue, [], DisplayKind.Result);
        }

        return null;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>True when the cell ends in an expression without a semicolon whose type is not void, as scripting defines it.</summary>
    private static bool HasValue(Script script, string cellPath)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == cellPath) ?? compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root
            || root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
        {
            return false;
        }

        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }
}
