namespace Compiled.EndToEnd.Tests.Queries;

/// <summary>A large sale, projected for the JSON file sink.</summary>
public sealed record SaleLine(long Id, string Item, decimal Amount);
