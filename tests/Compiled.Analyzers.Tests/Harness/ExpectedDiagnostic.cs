using Microsoft.CodeAnalysis.Text;

namespace Compiled.Analyzers.Tests.Harness;

/// <summary>A diagnostic a test's markup expects: its id and the exact span it must cover.</summary>
/// <param name="Id">The diagnostic id.</param>
/// <param name="Span">The span in the markup-free source.</param>
internal readonly record struct ExpectedDiagnostic(string Id, TextSpan Span);
