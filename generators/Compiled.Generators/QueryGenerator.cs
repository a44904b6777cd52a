using Compiled.Generators.Emit;
using Compiled.Generators.Model;
using Compiled.Generators.Parsing;
using Compiled.Generators.Planning;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators
{
    /// <summary>
    /// Compiles <c>[StreamingQuery]</c> classes: adds a typed <c>Start</c>, a reference forwarder and a fused,
    /// allocation-free <c>IQueryPlan&lt;TOut&gt;</c> to each.
    /// </summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class QueryGenerator : IIncrementalGenerator
    {
        /// <inheritdoc/>
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // 1. Find [StreamingQuery] classes; the predicate is syntax-only, the transform builds a value-equal model.
            var parsed = context.SyntaxProvider.ForAttributeWithMetadataName(KnownNames.StreamingQueryAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => Parser.Parse(ctx, ct))
                .WithTrackingName(StepNames.Parse);

            // 2. Diagnostics travel on their own, so moving code around re-reports them without re-emitting.
            context.RegisterSourceOutput(parsed.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) => Report(spc, diagnostics));

            // 3. The model alone decides caching: an unrelated edit stops here.
            var models = parsed.Select(static (r, _) => r.Query).WithTrackingName(StepNames.Model);

            // 4. Plan the fused loops, then emit one file per query.
            var plans = models.Where(static q => q is not null)
                .Select(static (q, ct) => Planner.Plan(q!, ct))
                .WithTrackingName(StepNames.Plan);
            context.RegisterSourceOutput(plans, static (spc, plan) => Emitter.Emit(spc, plan));

            // 5. An invalid query still gets a Start, marked obsolete as an error naming its CQ diagnostics.
            var invalid = parsed.Select(static (r, _) => r.Invalid).Where(static i => i is not null);
            context.RegisterSourceOutput(invalid, static (spc, i) => Emitter.EmitInvalid(spc, i!));

            // 6. A UTF-8 JSON reader per distinct input row type, registered at load for the JSON sources.
            var jsonReaders = context.SyntaxProvider.ForAttributeWithMetadataName(KnownNames.StreamingQueryAttribute,
                    static (node, _) => node is ClassDeclarationSyntax,
                    static (ctx, ct) => JsonReaderParser.Parse(ctx, ct))
                .WithTrackingName(StepNames.JsonReaders);
            context.RegisterSourceOutput(jsonReaders.Collect(), static (spc, readers) => JsonReaderEmitter.Emit(spc, readers));
        }

        private static void Report(SourceProductionContext context, ImmutableEquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var info in diagnostics)
            {
                context.ReportDiagnostic(Diagnostic.Create(Compiled.Diagnostics.Descriptors.ForId(info.Id), info.Location?.ToLocation(),
                    System.Linq.Enumerable.ToArray(info.Arguments)));
            }
        }
    }
}
