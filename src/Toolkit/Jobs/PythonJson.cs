using System.Globalization;
using System.Text;
using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>
/// Prints a parsed JSON value the way Python does after <c>json.load</c>: <see cref="Dumps"/> as
/// <c>json.dumps(value)</c> with default arguments, <see cref="Str"/> as <c>str(value)</c>.
/// DS/DCP send <c>json.dumps</c> output as the SQS message body, so ours must match it byte for byte.
/// </summary>
public static class PythonJson
{
    public static string Dumps(SourceNode node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>Python's <c>str()</c> of the loaded value: strings raw, <c>True</c>/<c>False</c>/<c>None</c>, numbers as Python prints them.</summary>
    /// <remarks>Lists and objects are printed as JSON, an approximation of Python's repr.</remarks>
    public static string Str(SourceNode node) => node.Kind switch
    {
        SourceKind.String => node.Text!,
        SourceKind.Number => PythonNumber.Format(node.Text!, json: false),
        SourceKind.True => "True",
        SourceKind.False => "False",
        SourceKind.Null => "None",
        _ => Dumps(node),
    };

    internal static void Write(StringBuilder text, SourceNode node)
    {
        switch (node.Kind)
        {
            case SourceKind.Object:
                text.Append('{');
                var firstProperty = true;
                foreach (var property in PythonDict.Entries(node))
                {
                    if (!firstProperty)
                    {
                        text.Append(", ");
                    }

                    firstProperty = false;
                    WriteString(text, property.Name);
                    text.Append(": ");
                    Write(text, property.Value);
                }

                text.Append('}');
                break;
            case SourceKind.Array:
                text.Append('[');
                for (var i = 0; i < node.Items.Count; i++)
                {
                    if (i > 0)
                    {
                        text.Append(", ");
                    }

                    Write(text, node.Items[i]);
                }

                text.Append(']');
                break;
            case SourceKind.String:
                WriteString(text, node.Text!);
                break;
            case SourceKind.Number:
                text.Append(PythonNumber.Format(node.Text!, json: true));
                break;
            case SourceKind.True:
                text.Append("true");
                break;
            case SourceKind.False:
                text.Append("false");
                break;
            default:
                text.Append("null");
                break;
        }
    }

    /// <summary>A string literal with <c>ensure_ascii=True</c>: everything outside space..tilde escaped, lowercase hex.</summary>
    internal static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        var clean = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= ' ' and <= '~' and not '"' and not '\\')
            {
                continue;
            }

            text.Append(value, clean, i - clean);
            clean = i + 1;
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\b':
                    text.Append("\\b");
                    break;
                case '\f':
                    text.Append("\\f");
                    break;
                default:
                    text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
            }
        }

        text.Append(value, clean, value.Length - clean);
        text.Append('"');
    }

    internal static string QuoteString(string value)
    {
        var text = new StringBuilder(value.Length + 2);
        WriteString(text, value);
        return text.ToString();
    }
}
