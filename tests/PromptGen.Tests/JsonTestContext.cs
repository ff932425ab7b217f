using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptGen.Tests;

[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
internal sealed partial class JsonTestContext : JsonSerializerContext
{
}
