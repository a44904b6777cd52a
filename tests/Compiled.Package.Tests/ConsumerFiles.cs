using System.Security;

namespace Compiled.Package.Tests;

/// <summary>The project files of <see cref="ConsumerProject"/>: what docs/getting-started.md tells a user to write.</summary>
internal static class ConsumerFiles
{
    /// <summary>Stops MSBuild's search for Directory.Build.props/targets in the folders above.</summary>
    public const string EmptyProject = "<Project />\n";

    /// <summary>Stops the search for a Directory.Packages.props above and turns central package management off.</summary>
    public const string NoCentralPackageManagement = """
        <Project>
          <PropertyGroup>
            <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
          </PropertyGroup>
        </Project>
        """;

    /// <summary>The local feed for Compiled only; everything else from nuget.org.</summary>
    public static string NuGetConfig(string feed) => $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <clear />
            <add key="compiled" value="{SecurityElement.Escape(feed)}" />
            <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
          </packageSources>
          <packageSourceMapping>
            <packageSource key="compiled">
              <package pattern="Compiled" />
            </packageSource>
            <packageSource key="nuget.org">
              <package pattern="*" />
            </packageSource>
          </packageSourceMapping>
        </configuration>
        """;

    /// <summary>
    /// A console app as <c>dotnet new console</c> makes it, plus the package reference and nothing else; warnings
    /// are errors, so anything the package brings that the app did not ask for (a downgrade, a clashing
    /// reference) fails the build.
    /// </summary>
    public static string Project(string packageVersion) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <ImplicitUsings>enable</ImplicitUsings>
            <Nullable>enable</Nullable>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Compiled" Version="{packageVersion}" />
          </ItemGroup>
        </Project>
        """;
}
