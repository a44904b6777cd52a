namespace Compiled;

/// <summary>A stateless or batch operator over one input, evaluated with LINQ to Objects.</summary>
internal sealed class UnaryStream<TIn, TOut>(LogicalStream<TIn> input, string name, Func<IEnumerable<TIn>, IEnumerable<TOut>> apply)
    : LogicalStream<TOut>
{
    public override IEnumerable<TOut> Evaluate() => apply(input.Evaluate());

    protected override string Operator => name;

    protected override object? Input => input;
}
