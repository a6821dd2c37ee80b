using System.Collections;
using System.Linq.Expressions;
using System.Reflection;

namespace Fleetbook.Tests.Display;

/// <summary>A formatter as .NET Interactive registers it from a convention-based source.</summary>
public sealed record DiscoveredFormatter(Type Type, string MimeType, Func<object, TextWriter, bool> Format);

/// <summary>
/// What Microsoft.DotNet.Interactive.Formatting's <c>Formatter.TryRegisterFromConventionBasedFormatterSources</c> does
/// (dotnet/interactive, src/Microsoft.DotNet.Interactive.Formatting/Formatter.cs), step for step, with no reference to
/// it: attributes matched by type name, the source made with <c>Activator.CreateInstance</c>, <c>CreateTypeFormatters</c>
/// found by name, each formatter's <c>MimeType</c>/<c>Type</c> read as properties and its single <c>Format</c> method
/// compiled as <c>Func&lt;object, TextWriter, bool&gt;</c>.
/// </summary>
public static class InteractiveConvention
{
    public static (IReadOnlyList<DiscoveredFormatter> Formatters, string[]? PreferredMimeTypes) Discover(Type type)
    {
        var formatters = new List<DiscoveredFormatter>();
        string[]? preferred = null;
        foreach (var attribute in type.GetCustomAttributes(true).Where(a => a.GetType().Name == "TypeFormatterSourceAttribute"))
        {
            if (TryGetPropertyValue<object>(attribute, "FormatterSourceType", out var sourceType) && sourceType is Type formatterSourceType)
            {
                formatters.AddRange(FromSource(formatterSourceType, type));
            }

            if (TryGetPropertyValue<string[]>(attribute, "PreferredMimeTypes", out var mimeTypes))
            {
                preferred = mimeTypes;
            }
        }

        return (formatters, preferred);
    }

    public static IReadOnlyList<DiscoveredFormatter> FromSource(Type formatterSourceType, Type annotatedType)
    {
        var formatters = new List<DiscoveredFormatter>();
        var source = Activator.CreateInstance(formatterSourceType)!;
        if (source.GetType().GetMethod("CreateTypeFormatters")!.Invoke(source, null) is not IEnumerable created)
        {
            return formatters;
        }

        foreach (var formatter in created)
        {
            if (!TryGetPropertyValue<string>(formatter, "MimeType", out var mimeType))
            {
                continue;
            }

            // GetMethod by name alone: a second public Format overload would throw AmbiguousMatchException here.
            var format = formatter.GetType().GetMethod("Format")!;
            var value = Expression.Parameter(typeof(object));
            var writer = Expression.Parameter(typeof(TextWriter));
            var call = Expression.Lambda<Func<object, TextWriter, bool>>(Expression.Call(Expression.Constant(formatter), format, value, writer), value, writer).Compile();
            if (!TryGetPropertyValue<Type>(formatter, "Type", out var formattedType))
            {
                formattedType = annotatedType;
            }

            formatters.Add(new DiscoveredFormatter(formattedType!, mimeType!, call));
        }

        return formatters;
    }

    public static string Write(DiscoveredFormatter formatter, object value)
    {
        using var writer = new StringWriter();
        Assert.True(formatter.Format(value, writer), $"the {formatter.MimeType} formatter declined a {value.GetType().Name}");
        return writer.ToString();
    }

    private static bool TryGetPropertyValue<T>(object fromObject, string propertyName, out T? value)
    {
        if (fromObject.GetType().GetProperty(propertyName) is { } property && property.GetGetMethod() is { } getter && getter.Invoke(fromObject, null) is T typed)
        {
            value = typed;
            return true;
        }

        value = default;
        return false;
    }
}
