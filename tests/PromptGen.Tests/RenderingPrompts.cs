namespace PromptGen.Tests;

public sealed record Customer(string Name, string? Tier, Address? Address);

public sealed record Address(string City);

public sealed record Line(string Product, int Quantity, decimal Price, IReadOnlyList<string> Tags);

public sealed record Order(Customer Customer, IReadOnlyList<Line> Lines, DateTime PlacedAt, decimal? Discount);

// Annotated non-nullable throughout: a null still arrives at run time (null!, a deserializer) and must render as empty.
public sealed record Home(string City, int Floor);

public sealed record Resident(string Name, Home Home, IReadOnlyList<Home> Previous);

/// <summary>One method per construct of the template language, implemented by the generator.</summary>
[PromptClient]
[Model("m")]
public partial interface IRenderingPrompts
{
    [Prompt("Hello {{customer.Name}} from {{customer.Address.City}} ({{customer.Tier}}).")]
    Task<string> MemberPathsAsync(Customer customer);

    [Prompt("{{amount:N2}} | {{when:yyyy-MM-dd HH:mm}} | {{ratio:P1}} | {{count}} | {{big:N0}} | {{maybe:F1}}")]
    Task<string> FormatsAsync(decimal amount, DateTime when, double ratio, int count, long big, double? maybe);

    [Prompt("""
        Order for {{order.Customer.Name}}:
        {{#each order.Lines}}
        {{@index}}. {{this.Quantity}} x {{this.Product}} at {{this.Price:N2}}{{#if this.Tags}} [{{#each this.Tags}}{{#if @index}}, {{/if}}{{this}}{{/each}}]{{/if}}
        {{/each}}
        {{#if order.Discount}}
        Discount: {{order.Discount:N2}}
        {{else}}
        No discount.
        {{/if}}
        Done.
        """)]
    Task<string> NestedSectionsAsync(Order order);

    [Prompt("""
        Start
          {{#if flag}}
          inside
          {{/if}}
        {{! a comment on its own line }}
        End
        """)]
    Task<string> StandaloneLinesAsync(bool flag);

    [Prompt("Literal \\{{name}} and {{name}} and \\{{ alone{{! hidden }}{{!-- long {{name}} }} comment --}}.")]
    Task<string> EscapesAndCommentsAsync(string name);

    [Prompt("[{{text}}] [{{number}}] [{{#if text}}has text{{else}}no text{{/if}}] [{{#each items}}{{this}};{{/each}}] [{{#if items}}items{{else}}no items{{/if}}]")]
    Task<string> NullsAsync(string? text, int? number, List<string>? items);

    [Prompt("{{#if yes}}Y{{/if}}{{#if no}}N{{/if}}|{{#if empty}}E{{else}}e{{/if}}|{{#if full}}F{{/if}}|{{#if none}}X{{else}}x{{/if}}|{{#if some}}S{{/if}}")]
    Task<string> TruthinessAsync(bool yes, bool no, string empty, List<int> full, object? none, object some);

    [SystemPrompt("You answer questions about {{product}} in {{language}}.")]
    [Prompt("{{question}}")]
    Task<string> SystemTemplateAsync(string product, string language, string question);

    [Prompt("{{#each scores}}{{this.Key}}={{this.Value:F2}} {{/each}}")]
    Task<string> DictionaryAsync(Dictionary<string, double> scores);

    [Prompt("[{{customer.Home.City}}] [{{customer.Home.Floor}}] [{{#each customer.Previous}}{{this.City}} {{this.Floor}};{{/each}}] [{{#if customer.Home.City}}city{{else}}no city{{/if}}]")]
    Task<string> NonNullablePathAsync(Resident customer);

    [Prompt("{{#if customer}}Hello {{customer.Name}} from {{/if}}{{customer.Home.City}}.")]
    Task<string> IfThenPathAsync(Resident customer);
}
