namespace Fleetbook.Display;

/// <summary>
/// .NET Interactive finds formatters through an attribute it matches <em>by name</em>
/// (<c>Formatter.TryRegisterFromConventionBasedFormatterSources</c>: <c>a.GetType().Name == "TypeFormatterSourceAttribute"</c>),
/// so declaring our own keeps the library free of any interactive package. It reads <see cref="FormatterSourceType"/>
/// and <see cref="PreferredMimeTypes"/> by reflection; the shape mirrors Microsoft.DotNet.Interactive.Formatting's.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = true, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute : Attribute
{
    public TypeFormatterSourceAttribute(Type formatterSourceType)
    {
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>Created with <c>Activator.CreateInstance</c>; must have a public <c>CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>Passed to <c>Formatter.SetPreferredMimeTypesFor</c>: a notebook gets both, a console picks the text.</summary>
    public string[] PreferredMimeTypes { get; set; } = [MimeTypes.Html, MimeTypes.PlainText];
}
