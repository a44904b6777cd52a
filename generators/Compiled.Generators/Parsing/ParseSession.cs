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
        private readonly GeneratorAttributeSyntaxContext _context;
        private readonly INamedTypeSymbol _type;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new List<DiagnosticInfo>();
        private string _queryName;

        // Set when the body uses something the compiler or another analyzer already reports (a compile error,
        // OrderBy, CountDistinct, ...): the generator then emits nothing and adds no duplicate diagnostic.
        private bool _reportedElsewhere;

        public ParseSession(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            _context = context;
            _type = (INamedTypeSymbol)context.TargetSymbol;
            _cancellationToken = cancellationToken;
            _queryName = _type.Name;
        }

        public ParseResult Run()
        {
            var declaration = (ClassDeclarationSyntax)_context.TargetNode;
            var attribute = _context.Attributes.FirstOrDefault();
            if (attribute is null || attribute.ConstructorArguments.Length != 1
                || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error
                || attribute.ConstructorArguments[0].Value is not int outputMode
                || outputMode < OutputModes.Append || outputMode > OutputModes.Complete)
            {
                return Result(null);
            }
            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Name" && named.Value.Value is string name && name.Length > 0) _queryName = name;
            }

            // A second [StreamingQuery] on another part of the class is a compiler error (CS0579); emit nothing twice.
            if (_type.GetAttributes().Count(a => a.AttributeClass?.ToDisplayString() == KnownNames.StreamingQueryAttribute) > 1)
                return Result(null);
            if (!CheckClass(declaration)) return Result(null);
            var query = ParseDefinition(outputMode);
            return Result(_diagnostics.Count == 0 && !_reportedElsewhere ? query : null);
        }

        private ParseResult Result(QuerySpec? query) => new ParseResult(query, _diagnostics.ToEquatableArray());

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
