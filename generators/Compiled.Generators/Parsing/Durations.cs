using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Reads a <c>TimeSpan</c> argument written as a constant (<c>TimeSpan.FromMinutes(15)</c>, <c>new TimeSpan(0, 15, 0)</c>,
    /// <c>TimeSpan.Zero</c>) into milliseconds at build time: window lengths shape the operator's state, so they are
    /// part of the plan, as Spark requires literal intervals.
    /// </summary>
    internal static class Durations
    {
        private const double MsPerDay = 86_400_000;
        private const double MsPerHour = 3_600_000;
        private const double MsPerMinute = 60_000;

        /// <summary>The duration of <paramref name="operation"/> in whole milliseconds, or null when it is not a constant.</summary>
        public static long? Milliseconds(IOperation? operation)
        {
            while (operation is IConversionOperation conversion) operation = conversion.Operand;
            switch (operation)
            {
                case IDefaultValueOperation:
                    return 0;
                case IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } field } when IsTimeSpan(field.ContainingType):
                    return 0;
                case IInvocationOperation { TargetMethod: { IsStatic: true } method } call when IsTimeSpan(method.ContainingType):
                    return FromFactory(method.Name, call);
                case IObjectCreationOperation { Constructor: { } constructor } creation when IsTimeSpan(constructor.ContainingType):
                    return FromConstructor(creation);
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } negation:
                    return Milliseconds(negation.Operand) is { } value ? -value : null;
                default:
                    return null;
            }
        }

        /// <summary><c>TimeSpan.FromX(value)</c> and .NET 9's <c>TimeSpan.FromX(days, hours, ...)</c> overloads, by parameter name.</summary>
        private static long? FromFactory(string name, IInvocationOperation call)
        {
            double unit = name switch
            {
                "FromDays" => MsPerDay,
                "FromHours" => MsPerHour,
                "FromMinutes" => MsPerMinute,
                "FromSeconds" => 1000,
                "FromMilliseconds" => 1,
                "FromMicroseconds" => 0.001,
                "FromTicks" => 0.0001,
                _ => -1,
            };
            if (unit < 0) return null;
            double total = 0;
            foreach (var argument in call.Arguments)
            {
                if (Number(argument.Value) is not { } value) return null;
                total += value * (argument.Parameter?.Name switch
                {
                    "days" => MsPerDay,
                    "hours" => MsPerHour,
                    "minutes" => MsPerMinute,
                    "seconds" => 1000,
                    "milliseconds" => 1,
                    "microseconds" => 0.001,
                    _ => unit,
                });
            }
            return (long)Math.Round(total, MidpointRounding.AwayFromZero);
        }

        /// <summary><c>new TimeSpan(ticks)</c>, <c>(h, m, s)</c>, <c>(d, h, m, s)</c>, <c>(d, h, m, s, ms)</c>.</summary>
        private static long? FromConstructor(IObjectCreationOperation creation)
        {
            var values = new double[creation.Arguments.Length];
            for (int i = 0; i < values.Length; i++)
            {
                if (Number(creation.Arguments[i].Value) is not { } value) return null;
                values[i] = value;
            }
            double ms = values.Length switch
            {
                1 => values[0] / 10_000,
                3 => (values[0] * MsPerHour) + (values[1] * MsPerMinute) + (values[2] * 1000),
                4 => (values[0] * MsPerDay) + (values[1] * MsPerHour) + (values[2] * MsPerMinute) + (values[3] * 1000),
                5 => (values[0] * MsPerDay) + (values[1] * MsPerHour) + (values[2] * MsPerMinute) + (values[3] * 1000) + values[4],
                _ => double.NaN,
            };
            return double.IsNaN(ms) ? null : (long)ms;
        }

        private static double? Number(IOperation value) =>
            value.ConstantValue is { HasValue: true, Value: { } constant } && constant is not string && constant is not bool
                ? Convert.ToDouble(constant, System.Globalization.CultureInfo.InvariantCulture)
                : null;

        private static bool IsTimeSpan(ITypeSymbol? type) =>
            type is { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } };
    }
}
