using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Fleetbook.Notebooks.Display;

/// <summary>One formatter found through a <c>TypeFormatterSourceAttribute</c>: writes one MIME type for values of one type.</summary>
internal sealed record ConventionFormatter(string MimeType, Type AppliesTo, Func<object, TextWriter, bool> Format);

/// <summary>The formatters a type declares, and the MIME types it prefers, by .NET Interactive's convention.</summary>
internal sealed record TypeFormatters(IReadOnlyList<ConventionFormatter> Formatters, IReadOnlyList<string> PreferredMimeTypes)
{
    public static TypeFormatters None { get; } = new([], []);
}

/// <summary>
/// Finds formatters the way .NET Interactive does for libraries that don't reference it: an attribute whose type is
/// NAMED <c>TypeFormatterSourceAttribute</c> (any namespace, any visibility) names a source type; the source's
/// <c>CreateTypeFormatters()</c> returns objects with a <c>MimeType</c> property, an optional <c>Type</c> property and a
/// <c>bool Format(object, TextWriter)</c> method. Everything is reflection, so no package is shared.
/// </summary>
internal static class FormatterSources
{
    public const string AttributeName = "TypeFormatterSourceAttribute";

    private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;

    private static readonly ConcurrentDictionary<Type, TypeFormatters> Cache = new();

    public static TypeFormatters For(Type type) => Cache.GetOrAdd(type, Discover);

    private static TypeFormatters Discover(Type type)
    {
        var attributes = type.GetCustomAttributes(inherit: true).Where(a => a.GetType().Name == AttributeName).ToList();
        if (attributes.Count == 0)
        {
            return TypeFormatters.None;
        }

        var formatters = new List<ConventionFormatter>();
        var preferred = new List<string>();
        foreach (var attribute in attributes)
        {
            var sourceType = attribute.GetType().GetProperty("FormatterSourceType", Members)?.GetValue(attribute) as Type
                ?? throw new InvalidOperationException($"{attribute.GetType().FullName} on {type.FullName} has no FormatterSourceType property naming the formatter source.");
            preferred.AddRange(attribute.GetType().GetProperty("PreferredMimeTypes", Members)?.GetValue(attribute) as string[] ?? []);
            formatters.AddRange(FromSource(sourceType, type));
        }

        return new TypeFormatters(formatters, preferred.Distinct().ToList());
    }

    private static IEnumerable<ConventionFormatter> FromSource(Type sourceType, Type annotated)
    {
        object source;
        IEnumerable created;
        try
        {
            source = Activator.CreateInstance(sourceType, nonPublic: true)
                ?? throw new InvalidOperationException("Activator returned null.");
            var create = sourceType.GetMethod("CreateTypeFormatters", Members, Type.EmptyTypes)
                ?? throw new InvalidOperationException("it has no CreateTypeFormatters() method.");
            created = create.Invoke(source, null) as IEnumerable
                ?? throw new InvalidOperationException("CreateTypeFormatters() returned no sequence.");
        }
        catch (Exception e) when (e is InvalidOperationException or TargetInvocationException or MissingMethodException or MemberAccessException)
        {
            var reason = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
            throw new InvalidOperationException($"The formatter source {sourceType.FullName} for {annotated.FullName} could not be used: {reason}", e);
        }

        foreach (var formatter in created)
        {
            if (formatter is not null && Describe(formatter, annotated) is { } described)
            {
                yield return described;
            }
        }
    }

    private static ConventionFormatter? Describe(object formatter, Type annotated)
    {
        var type = formatter.GetType();
        if (type.GetProperty("MimeType", Members)?.GetValue(formatter) is not string mimeType)
        {
            return null;
        }

        var appliesTo = type.GetProperty("Type", Members)?.GetValue(formatter) as Type ?? annotated;
        var format = type.GetMethods(Members).FirstOrDefault(m =>
            m.Name == "Format"
            && m.GetParameters() is [var instance, var writer]
            && writer.ParameterType == typeof(TextWriter)
            && instance.ParameterType.IsAssignableFrom(appliesTo));
        if (format is null)
        {
            return null;
        }

        return new ConventionFormatter(mimeType, appliesTo, (value, writer) =>
        {
            try
            {
                return format.Invoke(formatter, [value, writer]) is not false;
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidOperationException($"The {mimeType} formatter {type.FullName} failed on a {value.GetType().Name}: {e.InnerException.Message}", e.InnerException);
            }
        });
    }
}
