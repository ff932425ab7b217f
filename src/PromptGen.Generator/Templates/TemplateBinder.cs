using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using PromptGen.Generator.Emit;
using PromptGen.Generator.Model;

namespace PromptGen.Generator.Templates;

/// <summary>
/// Gives a parsed template its meaning against the C# method: resolves every name and member path, checks formats
/// and sections against the types, and compiles the template into <see cref="RenderStep"/>s. Errors come back as
/// <see cref="BoundTemplateError"/>s in template coordinates.
/// </summary>
internal sealed class TemplateBinder
{
    private readonly IMethodSymbol _method;
    private readonly KnownSymbols _symbols;
    private readonly UniqueNameBuilder _names;
    private readonly List<LoopScope> _loops = new();
    private readonly List<RenderStep> _steps = new();
    private readonly List<BoundTemplateError> _errors = new();

    private TemplateBinder(IMethodSymbol method, KnownSymbols symbols, HashSet<string> usedParameters, UniqueNameBuilder names)
    {
        _method = method;
        _symbols = symbols;
        UsedParameters = usedParameters;
        _names = names;
    }

    private HashSet<string> UsedParameters { get; }

    /// <summary>Binds a parsed template to a method's parameters.</summary>
    /// <param name="template">The parsed, error-free template.</param>
    /// <param name="method">The prompt method whose parameters the template may use.</param>
    /// <param name="symbols">Well-known types of the compilation.</param>
    /// <param name="usedParameters">Collects the names of the parameters the template uses.</param>
    /// <param name="names">The method's local names, which the loop variables are taken from.</param>
    /// <param name="errors">Receives the binding errors.</param>
    /// <returns>The compiled steps (meaningless when there are errors).</returns>
    public static EquatableArray<RenderStep> Bind(
        ParsedTemplate template,
        IMethodSymbol method,
        KnownSymbols symbols,
        HashSet<string> usedParameters,
        UniqueNameBuilder names,
        List<BoundTemplateError> errors)
    {
        var binder = new TemplateBinder(method, symbols, usedParameters, names);
        binder.BindNodes(template.Nodes);
        errors.AddRange(binder._errors);
        return MergeLiterals(binder._steps).ToEquatableArray();
    }

    private void BindNodes(IReadOnlyList<TemplateNode> nodes)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case TextNode text:
                    _steps.Add(new RenderStep(RenderStepKind.Literal, text.Text));
                    break;
                case ValueNode value:
                    BindValue(value);
                    break;
                case EachNode each:
                    BindEach(each);
                    break;
                case IfNode ifNode:
                    BindIf(ifNode);
                    break;
            }
        }
    }

    private void BindValue(ValueNode node)
    {
        var value = BindPath(node.Path);
        if (value is null)
        {
            return;
        }

        if (IsCollection(value.Type))
        {
            _errors.Add(new BoundTemplateError(
                DiagnosticDescriptors.CollectionMisuse,
                node.Path.Span,
                null,
                $"'{node.Path}' is a collection ({Display(value.Type)}): render its items with {{{{#each {node.Path}}}}}...{{{{/each}}}}"));
            return;
        }

        if (node.Format is not null && !IsFormattable(value.Type))
        {
            _errors.Add(new BoundTemplateError(
                DiagnosticDescriptors.FormatOnNonFormattable,
                node.FormatSpan,
                null,
                node.Format,
                node.Path.ToString(),
                Display(value.Type)));
            return;
        }

        if (value.NullSafeAccess is { } access && value.Type.IsValueType && !IsNullableValueType(value.Type))
        {
            // The path ends in a value reached through a "?.": as one expression it would be lifted to Nullable<T>,
            // which AppendFormatted boxes. Test the receiver instead, and format the plain value, as a person would.
            string condition;
            string receiver;
            if (access.ReceiverIsIdentifier && !IsNullableValueType(access.ReceiverType))
            {
                condition = access.Receiver + " is not null";
                receiver = access.Receiver;
            }
            else
            {
                receiver = EscapeIdentifier(_names.Take(LocalName(access.ReceiverName)));
                condition = access.Receiver + " is { } " + receiver;
            }

            _steps.Add(new RenderStep(RenderStepKind.BeginIf, condition));
            _steps.Add(new RenderStep(RenderStepKind.Value, receiver + "." + access.Rest, node.Format));
            _steps.Add(new RenderStep(RenderStepKind.EndIf, ""));
            return;
        }

        _steps.Add(new RenderStep(RenderStepKind.Value, value.Expression, node.Format));
    }

    private void BindEach(EachNode node)
    {
        var collection = BindPath(node.Path);
        if (collection is null)
        {
            return;
        }

        // A string is an IEnumerable<char>, but iterating its characters is never what a prompt means.
        if (collection.Type.SpecialType == SpecialType.System_String)
        {
            _errors.Add(new BoundTemplateError(
                DiagnosticDescriptors.CollectionMisuse,
                node.Path.Span,
                null,
                $"'{node.Path}' ({Display(collection.Type)}) is a value, not a collection: insert it with {{{{{node.Path}}}}}"));
            return;
        }

        var elementType = GetElementType(collection.Type);
        if (elementType is null)
        {
            _errors.Add(new BoundTemplateError(
                DiagnosticDescriptors.CollectionMisuse,
                node.Path.Span,
                null,
                $"'{node.Path}' ({Display(collection.Type)}) is not a collection: {{{{#each}}}} needs an IEnumerable"));
            return;
        }

        var depth = _loops.Count + 1;
        var scope = new LoopScope(
            _names.Take(depth == 1 ? "item" : "item" + depth),
            _names.Take(depth == 1 ? "index" : "index" + depth),
            _names.Take(depth == 1 ? "items" : "items" + depth),
            elementType);
        var begin = _steps.Count;
        _steps.Add(null!);
        _loops.Add(scope);
        BindNodes(node.Body);
        _loops.RemoveAt(_loops.Count - 1);
        _steps[begin] = new RenderStep(
            RenderStepKind.BeginEach,
            collection.Expression,
            ItemName: scope.ItemName,
            IndexName: scope.IndexUsed ? scope.IndexName : null,
            CollectionName: scope.CollectionName);
        _steps.Add(new RenderStep(RenderStepKind.EndEach, "", IndexName: scope.IndexUsed ? scope.IndexName : null));
    }

    private void BindIf(IfNode node)
    {
        var value = BindPath(node.Path);
        if (value is null)
        {
            return;
        }

        _steps.Add(new RenderStep(RenderStepKind.BeginIf, Truthiness(value)));
        BindNodes(node.Then);
        if (node.Otherwise.Count > 0)
        {
            _steps.Add(new RenderStep(RenderStepKind.Else, ""));
            BindNodes(node.Otherwise);
        }

        _steps.Add(new RenderStep(RenderStepKind.EndIf, ""));
    }

    private BoundValue? BindPath(TemplatePath path)
    {
        var root = path.Segments[0];
        BoundValue value;
        string rootName;
        if (root == "@index" || root == "this")
        {
            if (_loops.Count == 0)
            {
                _errors.Add(new BoundTemplateError(
                    DiagnosticDescriptors.UnknownPlaceholder,
                    path.SegmentSpans[0],
                    null,
                    root,
                    Quote(_method.Name),
                    $": '{root}' exists only inside {{{{#each}}}}"));
                return null;
            }

            var loop = _loops[_loops.Count - 1];
            if (root == "@index")
            {
                loop.IndexUsed = true;
                return new BoundValue(loop.IndexName, _symbols.Int32, MayBeNull: false, NullSafeAccess: null);
            }

            value = new BoundValue(loop.ItemName, loop.ElementType, MayBeNull: false, NullSafeAccess: null);
            rootName = loop.ItemName;
        }
        else
        {
            var parameter = _method.Parameters.FirstOrDefault(p => p.Name == root && !IsCancellationToken(p.Type));
            if (parameter is null)
            {
                var closest = SuggestPlaceholder(root);
                _errors.Add(new BoundTemplateError(
                    DiagnosticDescriptors.UnknownPlaceholder,
                    path.SegmentSpans[0],
                    closest,
                    root,
                    Quote(_method.Name),
                    SuggestionText(closest)));
                return null;
            }

            UsedParameters.Add(parameter.Name);
            value = new BoundValue(EscapeIdentifier(parameter.Name), parameter.Type, MayBeNull: false, NullSafeAccess: null);
            rootName = parameter.Name;
        }

        for (var i = 1; i < path.Segments.Count; i++)
        {
            var receiverType = UnwrapNullable(value.Type);
            var member = FindMember(receiverType, path.Segments[i]);
            if (member is null)
            {
                var closest = NameSuggester.Closest(path.Segments[i], ReadableMembers(receiverType).Select(m => m.Name));
                _errors.Add(new BoundTemplateError(
                    DiagnosticDescriptors.UnknownMember,
                    path.SegmentSpans[i],
                    closest,
                    Display(receiverType),
                    path.Segments[i],
                    SuggestionText(closest)));
                return null;
            }

            // Every receiver that can hold null at run time is accessed with "?.", whatever its annotation says: a null
            // passed against the annotation (null!, a deserializer) renders as empty instead of throwing, and no access
            // depends on the compiler's flow state, which a null test such as {{#if customer}} makes maybe-null.
            var memberType = member is IPropertySymbol property ? property.Type : ((IFieldSymbol)member).Type;
            var memberName = EscapeIdentifier(member.Name);
            if (CanBeNull(value.Type))
            {
                var access = new NullSafeAccess(value.Expression, value.Type, i == 1, i == 1 ? rootName : path.Segments[i - 1], memberName);
                value = new BoundValue(value.Expression + "?." + memberName, memberType, MayBeNull: true, access);
            }
            else
            {
                value = value with
                {
                    Expression = value.Expression + "." + memberName,
                    Type = memberType,
                    NullSafeAccess = value.NullSafeAccess is { } access ? access with { Rest = access.Rest + "." + memberName } : null,
                };
            }
        }

        return value;
    }

    // Inside {{#each}}, {{Name}} most often means the item's member: suggest this.Name before a parameter that is only
    // spelled alike ({{name}} in {{#each names}}), but after one that differs only in case.
    private string? SuggestPlaceholder(string root)
    {
        var closest = NameSuggester.Closest(root, _method.Parameters.Where(p => !IsCancellationToken(p.Type)).Select(p => p.Name));
        if (_loops.Count == 0)
        {
            return closest;
        }

        var members = ReadableMembers(UnwrapNullable(_loops[_loops.Count - 1].ElementType)).ToList();
        var member = members.FirstOrDefault(m => m.Name == root);
        if (member is null && !string.Equals(closest, root, StringComparison.OrdinalIgnoreCase))
        {
            member = members.FirstOrDefault(m => string.Equals(m.Name, root, StringComparison.OrdinalIgnoreCase));
        }

        return member is null ? closest : "this." + member.Name;
    }

    private string Truthiness(BoundValue value)
    {
        var type = value.Type;
        if (type.SpecialType == SpecialType.System_Boolean)
        {
            return value.MayBeNull ? value.Expression + " == true" : value.Expression;
        }

        if (IsNullableValueType(type) && UnwrapNullable(type).SpecialType == SpecialType.System_Boolean)
        {
            return value.Expression + " == true";
        }

        if (type.SpecialType == SpecialType.System_String)
        {
            return "!string.IsNullOrEmpty(" + value.Expression + ")";
        }

        // As in Handlebars, zero is false: {{#if @index}} separates every item but the first.
        if (IsNumeric(UnwrapNullable(type)))
        {
            return value.MayBeNull || IsNullableValueType(type)
                ? value.Expression + " is not (null or 0)"
                : value.Expression + " != 0";
        }

        if (IsCollection(type))
        {
            return "global::PromptGen.PromptInvoker.HasItems(" + value.Expression + ")";
        }

        if (type.IsReferenceType || IsNullableValueType(type) || value.MayBeNull)
        {
            return value.Expression + " is not null";
        }

        // A non-nullable value is always present; the helper keeps the compiler from flagging a constant condition.
        return "global::PromptGen.PromptInvoker.IsPresent(" + value.Expression + ")";
    }

    private static IEnumerable<RenderStep> MergeLiterals(List<RenderStep> steps)
    {
        RenderStep? pending = null;
        foreach (var step in steps)
        {
            if (step is null)
            {
                continue;
            }

            if (step.Kind == RenderStepKind.Literal)
            {
                pending = pending is null ? step : pending with { Text = pending.Text + step.Text };
                continue;
            }

            if (pending is not null)
            {
                yield return pending;
                pending = null;
            }

            yield return step;
        }

        if (pending is not null)
        {
            yield return pending;
        }
    }

    private bool IsCancellationToken(ITypeSymbol type) => SymbolEqualityComparer.Default.Equals(type, _symbols.CancellationToken);

    private bool IsCollection(ITypeSymbol type) =>
        type.SpecialType != SpecialType.System_String && GetElementType(type) is not null;

    private ITypeSymbol? GetElementType(ITypeSymbol type)
    {
        if (type is IArrayTypeSymbol array)
        {
            return array.ElementType;
        }

        if (type is INamedTypeSymbol named && named.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
        {
            return named.TypeArguments[0];
        }

        foreach (var candidate in type.AllInterfaces)
        {
            if (candidate.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
            {
                return candidate.TypeArguments[0];
            }
        }

        if (type.SpecialType == SpecialType.System_Collections_IEnumerable
            || type.AllInterfaces.Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable))
        {
            return _symbols.Object;
        }

        return null;
    }

    private bool IsFormattable(ITypeSymbol type)
    {
        type = UnwrapNullable(type);
        if (_symbols.Formattable is null)
        {
            return false;
        }

        if (SymbolEqualityComparer.Default.Equals(type, _symbols.Formattable))
        {
            return true;
        }

        if (type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, _symbols.Formattable)))
        {
            return true;
        }

        return type is ITypeParameterSymbol parameter && parameter.ConstraintTypes.Any(IsFormattable);
    }

    // Whether a value of the type can be null at run time, annotations aside: a reference type, a nullable value type,
    // or a type parameter not constrained to a struct ("?." compiles on all three, never on a plain value type).
    private static bool CanBeNull(ITypeSymbol type) => !type.IsValueType || IsNullableValueType(type);

    private static bool IsNumeric(ITypeSymbol type) => type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte
        or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32
        or SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Single or SpecialType.System_Double
        or SpecialType.System_Decimal;

    private static bool IsNullableValueType(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static ITypeSymbol UnwrapNullable(ITypeSymbol type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
            ? nullable.TypeArguments[0]
            : type;

    private ISymbol? FindMember(ITypeSymbol type, string name) =>
        ReadableMembers(type).FirstOrDefault(m => m.Name == name);

    // Instance properties with a getter and instance fields the generated code can read, including inherited ones.
    private static IEnumerable<ISymbol> ReadableMembers(ITypeSymbol type)
    {
        var types = new List<ITypeSymbol>();
        for (var current = type; current is not null; current = current.BaseType)
        {
            types.Add(current);
        }

        if (type.TypeKind is TypeKind.Interface or TypeKind.TypeParameter)
        {
            types.AddRange(type.AllInterfaces);
        }

        if (type is ITypeParameterSymbol typeParameter)
        {
            types.AddRange(typeParameter.ConstraintTypes);
        }

        foreach (var candidate in types)
        {
            foreach (var member in candidate.GetMembers())
            {
                if (member.IsStatic || member.IsImplicitlyDeclared
                    || member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
                {
                    continue;
                }

                if (member is IPropertySymbol { IsIndexer: false, GetMethod: not null } property
                    && property.GetMethod.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal)
                {
                    yield return member;
                }
                else if (member is IFieldSymbol { CanBeReferencedByName: true })
                {
                    yield return member;
                }
            }
        }
    }

    private static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

    internal static string EscapeIdentifier(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None
            ? "@" + name
            : name;

    // The local a guarded receiver is copied into, named after what it holds: customer.Home becomes "home". A name
    // that would read as something else in a pattern ("_" is a discard, "var" a keyword there) becomes "receiver".
    private static string LocalName(string name)
    {
        name = name.TrimStart('@');
        if (name.Length > 0 && char.IsUpper(name[0]))
        {
            name = char.ToLowerInvariant(name[0]) + name.Substring(1);
        }

        return name.Length == 0 || name == "_" || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None ? "receiver" : name;
    }

    /// <summary>A name as a message shows it.</summary>
    private static string Quote(string name) => "'" + name + "'";

    /// <summary>The "did you mean" tail of a message, or nothing.</summary>
    private static string SuggestionText(string? closest) => closest is null ? "" : $"; did you mean '{closest}'?";

    private sealed class LoopScope
    {
        public LoopScope(string itemName, string indexName, string collectionName, ITypeSymbol elementType)
        {
            ItemName = itemName;
            IndexName = indexName;
            CollectionName = collectionName;
            ElementType = elementType;
        }

        public string ItemName { get; }

        public string IndexName { get; }

        public string CollectionName { get; }

        public ITypeSymbol ElementType { get; }

        public bool IndexUsed { get; set; }
    }

    /// <summary>
    /// A bound path's C# expression and type. <see cref="MayBeNull"/>: the expression went through a "?.", so it is
    /// null when any receiver was. <see cref="NullSafeAccess"/>: the last "?." of the expression, if any.
    /// </summary>
    private sealed record BoundValue(string Expression, ITypeSymbol Type, bool MayBeNull, NullSafeAccess? NullSafeAccess);

    /// <summary>
    /// The last "?." of a path, split as <c>Receiver?.Rest</c>: the receiver's expression and type, whether it is a
    /// plain parameter or loop variable, the name it was reached by (for a local holding it), and the accesses after it.
    /// </summary>
    private sealed record NullSafeAccess(string Receiver, ITypeSymbol ReceiverType, bool ReceiverIsIdentifier, string ReceiverName, string Rest);
}

/// <summary>A binding error, in template coordinates.</summary>
internal readonly struct BoundTemplateError
{
    public BoundTemplateError(DiagnosticDescriptor descriptor, TextSpan span, string? suggestion, params string[] messageArgs)
    {
        Descriptor = descriptor;
        Span = span;
        Suggestion = suggestion;
        MessageArgs = messageArgs;
    }

    public DiagnosticDescriptor Descriptor { get; }

    /// <summary>The name a code fix should put in place of the span, when there is a close one.</summary>
    public string? Suggestion { get; }

    public TextSpan Span { get; }

    public string[] MessageArgs { get; }
}

/// <summary>The compilation's well-known types the binder checks against, looked up once per interface.</summary>
internal sealed class KnownSymbols
{
    public KnownSymbols(Compilation compilation)
    {
        CancellationToken = compilation.GetTypeByMetadataName(KnownTypes.CancellationToken);
        Formattable = compilation.GetTypeByMetadataName(KnownTypes.Formattable);
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName(KnownTypes.AsyncEnumerableOfT);
        TaskOfT = compilation.GetTypeByMetadataName(KnownTypes.TaskOfT);
        ConverseStreamEvent = compilation.GetTypeByMetadataName(KnownTypes.ConverseStreamEvent);
        ConverseResponse = compilation.GetTypeByMetadataName(KnownTypes.ConverseResponse);
        PromptStreamOfT = compilation.GetTypeByMetadataName(KnownTypes.PromptStreamOfT);
        PromptResponseOfT = compilation.GetTypeByMetadataName(KnownTypes.PromptResponseOfT);
        Int32 = compilation.GetSpecialType(SpecialType.System_Int32);
        Object = compilation.GetSpecialType(SpecialType.System_Object);
        String = compilation.GetSpecialType(SpecialType.System_String);
    }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Formattable { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ConverseStreamEvent { get; }

    public INamedTypeSymbol? ConverseResponse { get; }

    public INamedTypeSymbol? PromptStreamOfT { get; }

    public INamedTypeSymbol? PromptResponseOfT { get; }

    public INamedTypeSymbol Int32 { get; }

    public INamedTypeSymbol Object { get; }

    public INamedTypeSymbol String { get; }
}
