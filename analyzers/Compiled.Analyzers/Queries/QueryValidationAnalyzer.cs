using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Compiled.Generators.Validation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Compiled.Analyzers.Queries
{
    /// <summary>
    /// Hosts the shared validation passes: parses each <c>[StreamingQuery]</c> class with the generator's own parser,
    /// runs <see cref="QueryValidation"/> (once per compilation, through <see cref="QueryFindings"/>) and reports the
    /// findings of the rules this analyzer declares. The generator
    /// runs the same passes and compiles only the queries they accept, so the two cannot disagree.
    /// </summary>
    public abstract class QueryValidationAnalyzer : DiagnosticAnalyzer
    {
        private readonly Dictionary<string, DiagnosticDescriptor> _byId;

        /// <summary>An analyzer reporting the findings of <paramref name="descriptors"/>' ids.</summary>
        private protected QueryValidationAnalyzer(params DiagnosticDescriptor[] descriptors)
        {
            SupportedDiagnostics = ImmutableArray.Create(descriptors);
            _byId = descriptors.ToDictionary(d => d.Id);
        }

        /// <inheritdoc/>
        public sealed override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <inheritdoc/>
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                if (CompiledSymbols.TryCreate(start.Compilation) is not { } symbols) return;
                start.RegisterSyntaxNodeAction(node => Analyze(node, symbols), SyntaxKind.ClassDeclaration);
            });
        }

        private void Analyze(SyntaxNodeAnalysisContext context, CompiledSymbols symbols)
        {
            var declaration = (ClassDeclarationSyntax)context.Node;
            // A partial class is parsed once: from the part that declares Define.
            if (!declaration.Members.OfType<MethodDeclarationSyntax>().Any(m => m.Identifier.ValueText == Generators.KnownNames.DefineMethod)) return;
            if (context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken) is not { } type) return;
            var attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, symbols.StreamingQueryAttribute));
            if (attribute is null) return;

            foreach (var finding in QueryFindings.Of(declaration, type, attribute, context.SemanticModel, context.CancellationToken))
            {
                if (!_byId.TryGetValue(finding.Id, out var descriptor)) continue;
                context.ReportDiagnostic(Diagnostic.Create(descriptor, finding.Location, finding.Arguments));
            }
        }
    }
}
