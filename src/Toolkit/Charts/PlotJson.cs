using System.Text.Json;

namespace Fleetbook.Charts;

/// <summary>Small helpers for writing plotly's JSON: title objects and numbers that may be missing.</summary>
internal static class PlotJson
{
    public static void Number(Utf8JsonWriter json, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            json.WriteNumberValue(number);
        }
        else
        {
            json.WriteNullValue();
        }
    }

    /// <summary>plotly.js 3 dropped <c>title: "text"</c>; the object form has worked since 1.43.</summary>
    public static void Title(Utf8JsonWriter json, string? text)
    {
        if (text is null)
        {
            return;
        }

        json.WriteStartObject("title");
        json.WriteString("text", text);
        json.WriteEndObject();
    }

    public static void OptionalString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }

    public static void OptionalNumber(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } number)
        {
            json.WritePropertyName(name);
            Number(json, number);
        }
    }

    public static void Color(Utf8JsonWriter json, string objectName, string? color)
    {
        if (color is null)
        {
            return;
        }

        json.WriteStartObject(objectName);
        json.WriteString("color", color);
        json.WriteEndObject();
    }
}
