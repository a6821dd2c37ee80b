using System.Text;
using System.Text.Json;

namespace Fleetbook.Configuration;

/// <summary>The JSON Schema of fleetbook.json, built from <see cref="ConfigSchema"/> so editors complete and check the same keys the loader accepts.</summary>
public static class ConfigSchemaDocument
{
    public const string Id = "https://fleetbook.dev/schema/fleetbook.schema.json";

    public static string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", "https://json-schema.org/draft/2020-12/schema");
            writer.WriteString("$id", Id);
            writer.WriteString("title", "Fleetbook run configuration (fleetbook.json)");
            writer.WriteString("description", "One run of one program over many jobs. Keys mirror Distributed-Something's config.py; 'fleetbook import-ds config.py' converts one.");
            WriteObject(writer, ConfigSchema.Fields, new RunConfig { AppName = "" }, allowSchemaKey: true);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteObject(Utf8JsonWriter writer, IReadOnlyList<ConfigField> fields, RunConfig defaults, bool allowSchemaKey)
    {
        writer.WriteString("type", "object");
        writer.WriteBoolean("additionalProperties", false);
        writer.WriteStartArray("required");
        foreach (var field in fields.Where(f => f.Required))
        {
            writer.WriteStringValue(field.Name);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("properties");
        if (allowSchemaKey)
        {
            writer.WriteStartObject("$schema");
            writer.WriteString("type", "string");
            writer.WriteEndObject();
        }

        foreach (var field in fields)
        {
            writer.WriteStartObject(field.Name);
            var description = field.DsKey is null || field.Description.StartsWith(field.DsKey, StringComparison.Ordinal)
                ? field.Description
                : $"{field.DsKey}: {field.Description}";
            writer.WriteString("description", description);
            switch (field.Type)
            {
                case FieldType.String:
                    writer.WriteString("type", "string");
                    if (field.Name == "appName")
                    {
                        writer.WriteString("pattern", "^[A-Za-z][A-Za-z0-9_-]{0,59}$");
                    }

                    break;
                case FieldType.Enum:
                    writer.WriteString("type", "string");
                    writer.WriteStartArray("enum");
                    foreach (var allowed in field.Allowed!)
                    {
                        writer.WriteStringValue(allowed);
                    }

                    writer.WriteEndArray();
                    break;
                case FieldType.Integer:
                    writer.WriteString("type", "integer");
                    break;
                case FieldType.Number:
                    writer.WriteString("type", "number");
                    break;
                case FieldType.Boolean:
                    writer.WriteString("type", "boolean");
                    break;
                case FieldType.StringList:
                    writer.WriteString("type", "array");
                    writer.WriteStartObject("items");
                    writer.WriteString("type", "string");
                    writer.WriteEndObject();
                    if (field.Required)
                    {
                        writer.WriteNumber("minItems", 1);
                    }

                    break;
                case FieldType.StringMap:
                    writer.WriteString("type", "object");
                    writer.WriteStartObject("additionalProperties");
                    writer.WriteString("type", "string");
                    writer.WriteEndObject();
                    break;
                case FieldType.Object:
                    WriteObject(writer, field.Children!, defaults, allowSchemaKey: false);
                    break;
            }

            if (field.Minimum is double minimum)
            {
                writer.WriteNumber("minimum", minimum);
            }

            if (field.Maximum is double maximum)
            {
                writer.WriteNumber("maximum", maximum);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
