using System.Globalization;

namespace PromptGen.Tests;

/// <summary>Generated methods called at run time render exactly the prompt text the design specifies.</summary>
public class RenderingTests
{
    private readonly RecordingConverseClient _client = new("ok");

    private IRenderingPrompts Prompts => IRenderingPrompts.Create(_client);

    private string UserText => _client.Requests.Single().Messages.Single().Content.Single().Text!;

    [Fact]
    public async Task MemberPaths_WalkPropertiesAndRenderNullAsEmpty()
    {
        await Prompts.MemberPathsAsync(new Customer("Ada", null, null));

        Assert.Equal("Hello Ada from  ().", UserText);
    }

    [Fact]
    public async Task MemberPaths_ThroughNestedObjects()
    {
        await Prompts.MemberPathsAsync(new Customer("Ada", "Gold", new Address("London")));

        Assert.Equal("Hello Ada from London (Gold).", UserText);
    }

    [Fact]
    public async Task Formats_UseTheInvariantCulture_UnderGerman()
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("de-DE");
        try
        {
            await Prompts.FormatsAsync(1234.5m, new DateTime(2026, 11, 25, 14, 5, 0), 0.125, -42, 9876543210, null);

            Assert.Equal("1,234.50 | 2026-11-25 14:05 | 12.5 % | -42 | 9,876,543,210 | ", UserText);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    [Fact]
    public async Task NestedSections_StandaloneLines_IndexAndElse()
    {
        var order = new Order(
            new Customer("Ada", "Gold", null),
            [new Line("Tea", 2, 3.5m, ["hot", "green"]), new Line("Cake", 1, 4m, [])],
            new DateTime(2026, 1, 2),
            null);

        await Prompts.NestedSectionsAsync(order);

        Assert.Equal(
            """
            Order for Ada:
            0. 2 x Tea at 3.50 [hot, green]
            1. 1 x Cake at 4.00
            No discount.
            Done.
            """,
            UserText);
    }

    [Fact]
    public async Task NestedSections_IfBranchTaken()
    {
        var order = new Order(new Customer("Bo", null, null), [], new DateTime(2026, 1, 2), 1.5m);

        await Prompts.NestedSectionsAsync(order);

        Assert.Equal(
            """
            Order for Bo:
            Discount: 1.50
            Done.
            """,
            UserText);
    }

    [Theory]
    [InlineData(true, "Start\n  inside\nEnd")]
    [InlineData(false, "Start\nEnd")]
    public async Task StandaloneTagsAndComments_RemoveTheirWholeLine(bool flag, string expected)
    {
        await Prompts.StandaloneLinesAsync(flag);

        Assert.Equal(expected, UserText);
    }

    [Fact]
    public async Task Escapes_RenderBracesLiterally_AndCommentsRenderNothing()
    {
        await Prompts.EscapesAndCommentsAsync("Ada");

        Assert.Equal("Literal {{name}} and Ada and {{ alone.", UserText);
    }

    [Fact]
    public async Task Nulls_RenderAsEmpty_AndAreFalsy()
    {
        await Prompts.NullsAsync(null, null, null);

        Assert.Equal("[] [] [no text] [] [no items]", UserText);
    }

    [Fact]
    public async Task Values_ContainingTemplateSyntax_AreInsertedAsData()
    {
        await Prompts.NullsAsync("{{text}} }} {{#each items}}{{/each}} \\{{", 7, ["{{this}}", "}}{{"]);

        Assert.Equal("[{{text}} }} {{#each items}}{{/each}} \\{{] [7] [has text] [{{this}};}}{{;] [items]", UserText);
    }

    [Fact]
    public async Task Truthiness_FollowsTheDesign()
    {
        await Prompts.TruthinessAsync(true, false, "", [1], null, new object());

        Assert.Equal("Y|e|F|x|S", UserText);
    }

    [Fact]
    public async Task SystemPrompt_IsATemplateBoundToTheMethodsParameters()
    {
        await Prompts.SystemTemplateAsync("PromptGen", "French", "What is it?");

        var request = _client.Requests.Single();
        Assert.Equal("You answer questions about PromptGen in French.", request.System!.Single().Text);
        Assert.Equal("What is it?", UserText);
    }

    [Fact]
    public async Task Each_OverADictionary_SeesKeyAndValue()
    {
        await Prompts.DictionaryAsync(new Dictionary<string, double> { ["a"] = 1, ["b"] = 0.5 });

        Assert.Equal("a=1.00 b=0.50 ", UserText);
    }

    [Fact]
    public async Task NullInsideANonNullablePath_RendersAsEmpty()
    {
        await Prompts.NonNullablePathAsync(new Resident("Ada", null!, [null!, new Home("Paris", 2)]));

        Assert.Equal("[] [] [ ;Paris 2;] [no city]", UserText);
    }

    [Fact]
    public async Task NullRootOfANonNullablePath_RendersAsEmpty()
    {
        await Prompts.NonNullablePathAsync(null!);

        Assert.Equal("[] [] [] [no city]", UserText);
    }

    [Fact]
    public async Task IfThenPath_OnANonNullableParameter()
    {
        await Prompts.IfThenPathAsync(new Resident("Ada", new Home("London", 3), []));

        Assert.Equal("Hello Ada from London.", UserText);
    }

    [Fact]
    public async Task IfThenPath_OnANullPassedAgainstTheAnnotation()
    {
        await Prompts.IfThenPathAsync(null!);

        Assert.Equal(".", UserText);
    }
}
