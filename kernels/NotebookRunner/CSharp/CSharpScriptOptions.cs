using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Fleetbook.Notebooks.CSharp;

/// <summary>The references and usings a C# cell starts with: roughly what .NET Interactive's C# kernel gives.</summary>
internal static class CSharpScriptOptions
{
    public static readonly string[] Imports =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Text",
        "System.Text.Json", "System.Threading", "System.Threading.Tasks", "Fleetbook.Notebooks",
    ];

    // ScriptOptions.Default lacks System.Linq and friends; the facades below are what notebooks reach for.
    private static readonly string[] FrameworkAssemblies =
    [
        "System.Runtime", "System.Collections", "System.Collections.Concurrent", "System.Console", "System.Linq", "System.Linq.Expressions",
        "System.Net.Http", "System.Net.Primitives", "System.Text.Json", "System.Text.RegularExpressions", "System.Text.Encodings.Web",
        "System.Threading", "System.Threading.Tasks", "System.IO", "System.Memory", "System.ObjectModel", "System.ComponentModel.Primitives",
        "System.Runtime.Extensions", "System.Diagnostics.Process", "System.Globalization", "System.Web.HttpUtility", "System.Private.Uri",
        "netstandard", "mscorlib", "Microsoft.CSharp",
    ];

    public static ScriptOptions Create(string workingDirectory)
    {
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = FrameworkAssemblies
            .Select(name => Path.Combine(framework, name + ".dll"))
            .Where(File.Exists)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(object).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(CSharpGlobals).Assembly.Location));

        return ScriptOptions.Default
            .WithReferences(references)
            .WithImports(Imports)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory).WithSearchPaths(workingDirectory))
            .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(workingDirectory).WithSearchPaths(workingDirectory));
    }
}
