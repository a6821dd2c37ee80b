using System.Text.Json.Nodes;

namespace Fleetbook.Backends.Aws.Protocol;

/// <summary>Finds the modeled shape of an error code.</summary>
internal static class ErrorShapes
{
    /// <summary>The operation's error shape (or else any exception shape of the model) named by one of the codes, directly or through its error.code trait.</summary>
    public static ShapeModel? Find(ServiceModel model, OperationModel operation, params string?[] codes)
    {
        foreach (var code in codes)
        {
            if (code is null)
            {
                continue;
            }

            foreach (var name in operation.Errors)
            {
                if (model.Shapes.TryGetValue(name, out var shape) && Matches(shape, code))
                {
                    return shape;
                }
            }

            foreach (var shape in model.Shapes.Values)
            {
                if (shape.Exception && Matches(shape, code))
                {
                    return shape;
                }
            }
        }

        return null;
    }

    /// <summary>The error's modeled fields, or none when they do not read as modeled: the code and message matter more.</summary>
    public static JsonObject ReadFields(Func<JsonObject> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is FormatException or OverflowException or InvalidOperationException or InvalidDataException or System.Text.Json.JsonException)
        {
            return [];
        }
    }

    private static bool Matches(ShapeModel shape, string code) =>
        shape.Name == code || shape.ErrorCode == code;
}
