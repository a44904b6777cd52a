using System.Collections.Generic;
using System.Linq;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Generators.Parsing
{
    /// <summary><c>WithWatermark(...)</c> and the <c>Window.*</c> calls of a <c>GroupBy</c> key.</summary>
    internal sealed partial class ParseSession
    {
        private const string ConstantDurationAdvice = "write a constant such as 'TimeSpan.FromMinutes(15)'";

        private WatermarkSpec? ParseWatermark(SemanticModel model, InvocationExpressionSyntax call, IMethodSymbol method,
            ITypeSymbol rowType, int input, string name)
        {
            if (model.GetOperation(call, _cancellationToken) is not IInvocationOperation operation) return Silent<WatermarkSpec>();
            var timeType = ((INamedTypeSymbol)method.Parameters[0].Type).DelegateInvokeMethod!.ReturnType;
            var timeArgument = call.ArgumentList.Arguments[0].Expression;
            var eventTime = LambdaOf(model, timeArgument, name, rowType, timeType, false, "WithWatermark");
            if (eventTime is null) return null;
            long? delay = null;
            var lateRows = LateRowsPolicy.Drop;
            foreach (var argument in operation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "delay":
                        delay = Durations.Milliseconds(argument.Value);
                        if (delay is null)
                        {
                            Report(DiagnosticIds.UnsupportedOperator, argument.Syntax, _queryName,
                                "WithWatermark with a non-constant delay ('" + LambdaRewriter.Display(argument.Syntax) + "'); " + ConstantDurationAdvice);
                            return null;
                        }
                        break;
                    case "lateRows":
                        if (argument.Value.ConstantValue is not { HasValue: true, Value: int policy })
                        {
                            Report(DiagnosticIds.UnsupportedOperator, argument.Syntax, _queryName,
                                "WithWatermark with a late-rows policy that is not a constant; write 'LateRows.Drop' or 'LateRows.ToSink'");
                            return null;
                        }
                        lateRows = policy == 1 ? LateRowsPolicy.ToSink : LateRowsPolicy.Drop;
                        break;
                }
            }
            var watermark = new WatermarkSpec(input, eventTime, RowMember(model, timeArgument), KindOf(timeType), delay!.Value, lateRows);
            Syntax.Set(watermark, SyntaxParts.Time, timeArgument.GetLocation());
            return watermark;
        }

        /// <summary>
        /// The window of a <c>GroupBy</c> key: the whole key (<c>t =&gt; Window.Tumbling(...)</c>) or one element of a tuple
        /// or anonymous key. Null when the key has none; <paramref name="failed"/> after reporting a window elsewhere.
        /// </summary>
        private WindowSpec? ParseWindow(SemanticModel model, ExpressionSyntax keyArgument, ITypeSymbol rowType, string index, out bool failed)
        {
            failed = false;
            if (keyArgument is not LambdaExpressionSyntax lambda
                || model.GetSymbolInfo(lambda, _cancellationToken).Symbol is not IMethodSymbol { Parameters.Length: 1 } signature)
                return null;
            var body = (CSharpSyntaxNode?)lambda.ExpressionBody ?? lambda.Block!;
            var elements = body switch
            {
                TupleExpressionSyntax tuple => tuple.Arguments.Select(a => a.Expression).ToList(),
                AnonymousObjectCreationExpressionSyntax anonymous => anonymous.Initializers.Select(i => i.Expression).ToList(),
                _ => null,
            };
            var windowCalls = body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>()
                .Where(c => WindowMethod(model, c) is not null).ToList();
            if (windowCalls.Count == 0) return null;

            int position = -1;
            InvocationExpressionSyntax? windowCall = null;
            if (body is InvocationExpressionSyntax whole && windowCalls.Count == 1 && windowCalls[0] == whole)
            {
                windowCall = whole;
            }
            else if (elements is not null && windowCalls.Count == 1 && elements.IndexOf(windowCalls[0]) is var at and >= 0)
            {
                windowCall = windowCalls[0];
                position = at;
            }
            if (windowCall is null)
            {
                var misplaced = windowCalls.Count > 1 ? windowCalls[1] : windowCalls[0];
                failed = true;
                Report(DiagnosticIds.UnsupportedOperator, misplaced, _queryName, "'" + LambdaRewriter.Display(misplaced)
                    + "' inside a GroupBy key; a key holds one window, as the whole key or as one element of a tuple key such as '(Window.Tumbling(...), t.Broker)'");
                return null;
            }

            var others = new List<LambdaSpec>();
            if (elements is not null)
            {
                for (int i = 0; i < elements.Count; i++)
                {
                    if (i == position) continue;
                    var elementType = model.GetTypeInfo(elements[i], _cancellationToken).Type;
                    if (elementType is null) return Silent<WindowSpec>();
                    var part = FromLambda(model, lambda, signature, elements[i], "KeyPart" + index + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        rowType, elementType, false, new HelperSet("KeyPart" + index + "_" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    if (part is null)
                    {
                        failed = true;
                        return null;
                    }
                    others.Add(part);
                }
            }
            var window = ReadWindowCall(model, lambda, signature, windowCall, rowType, index, position, others);
            failed = window is null;
            return window;
        }

        private WindowSpec? ReadWindowCall(SemanticModel model, LambdaExpressionSyntax lambda, IMethodSymbol signature, InvocationExpressionSyntax call,
            ITypeSymbol rowType, string index, int position, List<LambdaSpec> others)
        {
            var method = WindowMethod(model, call)!;
            if (model.GetOperation(call, _cancellationToken) is not IInvocationOperation operation) return Silent<WindowSpec>();
            var kind = method.Name switch
            {
                "Tumbling" => WindowKind.Tumbling,
                "Sliding" => WindowKind.Sliding,
                _ => WindowKind.Session,
            };
            var timeKind = KindOf(method.Parameters[0].Type);
            LambdaSpec? time = null;
            string? timeMember = null;
            long size = 0, slide = 0, offset = 0, gapMs = 0;
            LambdaSpec? gap = null;
            var locations = new List<(string Part, Location Location)> { (SyntaxParts.Call, call.GetLocation()) };
            foreach (var argument in operation.Arguments)
            {
                var syntax = argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Syntax;
                if (syntax is ArgumentSyntax wrapped) syntax = wrapped.Expression;
                string parameter = argument.Parameter?.Name ?? string.Empty;
                if (argument.Parameter?.Ordinal == 0)
                {
                    var expression = (ExpressionSyntax)syntax!;
                    locations.Add((SyntaxParts.Time, expression.GetLocation()));
                    if (IsProcessingTime(model, expression)) continue;
                    time = FromLambda(model, lambda, signature, expression, "WindowTime" + index, rowType, method.Parameters[0].Type, false,
                        new HelperSet("WindowTime" + index));
                    if (time is null) return null;
                    timeMember = RowMember(model, expression, signature.Parameters[0]);
                    continue;
                }
                long? ms = Durations.Milliseconds(argument.Value);
                if (syntax is not null)
                {
                    string part = parameter switch { "size" => SyntaxParts.Size, "slide" => SyntaxParts.Slide, "gap" => SyntaxParts.Gap, _ => parameter };
                    locations.Add((part, syntax.GetLocation()));
                }
                if (parameter == "gap" && ms is null)
                {
                    // A per-row gap: Spark's session_window accepts an expression over the row.
                    gap = FromLambda(model, lambda, signature, (ExpressionSyntax)syntax!, "WindowGap" + index, rowType, argument.Parameter!.Type, false,
                        new HelperSet("WindowGap" + index));
                    if (gap is null) return null;
                    continue;
                }
                if (ms is null)
                {
                    Report(DiagnosticIds.UnsupportedOperator, syntax ?? call, _queryName, "'Window." + method.Name + "' with a non-constant " + parameter
                        + " ('" + LambdaRewriter.Display(syntax ?? call) + "'); " + ConstantDurationAdvice);
                    return null;
                }
                switch (parameter)
                {
                    case "size": size = ms.Value; break;
                    case "slide": slide = ms.Value; break;
                    case "offset": offset = ms.Value; break;
                    case "gap": gapMs = ms.Value; break;
                }
            }
            if (kind == WindowKind.Tumbling) slide = size;
            var window = new WindowSpec(kind, time, timeMember, timeKind, size, slide, offset, gapMs, gap, position, others.ToEquatableArray());
            foreach (var (part, location) in locations) Syntax.Set(window, part, location);
            return window;
        }

        /// <summary>The <c>Compiled.Window</c> method <paramref name="call"/> invokes, or null.</summary>
        private IMethodSymbol? WindowMethod(SemanticModel model, InvocationExpressionSyntax call) =>
            model.GetSymbolInfo(call, _cancellationToken).Symbol is IMethodSymbol { IsStatic: true, Name: "Tumbling" or "Sliding" or "Session" } method
            && Symbols.IsRuntimeType(method.ContainingType, KnownNames.Window, 0)
                ? method
                : null;

        private bool IsProcessingTime(SemanticModel model, ExpressionSyntax expression) =>
            model.GetSymbolInfo(expression, _cancellationToken).Symbol is IPropertySymbol { IsStatic: true, Name: "ProcessingTime" } property
            && Symbols.IsRuntimeType(property.ContainingType, KnownNames.Window, 0);

        /// <summary>The member name in <c>x =&gt; x.Member</c>, or null for any other lambda.</summary>
        private string? RowMember(SemanticModel model, ExpressionSyntax argument) =>
            argument is LambdaExpressionSyntax { ExpressionBody: { } body } lambda
            && model.GetSymbolInfo(lambda, _cancellationToken).Symbol is IMethodSymbol { Parameters.Length: 1 } signature
                ? RowMember(model, body, signature.Parameters[0])
                : null;

        /// <summary>The member name when <paramref name="expression"/> is <c>row.Member</c> on <paramref name="row"/>.</summary>
        private string? RowMember(SemanticModel model, ExpressionSyntax expression, IParameterSymbol row)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized) expression = parenthesized.Expression;
            return expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax receiver } access
                && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(receiver, _cancellationToken).Symbol, row)
                    ? access.Name.Identifier.ValueText
                    : null;
        }

        private static EventTimeKind KindOf(ITypeSymbol type) => type.SpecialType switch
        {
            SpecialType.System_DateTime => EventTimeKind.DateTime,
            SpecialType.System_Int64 => EventTimeKind.UnixMs,
            _ => EventTimeKind.DateTimeOffset,
        };
    }
}
