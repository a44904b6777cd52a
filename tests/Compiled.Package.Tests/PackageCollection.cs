namespace Compiled.Package.Tests;

/// <summary>
/// The tests that share one packed package and one consumer project; xunit runs the tests of a collection
/// one at a time, which <see cref="ConsumerProject"/> needs.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PackageCollection : ICollectionFixture<PackageFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Compiled package";
}
