namespace Compiled;

/// <summary>An input of a logical plan: a fixed collection of rows.</summary>
internal sealed class SourceStream<T>(string name, IEnumerable<T> rows) : LogicalStream<T>
{
    public override IEnumerable<T> Evaluate() => rows;

    protected override string Operator => "Source(" + name + ")";

    protected override object? Input => null;
}
