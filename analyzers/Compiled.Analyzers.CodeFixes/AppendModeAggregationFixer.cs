using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Compiled.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Analyzers.CodeFixes
{
    /// <summary>
    /// CQ1002: for a windowed aggregation with no watermark, adds <c>WithWatermark</c> on the window's event time (first,
    /// as it keeps the query in Append mode); for any aggregation, switches to <c>OutputMode.Update</c>, which writes each
    /// group whenever it changes. A grouping without a window offers only the switch: its event time is only the user's to name.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AppendModeAggregationFixer)), Shared]
    public sealed class AppendModeAggregationFixer : CodeFixProvider
    {
        private const string Title = "Switch to OutputMode.Update";

        /// <inheritdoc/>
        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(DiagnosticIds.AppendModeAggregationWithoutWatermark);

        /// <inheritdoc/>
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <inheritdoc/>
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // The diagnostic is on the GroupBy call; the mode is the query class's attribute argument.
                var node = root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is not null && AddWatermarkFix.Find(node) is var (groupBy, time, parameter))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(AddWatermarkFix.Title, ct => AddWatermarkFix.ApplyAsync(context.Document, groupBy, time, parameter, ct),
                            equivalenceKey: AddWatermarkFix.Title),
                        diagnostic);
                }
                var mode = node?.AncestorsAndSelf().OfType<ClassDeclarationSyntax>()
                    .SelectMany(c => c.AttributeLists.SelectMany(l => l.Attributes))
                    .Where(a => a.Name.ToString() is "StreamingQuery" or "StreamingQueryAttribute" or "Compiled.StreamingQuery" or "Compiled.StreamingQueryAttribute")
                    .SelectMany(a => a.ArgumentList?.Arguments ?? default)
                    .FirstOrDefault(a => a.NameEquals is null)?.Expression;
                if (mode is null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(Title, ct => CompleteModeWithoutAggregationFixer.SwitchToUpdateAsync(context.Document, mode, ct), equivalenceKey: Title),
                    diagnostic);
            }
        }
    }
}
