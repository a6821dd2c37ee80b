using Fleetbook.Display;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;

namespace Fleetbook.Interactive;

/// <summary>Fleetbook values as the kernel's display events: HTML and plain text, formatted by the registered formatters.</summary>
internal static class KernelOutput
{
    private static readonly string[] MimeTypesShown = [MimeTypes.Html, MimeTypes.PlainText];

    public static IReadOnlyList<FormattedValue> Format(object value) => FormattedValue.CreateManyFromObject(value, MimeTypesShown);

    public static void Display(KernelInvocationContext context, object value) =>
        context.Publish(new DisplayedValueProduced(value, context.Command, Format(value), Guid.NewGuid().ToString("N")));
}
