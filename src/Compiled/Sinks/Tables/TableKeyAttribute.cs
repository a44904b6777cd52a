namespace Compiled.Sinks.Tables;

/// <summary>
/// Marks the member (or members, for a composite key) of a row type that identify a row of a table sink: an
/// Update-mode query upserts on them, and a table the sink creates gets them as its primary key.
/// </summary>
/// <remarks>
/// On a positional record the attribute may sit on the constructor parameter (<c>record Total([TableKey] string Key, long Count)</c>);
/// the sink looks for it on the parameter and on the property of the same name. A key selector passed to the sink's
/// factory takes precedence over the attribute.
/// </remarks>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class TableKeyAttribute : Attribute
{
}
