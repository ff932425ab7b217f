using System.Globalization;
using System.Text;
using System.Text.Json;
using Xunit.Sdk;

namespace PromptGen.Tests;

/// <summary>
/// Semantic JSON equality, the way the service reads a body: objects are equal when they have the same member
/// names (order ignored, no duplicates) with equal values; arrays element by element in order; strings ordinal
/// after unescaping; numbers by their decimal value (so <c>0.7</c> equals <c>0.70</c> and <c>1</c> equals
/// <c>1.0</c>); true, false and null by kind. A mismatch fails with the JSON path where the documents differ.
/// </summary>
internal static class JsonAssert
{
    public static void Equal(string expected, byte[] actual) => Equal(expected, Encoding.UTF8.GetString(actual));

    public static void Equal(string expected, string actual)
    {
        using var expectedDocument = JsonDocument.Parse(expected);
        using var actualDocument = JsonDocument.Parse(actual);
        Equal(expectedDocument.RootElement, actualDocument.RootElement, actual);
    }

    public static void Equal(JsonElement expected, JsonElement actual, string? actualText = null)
    {
        if (FirstDifference(expected, actual, "$") is { } difference)
        {
            throw new XunitException($"JSON differs at {difference}.{Environment.NewLine}Actual: {actualText ?? actual.GetRawText()}");
        }
    }

    public static string? FirstDifference(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: expected {expected.ValueKind} {expected.GetRawText()}, found {actual.ValueKind} {actual.GetRawText()}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedMembers = Members(expected, path);
                var actualMembers = Members(actual, path);
                foreach (var name in expectedMembers.Keys.Order(StringComparer.Ordinal))
                {
                    if (!actualMembers.TryGetValue(name, out var actualValue))
                    {
                        return $"{path}.{name}: missing";
                    }

                    if (FirstDifference(expectedMembers[name], actualValue, $"{path}.{name}") is { } difference)
                    {
                        return difference;
                    }
                }

                return actualMembers.Keys.Except(expectedMembers.Keys).Order(StringComparer.Ordinal).FirstOrDefault() is { } extra
                    ? $"{path}.{extra}: unexpected member {actualMembers[extra].GetRawText()}"
                    : null;
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: expected {expected.GetArrayLength()} elements, found {actual.GetArrayLength()}";
                }

                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    if (FirstDifference(expected[i], actual[i], $"{path}[{i}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.String:
                return string.Equals(expected.GetString(), actual.GetString(), StringComparison.Ordinal)
                    ? null
                    : $"{path}: expected \"{expected.GetString()}\", found \"{actual.GetString()}\"";
            case JsonValueKind.Number:
                return decimal.Parse(expected.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                    == decimal.Parse(actual.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture)
                    ? null
                    : $"{path}: expected {expected.GetRawText()}, found {actual.GetRawText()}";
            default:
                return null;
        }
    }

    private static Dictionary<string, JsonElement> Members(JsonElement element, string path)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!members.TryAdd(property.Name, property.Value))
            {
                throw new XunitException($"{path}.{property.Name}: duplicate member");
            }
        }

        return members;
    }
}
