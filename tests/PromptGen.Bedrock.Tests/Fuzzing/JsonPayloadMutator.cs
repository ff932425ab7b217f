using System.Text;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>
/// Mutates a JSON payload at the token level: strings replaced by invalid UTF-8 or lone surrogates, numbers by
/// out-of-range values, values by other JSON types, documents truncated, nested deeply or trailed by garbage.
/// </summary>
internal static class JsonPayloadMutator
{
    private static readonly byte[][] s_stringContents =
    [
        [], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], "\\ud800"u8.ToArray(), "\\udc00\\ud800"u8.ToArray(),
        "\\u00zz"u8.ToArray(), "\\"u8.ToArray(), "\\x"u8.ToArray(), "a\"b"u8.ToArray(), [0x00], [0x0A],
        Encoding.UTF8.GetBytes(new string('a', 5000)), "\u00e9\u4e2d\ud83d\ude00"u8.ToArray(), "!!not base64!!"u8.ToArray(),
    ];

    private static readonly string[] s_values =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "-1e400", "2147483648", "-2147483649", "9223372036854775808",
        "\"\"", "\"x\"", "{}", "[]", "[null]", "{\"text\":\"a\"}", "{\"a\":{\"b\":[1,2,{}]}}", "\"aGVsbG8=\"",
        new string('[', 70) + new string(']', 70), new string('[', 1000),
    ];

    private static readonly string[] s_documents =
    [
        "", " ", "null", "{}", "[]", "\"x\"", "1", "{} {}", "{\"a\":1}x", "\uFEFF{}", "{\"a\":1,}", "{,}", "{\"a\"}",
        "{\"delta\":null}", "{\"delta\":{}}", "{\"delta\":{\"text\":1}}", "{\"delta\":{\"text\":null}}",
        "{\"delta\":{\"toolUse\":{\"input\":null}}}", "{\"delta\":{\"toolUse\":null}}",
        "{\"delta\":{\"reasoningContent\":{\"redactedContent\":\"!!\"}}}", "{\"delta\":{\"reasoningContent\":{\"redactedContent\":5}}}",
        "{\"delta\":{\"reasoningContent\":{\"text\":\"t\",\"signature\":\"s\",\"redactedContent\":\"aGk=\"}}}",
        "{\"delta\":{\"toolResult\":[{}]}}", "{\"delta\":{\"toolResult\":{}}}", "{\"delta\":{\"citation\":{}}}",
        "{\"delta\":{\"citation\":[]}}", "{\"delta\":{\"image\":{}}}", "{\"delta\":{\"image\":1}}",
        "{\"contentBlockIndex\":2147483648}", "{\"contentBlockIndex\":-1}", "{\"contentBlockIndex\":\"0\"}",
        "{\"role\":null}", "{\"role\":\"\"}", "{\"role\":5}", "{\"stopReason\":5}", "{\"stopReason\":null}",
        "{\"additionalModelResponseFields\":{\"a\":[1,{\"b\":null}]}}", "{\"additionalModelResponseFields\":null}",
        "{\"usage\":{\"inputTokens\":-1,\"outputTokens\":1e400}}", "{\"usage\":null}", "{\"metrics\":{\"latencyMs\":1e400}}",
        "{\"start\":{\"toolUse\":{\"toolUseId\":\"a\",\"name\":\"b\"}}}", "{\"start\":{\"image\":{}}}", "{\"start\":5}",
        "{\"trace\":{\"guardrail\":{}}}", "{\"message\":\"m\"}", "{\"message\":5}", "{\"message\":null}",
        "{\"Message\":\"m\",\"__type\":\"x#ThrottlingException\"}", "{\"originalStatusCode\":\"x\"}",
        "{\"originalStatusCode\":{\"message\":\"inner\"}}", "{\"originalStatusCode\":99999999999}",
    ];

    public static byte[] Mutate(Random random, byte[] json, out string change)
    {
        var scalars = FindScalars(json);
        switch (random.Next(8))
        {
            case 0 or 1 when scalars.Any(scalar => scalar.IsString):
            {
                var strings = scalars.Where(scalar => scalar.IsString).ToList();
                var (start, length, _) = strings[random.Next(strings.Count)];
                var content = s_stringContents[random.Next(s_stringContents.Length)];
                change = $"string at {start} = {Convert.ToHexString(content.AsSpan(0, Math.Min(content.Length, 16)))}";
                return [.. json.AsSpan(0, start), .. content, .. json.AsSpan(start + length)];
            }

            case 2 when scalars.Count > 0:
            {
                var (start, length, isString) = scalars[random.Next(scalars.Count)];
                if (isString)
                {
                    // The whole literal, quotes included.
                    start--;
                    length += 2;
                }

                var value = s_values[random.Next(s_values.Length)];
                change = $"value at {start} = {value[..Math.Min(value.Length, 24)]}";
                return [.. json.AsSpan(0, start), .. Encoding.UTF8.GetBytes(value), .. json.AsSpan(Math.Min(json.Length, start + length))];
            }

            case 3:
            {
                var length = random.Next(json.Length + 1);
                change = $"truncated to {length}";
                return json[..length];
            }

            case 4:
            {
                string[] tails = ["x", "}", " ", ",{}", "\0", "{}", "]"];
                var tail = tails[random.Next(tails.Length)];
                change = $"trailed by '{tail}'";
                return [.. json, .. Encoding.UTF8.GetBytes(tail)];
            }

            case 5:
            {
                var depth = random.Next(2) == 0 ? 63 : 65;
                change = $"nested {depth} deep";
                return [.. Encoding.UTF8.GetBytes(new string('[', depth)), .. json, .. Encoding.UTF8.GetBytes(new string(']', depth))];
            }

            case 6 when json.Length > 0:
            {
                var position = random.Next(json.Length);
                var value = (byte)random.Next(256);
                change = $"byte {position} = 0x{value:x2}";
                var result = (byte[])json.Clone();
                result[position] = value;
                return result;
            }

            default:
            {
                var document = s_documents[random.Next(s_documents.Length)];
                change = $"replaced by {document[..Math.Min(document.Length, 40)]}";
                return Encoding.UTF8.GetBytes(document);
            }
        }
    }

    // String contents (between the quotes) and number literals, found by a scan that honours escapes.
    private static List<(int Start, int Length, bool IsString)> FindScalars(byte[] json)
    {
        var scalars = new List<(int, int, bool)>();
        for (var index = 0; index < json.Length;)
        {
            var value = json[index];
            if (value == '"')
            {
                var end = index + 1;
                while (end < json.Length && json[end] != '"')
                {
                    end += json[end] == '\\' ? 2 : 1;
                }

                end = Math.Min(end, json.Length);
                scalars.Add((index + 1, end - index - 1, true));
                index = end + 1;
            }
            else if (value == '-' || char.IsAsciiDigit((char)value))
            {
                var end = index;
                while (end < json.Length && (char.IsAsciiDigit((char)json[end]) || json[end] is (byte)'-' or (byte)'+' or (byte)'.' or (byte)'e' or (byte)'E'))
                {
                    end++;
                }

                scalars.Add((index, end - index, false));
                index = end;
            }
            else
            {
                index++;
            }
        }

        return scalars;
    }
}
