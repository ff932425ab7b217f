namespace System.Runtime.CompilerServices;

// The generator targets netstandard2.0 (the compiler's own target), which lacks the type init-only setters need.
internal static class IsExternalInit
{
}
