using System.Collections.Generic;

namespace PromptGen.Generator.Emit;

/// <summary>
/// The one owner of the names of a generated method's locals: seeded with the method's parameters, it hands out each
/// name once (<c>item</c>, then <c>item_2</c>, ...), so a local never hides a parameter or another local. The parser
/// asks it for every local it puts in the model (the request, the rendered texts, the loop variables of templates),
/// and the emitter writes the names it finds there; no stage reserves names for another.
/// </summary>
internal sealed class UniqueNameBuilder
{
    private readonly HashSet<string> _taken;

    /// <summary>Creates a builder for a method whose parameters are named <paramref name="parameterNames"/>.</summary>
    /// <param name="parameterNames">The parameters' names as declared, without <c>@</c>.</param>
    public UniqueNameBuilder(IEnumerable<string> parameterNames) => _taken = new HashSet<string>(parameterNames);

    /// <summary>Returns <paramref name="name"/>, or the first of <c>name_2</c>, <c>name_3</c>, ... not yet taken, and takes it.</summary>
    public string Take(string name)
    {
        var candidate = name;
        for (var i = 2; _taken.Contains(candidate); i++)
        {
            candidate = name + "_" + i;
        }

        _taken.Add(candidate);
        return candidate;
    }
}
