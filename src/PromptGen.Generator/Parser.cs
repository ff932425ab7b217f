using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Model;
using PromptGen.Generator.Templates;

namespace PromptGen.Generator;

/// <summary>
/// Turns a [PromptClient] interface's symbols into a <see cref="PromptClientModel"/> plus diagnostics. This is the
/// only stage that sees Roslyn symbols; what it returns is plain equatable data.
/// </summary>
internal static class Parser
{
    private static readonly SymbolDisplayFormat s_typeFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (InterfaceDeclarationSyntax)context.TargetNode;
        if (declaration.Identifier.IsMissing || symbol.Name.Length == 0)
        {
            // The compiler already reports the broken declaration; there is nothing to name a file or a type after.
            return ParseResult.From(null, diagnostics);
        }

        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InterfaceNotPartial, LocationInfo.From(declaration.Identifier.GetLocation()), symbol.Name));
            return ParseResult.From(null, diagnostics);
        }

        var containingTypes = new List<ContainingTypeModel>();
        for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
        {
            if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InterfaceNotPartial, LocationInfo.From(parent.Identifier.GetLocation()), parent.Identifier.ValueText));
                return ParseResult.From(null, diagnostics);
            }

            var keyword = parent is RecordDeclarationSyntax record
                ? "record" + (record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? " struct" : "")
                : parent.Keyword.ValueText;
            containingTypes.Insert(0, new ContainingTypeModel(keyword, parent.Identifier.ValueText + parent.TypeParameterList?.ToString()));
        }

        var symbols = new KnownSymbols(context.SemanticModel.Compilation);
        var interfaceAttributes = AttributeSet.Read(symbol, cancellationToken);
        var methods = new List<PromptMethodModel>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var methodCount = 0;
        foreach (var type in new[] { symbol }.Concat(symbol.AllInterfaces))
        {
            foreach (var member in type.GetMembers())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!member.IsAbstract || member.IsStatic || !seen.Add(member))
                {
                    continue;
                }

                if (member is IMethodSymbol { MethodKind: MethodKind.Ordinary } candidate)
                {
                    methodCount++;
                    if (ContainsErrorType(candidate.ReturnType) || candidate.Parameters.Any(p => ContainsErrorType(p.Type)))
                    {
                        continue;
                    }
                }

                var method = ParseMember(member, symbol, interfaceAttributes, symbols, diagnostics, cancellationToken);
                if (method is not null)
                {
                    methods.Add(method);
                }
            }
        }

        if (interfaceAttributes.SystemPrompt?.Expression is { } interfaceSystemPrompt)
        {
            MergeDiagnosticsOfInterfaceTemplate(diagnostics, interfaceSystemPrompt);
        }

        // A method whose signature names a type the compiler cannot find already fails to compile; implementing it
        // would only repeat that error inside generated code.
        var hasErrors = diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            || methods.Count != methodCount
            || declaration.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error);
        var model = new PromptClientModel(
            HintName: HintName(symbol),
            Namespace: symbol.ContainingNamespace.IsGlobalNamespace ? null : symbol.ContainingNamespace.ToDisplayString(),
            ContainingTypes: containingTypes.ToEquatableArray(),
            InterfaceDeclarationName: declaration.Identifier.ValueText + declaration.TypeParameterList?.ToString(),
            FullyQualifiedName: symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            HasErrors: hasErrors,
            Methods: hasErrors ? EquatableArray<PromptMethodModel>.Empty : methods.ToEquatableArray());
        return ParseResult.From(model, diagnostics);
    }

    private static PromptMethodModel? ParseMember(
        ISymbol member,
        INamedTypeSymbol promptInterface,
        AttributeSet interfaceAttributes,
        KnownSymbols symbols,
        List<DiagnosticInfo> diagnostics,
        CancellationToken cancellationToken)
    {
        if (member is not IMethodSymbol method || method.MethodKind != MethodKind.Ordinary)
        {
            if (member is IPropertySymbol or IEventSymbol)
            {
                var what = member is IPropertySymbol ? "properties" : "events";
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, LocationInfo.From(member.Locations.FirstOrDefault()), member.Name, $"{what} are not supported in a [PromptClient] interface"));
            }

            return null;
        }

        var syntax = method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as MethodDeclarationSyntax;
        var nameLocation = LocationInfo.From(method.Locations.FirstOrDefault());
        var errorCount = diagnostics.Count;

        if (method.IsGenericMethod)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, LocationInfo.From(syntax?.TypeParameterList) ?? nameLocation, method.Name, "generic methods are not supported"));
        }

        string? cancellationTokenName = null;
        foreach (var parameter in method.Parameters)
        {
            var parameterLocation = LocationInfo.From(parameter.Locations.FirstOrDefault());
            if (parameter.RefKind != RefKind.None || parameter.IsParams)
            {
                var modifier = parameter.IsParams ? "params" : parameter.RefKind switch
                {
                    RefKind.Ref => "ref",
                    RefKind.Out => "out",
                    RefKind.In => "in",
                    _ => "ref readonly",
                };
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedMember, parameterLocation, method.Name, $"the {modifier} parameter '{parameter.Name}' is not supported"));
            }

            if (SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.CancellationToken))
            {
                if (cancellationTokenName is not null)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MultipleCancellationTokens, parameterLocation, method.Name));
                }

                cancellationTokenName ??= parameter.Name;
            }
        }

        var shape = ClassifyReturnType(method.ReturnType, symbols);
        if (shape is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.UnsupportedReturnType,
                LocationInfo.From(syntax?.ReturnType) ?? nameLocation,
                method.Name,
                method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)));
        }

        var attributes = AttributeSet.Read(method, cancellationToken);
        if (attributes.Prompt is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingPrompt, nameLocation, method.Name));
        }

        var modelId = attributes.ModelId ?? interfaceAttributes.ModelId;
        if (modelId is null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MissingModel, nameLocation, method.Name));
        }

        var inference = MergeInference(interfaceAttributes, attributes, diagnostics);

        var usedParameters = new HashSet<string>();
        var names = new UniqueNameBuilder(method.Parameters.Select(p => p.Name));
        var requestName = names.Take("request");
        var systemTemplate = attributes.SystemPrompt ?? interfaceAttributes.SystemPrompt;
        var system = systemTemplate is null
            ? EquatableArray<MessagePartModel>.Empty
            : BindTemplate(systemTemplate, names.Take("systemText"), method, symbols, usedParameters, names, diagnostics);
        var userName = names.Take("userText");
        var user = attributes.Prompt is null
            ? EquatableArray<MessagePartModel>.Empty
            : BindTemplate(attributes.Prompt, userName, method, symbols, usedParameters, names, diagnostics);

        // Unused parameters are worth a warning only once the templates bind: a misspelled placeholder already
        // says what is wrong, and would otherwise be reported twice.
        var templatesBound = !diagnostics.Skip(errorCount).Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        if (attributes.Prompt is not null && templatesBound)
        {
            foreach (var parameter in method.Parameters)
            {
                if (!usedParameters.Contains(parameter.Name) && !SymbolEqualityComparer.Default.Equals(parameter.Type, symbols.CancellationToken))
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnusedParameter, LocationInfo.From(parameter.Locations.FirstOrDefault()), parameter.Name, method.Name));
                }
            }
        }

        if (shape is null || diagnostics.Skip(errorCount).Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error))
        {
            return null;
        }

        var parameters = method.Parameters
            .Select(p => new ParameterModel(TemplateBinder.EscapeIdentifier(p.Name), p.Type.ToDisplayString(s_typeFormat)))
            .ToEquatableArray();
        return new PromptMethodModel(
            TemplateBinder.EscapeIdentifier(method.Name),
            method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            new ReturnTypeModel(shape.Value, method.ReturnType.ToDisplayString(s_typeFormat)),
            parameters,
            cancellationTokenName is null ? null : TemplateBinder.EscapeIdentifier(cancellationTokenName),
            modelId,
            inference,
            system,
            user,
            requestName);
    }

    private static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        IPointerTypeSymbol pointer => ContainsErrorType(pointer.PointedAtType),
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        _ => false,
    };

    // The return types of the design's table that this version implements; anything else is PG0005.
    private static ResultShape? ClassifyReturnType(ITypeSymbol returnType, KnownSymbols symbols)
    {
        if (returnType is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            return null;
        }

        var argument = named.TypeArguments[0];
        var isString = argument.SpecialType == SpecialType.System_String;
        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.AsyncEnumerableOfT))
        {
            return isString ? ResultShape.StreamText
                : SymbolEqualityComparer.Default.Equals(argument, symbols.ConverseStreamEvent) ? ResultShape.StreamEvents
                : null;
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.TaskOfT))
        {
            return isString ? ResultShape.ConverseText
                : SymbolEqualityComparer.Default.Equals(argument, symbols.ConverseResponse) ? ResultShape.ConverseResponse
                : IsOfString(argument, symbols.PromptResponseOfT) ? ResultShape.ConverseTextResponse
                : null;
        }

        if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, symbols.PromptStreamOfT))
        {
            return isString ? ResultShape.StreamTextResponse : null;
        }

        return null;

        static bool IsOfString(ITypeSymbol type, INamedTypeSymbol? generic) =>
            type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } constructed
            && SymbolEqualityComparer.Default.Equals(constructed.OriginalDefinition, generic)
            && constructed.TypeArguments[0].SpecialType == SpecialType.System_String;
    }

    // A template becomes the parts of its message; today one text part (later: media, cache points, guarded text).
    private static EquatableArray<MessagePartModel> BindTemplate(
        TemplateArgument template,
        string textName,
        IMethodSymbol method,
        KnownSymbols symbols,
        HashSet<string> usedParameters,
        UniqueNameBuilder names,
        List<DiagnosticInfo> diagnostics)
    {
        var map = TemplateSourceMap.Create(template.Expression, template.Value);
        var parsed = TemplateParser.Parse(template.Value);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MalformedTemplate, map.Map(error.Span), error.Message));
            }

            // A malformed template still uses the names it mentions; don't also warn that they are unused.
            foreach (var parameter in method.Parameters)
            {
                usedParameters.Add(parameter.Name);
            }

            return EquatableArray<MessagePartModel>.Empty;
        }

        var errors = new List<BoundTemplateError>();
        var steps = TemplateBinder.Bind(parsed, method, symbols, usedParameters, names, errors);
        foreach (var error in errors)
        {
            diagnostics.Add(DiagnosticInfo.WithSuggestion(error.Descriptor, map.Map(error.Span), error.Suggestion, error.MessageArgs));
        }

        return new[] { new MessagePartModel(MessagePartKind.Text, steps, textName) }.ToEquatableArray();
    }

    /// <summary>
    /// The interface's [SystemPrompt] is bound once per method, since it may use each method's parameters; a mistake in
    /// it is still one mistake in one place, reported once. Diagnostics inside the template that are equal (id, span,
    /// message, suggestion) become one; an unknown placeholder (PG0001), whose message names the method, becomes one
    /// naming every method it fails for. The first of each keeps its place in the list.
    /// </summary>
    private static void MergeDiagnosticsOfInterfaceTemplate(List<DiagnosticInfo> diagnostics, ExpressionSyntax template)
    {
        var merged = new List<DiagnosticInfo>(diagnostics.Count);
        var firstIndex = new Dictionary<DiagnosticInfo, int>();
        var methods = new Dictionary<int, List<string>>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Location is not { } location
                || !ReferenceEquals(location.Tree, template.SyntaxTree)
                || !template.Span.Contains(location.Span))
            {
                merged.Add(diagnostic);
                continue;
            }

            // PG0001's arguments: the placeholder, the quoted method name, the "did you mean" tail.
            var namesMethod = Equals(diagnostic.Descriptor, DiagnosticDescriptors.UnknownPlaceholder) && diagnostic.MessageArgs.Length == 3;
            var key = namesMethod
                ? DiagnosticInfo.WithSuggestion(diagnostic.Descriptor, location, diagnostic.Suggestion, diagnostic.MessageArgs[0], "", diagnostic.MessageArgs[2])
                : diagnostic;
            if (!firstIndex.TryGetValue(key, out var index))
            {
                firstIndex.Add(key, merged.Count);
                if (namesMethod)
                {
                    methods.Add(merged.Count, new List<string> { diagnostic.MessageArgs[1] });
                }

                merged.Add(diagnostic);
            }
            else if (namesMethod)
            {
                methods[index].Add(diagnostic.MessageArgs[1]);
            }
        }

        foreach (var entry in methods.Where(entry => entry.Value.Count > 1))
        {
            var first = merged[entry.Key];
            var names = entry.Value;
            var list = string.Join(", ", names.Take(names.Count - 1)) + " or " + names[names.Count - 1];
            merged[entry.Key] = DiagnosticInfo.WithSuggestion(first.Descriptor, first.Location, first.Suggestion, first.MessageArgs[0], list, first.MessageArgs[2]);
        }

        diagnostics.Clear();
        diagnostics.AddRange(merged);
    }

    private static InferenceModel? MergeInference(AttributeSet onInterface, AttributeSet onMethod, List<DiagnosticInfo> diagnostics)
    {
        var settings = new Dictionary<string, InferenceSetting>();
        foreach (var source in new[] { onInterface, onMethod })
        {
            foreach (var setting in source.Inference)
            {
                settings[setting.Name] = setting;
            }
        }

        if (settings.Count == 0)
        {
            return null;
        }

        int? maxTokens = null;
        float? temperature = null;
        float? topP = null;
        EquatableArray<string>? stopSequences = null;
        foreach (var setting in settings.Values)
        {
            switch (setting.Name)
            {
                case "MaxTokens" when setting.Value is int value:
                    if (value < 1)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInference, setting.Location, $"MaxTokens is {value.ToString(CultureInfo.InvariantCulture)}; it must be at least 1"));
                    }

                    maxTokens = value;
                    break;
                case "Temperature" or "TopP" when setting.Value is float number:
                    if (float.IsNaN(number) || number < 0f || number > 1f)
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInference, setting.Location, $"{setting.Name} is {number.ToString("R", CultureInfo.InvariantCulture)}; it must be between 0 and 1"));
                    }

                    if (setting.Name == "Temperature")
                    {
                        temperature = number;
                    }
                    else
                    {
                        topP = number;
                    }

                    break;
                case "StopSequences":
                    var sequences = setting.Values;
                    if (sequences.Any(string.IsNullOrEmpty))
                    {
                        diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidInference, setting.Location, "StopSequences holds an empty stop sequence"));
                    }

                    stopSequences = sequences.Select(s => s ?? "").ToEquatableArray();
                    break;
            }
        }

        return new InferenceModel(maxTokens, temperature, topP, stopSequences);
    }

    private static string HintName(INamedTypeSymbol symbol)
    {
        var name = symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat).Replace("global::", "");
        var builder = new System.Text.StringBuilder(name.Length + 5);
        foreach (var c in name)
        {
            builder.Append(c switch
            {
                '<' => '{',
                '>' => '}',
                ' ' => '_',
                _ => c,
            });
        }

        return builder.Append(".g.cs").ToString();
    }

    /// <summary>A template attribute's value and the expression it was written as.</summary>
    private sealed class TemplateArgument
    {
        public TemplateArgument(string value, ExpressionSyntax? expression)
        {
            Value = value;
            Expression = expression;
        }

        public string Value { get; }

        public ExpressionSyntax? Expression { get; }
    }

    private sealed class InferenceSetting
    {
        public InferenceSetting(string name, object? value, ImmutableArray<string?> values, LocationInfo? location)
        {
            Name = name;
            Value = value;
            Values = values;
            Location = location;
        }

        public string Name { get; }

        public object? Value { get; }

        public ImmutableArray<string?> Values { get; }

        public LocationInfo? Location { get; }
    }

    /// <summary>The PromptGen attributes found on one interface or method.</summary>
    private sealed class AttributeSet
    {
        public string? ModelId { get; private set; }

        public TemplateArgument? Prompt { get; private set; }

        public TemplateArgument? SystemPrompt { get; private set; }

        public List<InferenceSetting> Inference { get; } = new();

        public static AttributeSet Read(ISymbol symbol, CancellationToken cancellationToken)
        {
            var set = new AttributeSet();
            foreach (var attribute in symbol.GetAttributes())
            {
                var name = attribute.AttributeClass?.ToDisplayString();
                switch (name)
                {
                    case KnownTypes.ModelAttribute:
                        set.ModelId = FirstArgument(attribute) as string;
                        break;
                    case KnownTypes.PromptAttribute:
                        set.Prompt = ReadTemplate(attribute, cancellationToken);
                        break;
                    case KnownTypes.SystemPromptAttribute:
                        set.SystemPrompt = ReadTemplate(attribute, cancellationToken);
                        break;
                    case KnownTypes.InferenceAttribute:
                        var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
                        foreach (var argument in attribute.NamedArguments)
                        {
                            var argumentSyntax = syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == argument.Key);
                            var values = argument.Value.Kind == TypedConstantKind.Array && !argument.Value.IsNull
                                ? argument.Value.Values.Select(v => v.Value as string).ToImmutableArray()
                                : ImmutableArray<string?>.Empty;
                            var location = LocationInfo.From(argumentSyntax) ?? LocationInfo.From(syntax);
                            set.Inference.Add(new InferenceSetting(argument.Key, argument.Value.Kind == TypedConstantKind.Array ? null : argument.Value.Value, values, location));
                        }

                        break;
                }
            }

            return set;
        }

        private static object? FirstArgument(AttributeData attribute) =>
            attribute.ConstructorArguments.Length > 0 ? attribute.ConstructorArguments[0].Value : null;

        private static TemplateArgument ReadTemplate(AttributeData attribute, CancellationToken cancellationToken)
        {
            var syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var expression = syntax?.ArgumentList?.Arguments.FirstOrDefault()?.Expression;
            return new TemplateArgument(FirstArgument(attribute) as string ?? "", expression);
        }
    }
}

/// <summary>
/// What the parser returns for one interface: the model to emit (none when it cannot be emitted) and its diagnostics.
/// The diagnostics hold source locations, so that <c>#pragma warning disable</c> applies to them once reported, and
/// compare by value (see <see cref="DiagnosticInfo"/>): an edit elsewhere leaves an interface's warnings equal, and its
/// every step cached.
/// </summary>
internal sealed record ParseResult(PromptClientModel? Client, EquatableArray<DiagnosticInfo> Diagnostics)
{
    public static ParseResult From(PromptClientModel? client, List<DiagnosticInfo> diagnostics) =>
        new(client, diagnostics.ToEquatableArray());
}
