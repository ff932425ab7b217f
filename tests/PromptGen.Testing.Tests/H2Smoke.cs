namespace PromptGen.Testing.Tests;

public sealed class H2Smoke
{
    [Fact]
    public async Task Smoke()
    {
        await using var emulator = await BedrockEmulator.StartAsync();
        using var client = new HttpClient();
        foreach (var version in new[] { System.Net.HttpVersion.Version11, System.Net.HttpVersion.Version20 })
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Endpoint, "/model/x/converse"))
            {
                Version = version,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new StringContent("{}"),
            };
            using var response = await client.SendAsync(message);
            Assert.Equal(version, response.Version);
            Assert.Equal(403, (int)response.StatusCode);
        }
    }
}
