using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Compiled.Diagnostics;
using Compiled.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Compiled.Generators.Parsing
{
    /// <summary>The state of parsing one query class: its symbol, diagnostics so far, and whether to stay silent.</summary>
    internal sealed partial class ParseSession
    {
        private readonly ClassDeclarationSyntax _declaration;
        private readonly INamedTypeSymbol _type;
        private readonly AttributeData? _attribute;
        private readonly SemanticModel _semanticModel;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new List<DiagnosticInfo>();
        private string _queryName;

        // Set when the body uses something the compiler or another analyzer already reports (a compile error,
        // OrderBy, CountDistinct, ...): the generator then emits nothing and adds no duplicate diagnostic.
        private bool _reportedElsewhere;

        /// <summary>Starts parsing the query class <paramref name="type"/>.</summary>
        /// <param name="declaration">The declaration that carries the attribute, where CQ0001 is reported.</param>
        /// <param name="type">The query class.</param>
        /// <param name="attribute">Its <c>[StreamingQuery]</c> attribute.</param>
        /// <param name="semanticModel">The semantic model of <paramref name="declaration"/>'s tree.</param>
        /// <param name="cancellationToken">Stops the parse.</param>
        public ParseSession(ClassDeclarationSyntax declaration, INamedTypeSymbol type, AttributeData? attribute,
            SemanticModel semanticModel, CancellationToken cancellationToken)
        {
            _declaration = declaration;
            _type = type;
            _attribute = attribute;
            _semanticModel = semanticModel;
            _cancellationToken = cancellationToken;
            _queryName = _type.Name;
        }

        /// <summary>Where each node of the model was written, for validation passes to report on.</summary>
        public QuerySyntax Syntax { get; } = new QuerySyntax();

        /// <summary>The query's entry-point header (owner, inputs, output), once <c>Define</c>'s signature is valid.</summary>
        public QuerySpec? Header { get; private set; }

        /// <summary>True when the parse stopped on something the compiler itself reports (compile errors).</summary>
        public bool ReportedElsewhere => _reportedElsewhere;

        /// <summary>The diagnostics of the parse so far.</summary>
        public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

        /// <summary>Parses the class: the model when it is readable, null after reporting why not.</summary>
        public QuerySpec? Run()
        {
            var declaration = _declaration;
            var attribute = _attribute;
            if (attribute is null || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error
                || attribute.ConstructorArguments[0].Value is not int outputMode
                || outputMode < OutputModes.Append || outputMode > OutputModes.Complete)
            {
                return null;
            }
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Name" && named.Value.Value is string name && name.Length > 0) _queryName = name;
            }

            // A second [StreamingQuery] on another part of the class is a compiler error (CS0579); emit nothing twice.
            if (_type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == KnownNames.StreamingQueryAttribute) > 1)
                return null;
            if (!CheckClass(declaration)) return null;
            Syntax.Class = declaration.Identifier.GetLocation();
            Syntax.ModeArgument = ModeArgument(attribute);
            var query = ParseDefinition(outputMode);
            return _diagnostics.Count == 0 && !_reportedElsewhere ? query : null;
        }

        /// <summary>The attribute's mode argument, which CQ1001's code fix rewrites.</summary>
        private Location ModeArgument(AttributeData attribute)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax syntax)
            {
                foreach (var argument in syntax.ArgumentList?.Arguments ?? default)
                {
                    // The mode is the constructor's only parameter; named properties (Name = ...) come with '='.
                    if (argument.NameEquals is null) return argument.Expression.GetLocation();
                }
                return syntax.GetLocation();
            }
            return _declaration.Identifier.GetLocation();
        }

        /// <summary>CQ0001: generated members need a non-generic partial class inside partial, non-generic types.</summary>
        private bool CheckClass(ClassDeclarationSyntax declaration)
        {
            string name = _type.Name;
            if (declaration.TypeParameterList is { } typeParameters)
            {
                return Report(DiagnosticIds.QueryClassNotPartial, typeParameters,
                    name, "is generic; remove its type parameters '" + typeParameters + "'");
            }
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                return Report(DiagnosticIds.QueryClassNotPartial, declaration.Identifier,
                    name, "is not partial; declare it 'static partial class " + name + "'");
            }
            for (var parent = declaration.Parent as TypeDeclarationSyntax; parent is not null; parent = parent.Parent as TypeDeclarationSyntax)
            {
                string outer = parent.Identifier.Text;
                if (parent.TypeParameterList is not null)
                {
                    return Report(DiagnosticIds.QueryClassNotPartial, parent.Identifier,
                        name, "is nested in generic type '" + outer + parent.TypeParameterList + "'; move it to a non-generic type");
                }
                if (!parent.Modifiers.Any(SyntaxKind.PartialKeyword))
                {
                    return Report(DiagnosticIds.QueryClassNotPartial, parent.Identifier,
                        name, "is nested in '" + outer + "', which is not partial; declare '" + outer + "' partial too");
                }
            }
            return true;
        }

        private OwnerSpec Owner(ClassDeclarationSyntax declaration)
        {
            var containers = new List<ContainerSpec>();
            for (SyntaxNode? node = declaration; node is TypeDeclarationSyntax type; node = node.Parent)
            {
                containers.Insert(0, new ContainerSpec(Keyword(type), type.Identifier.Text));
            }
            string? ns = _type.ContainingNamespace is { IsGlobalNamespace: false } containing ? containing.ToDisplayString() : null;
            return new OwnerSpec(ns, containers.ToEquatableArray(), TypeNames.Render(_type, annotate: false), TypeNames.Display(_type));
        }

        private static string Keyword(TypeDeclarationSyntax type) => type switch
        {
            RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
            RecordDeclarationSyntax => "record",
            StructDeclarationSyntax => "struct",
            InterfaceDeclarationSyntax => "interface",
            _ => "class",
        };

        private bool Report(string id, SyntaxNodeOrToken at, params string[] arguments)
        {
            _diagnostics.Add(new DiagnosticInfo(id, LocationInfo.From(at.GetLocation()), arguments.ToEquatableArray()));
            return false;
        }
    }
}
