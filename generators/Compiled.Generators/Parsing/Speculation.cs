using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Decides whether a lambda may run on a row that an earlier filter rejected: true only when its body provably
    /// cannot throw and has no side effects, so running it once too often changes nothing but time. That lets a
    /// filter-then-map loop write every row and count only the kept ones, without a branch per row.
    /// </summary>
    /// <remarks>
    /// A whitelist over the body's operations: the parameter, constants, fields of structs, built-in arithmetic,
    /// comparisons and conversions on primitives (not checked, no integer division by a non-constant, no decimal),
    /// conditionals and tuples. Anything else (calls, properties, references that may be null) is rejected.
    /// </remarks>
    internal static class Speculation
    {
        /// <summary>True when <paramref name="lambda"/>'s body can run on any row without throwing or side effects.</summary>
        public static bool IsSafe(SemanticModel model, SyntaxNode lambda, CancellationToken cancellationToken)
        {
            if (model.GetOperation(lambda, cancellationToken) is not IAnonymousFunctionOperation function) return false;
            // An expression body is one return; a block with anything more (locals, branches, loops) is not worth proving.
            if (function.Body.Operations.Length != 1 || function.Body.Operations[0] is not IReturnOperation { ReturnedValue: { } value })
                return false;
            return value.DescendantsAndSelf().All(IsSafeStep);
        }

        private static bool IsSafeStep(IOperation operation)
        {
            if (operation.ConstantValue.HasValue) return true;
            switch (operation)
            {
                case IParameterReferenceOperation:
                case IConditionalOperation:
                case ITupleOperation:
                case IDefaultValueOperation:
                    return true;
                case IFieldReferenceOperation field:
                    // A struct's field is always there; a class's may hang off null, a static one may run a type initializer.
                    return !field.Field.IsStatic && field.Instance?.Type?.IsValueType == true;
                case IConversionOperation conversion:
                    // Between primitives and enums a conversion is identity, numeric or enumeration: unchecked, none throws.
                    return conversion.Conversion.IsIdentity
                        || (conversion.OperatorMethod is null && !conversion.IsChecked
                            && IsPlainPrimitive(conversion.Operand.Type) && IsPlainPrimitive(conversion.Type));
                case IUnaryOperation unary:
                    return unary.OperatorMethod is null && !unary.IsChecked && !unary.IsLifted && IsPlainPrimitive(unary.Operand.Type);
                case IBinaryOperation binary:
                    return binary.OperatorMethod is null && !binary.IsChecked && !binary.IsLifted
                        && IsPlainPrimitive(binary.LeftOperand.Type) && IsPlainPrimitive(binary.RightOperand.Type)
                        && !MayThrowDividing(binary);
                default:
                    return false;
            }
        }

        /// <summary>Integer division throws for a zero divisor, and for MinValue / -1 even unchecked; floating point never does.</summary>
        private static bool MayThrowDividing(IBinaryOperation binary)
        {
            if (binary.OperatorKind is not (BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder)) return false;
            if (binary.Type?.SpecialType is SpecialType.System_Single or SpecialType.System_Double) return false;
            // Operands are promoted to at least int, so the constant divisor is one of these four.
            var divisor = binary.RightOperand.ConstantValue;
            return !divisor.HasValue || divisor.Value switch
            {
                int i => i is 0 or -1,
                long l => l is 0 or -1,
                uint u => u == 0,
                ulong u => u == 0,
                _ => true,
            };
        }

        /// <summary>bool, char, the integer types, float, double and enums: built-in operators on them never call user code.</summary>
        private static bool IsPlainPrimitive(ITypeSymbol? type)
        {
            if (type is null) return false;
            if (type.TypeKind == TypeKind.Enum) return true;
            switch (type.SpecialType)
            {
                case SpecialType.System_Boolean:
                case SpecialType.System_Char:
                case SpecialType.System_SByte:
                case SpecialType.System_Byte:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Single:
                case SpecialType.System_Double:
                    return true;
                default:
                    return false;
            }
        }
    }
}
