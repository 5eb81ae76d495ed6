namespace SparseCompile.Build.Tests.EndToEnd;

/// <summary>
/// A temporary console project that references the packed SparseCompile by version, as a user's app would. Its items and
/// program are plain text; <see cref="WriteProgram"/> swaps the program (for example for one that calls a generated class).
/// </summary>
internal sealed class ConsoleApp
{
    private static readonly string TargetFramework = $"net{Environment.Version.Major}.0";
    private readonly PackageFeed feed;

    public ConsoleApp(PackageFeed feed, string folder, string name)
    {
        this.feed = feed;
        Name = name;
        Folder = Directory.CreateDirectory(folder).FullName;
        WriteProgram(SessionProgram.Source);
    }

    public string Name { get; }

    public string Folder { get; }

    public string ProjectPath => Path.Combine(Folder, Name + ".csproj");

    /// <summary>obj/Debug/&lt;tfm&gt;/sparse: where the models compile to.</summary>
    public string SparseFolder => Path.Combine(Folder, "obj", "Debug", TargetFramework, "sparse");

    /// <summary>bin/Debug/&lt;tfm&gt;: the app's output folder.</summary>
    public string OutputFolder => Path.Combine(Folder, "bin", "Debug", TargetFramework);

    /// <summary>A path in the project folder, its parent created.</summary>
    public string File(string relative)
    {
        string path = Path.Combine(Folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Writes the project with these <c>&lt;SparseModel .../&gt;</c> elements (and any other items).</summary>
    public ConsoleApp WriteProject(params string[] items)
    {
        System.IO.File.WriteAllText(ProjectPath, $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>{TargetFramework}</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <RootNamespace>{Name}</RootNamespace>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SparseCompile" Version="{feed.Version}" />
                <PackageReference Include="Microsoft.ML.OnnxRuntime" Version="{feed.OnnxRuntimeVersion}" />
              </ItemGroup>
              <ItemGroup>
                {string.Join("\n    ", items)}
              </ItemGroup>
            </Project>
            """);
        return this;
    }

    /// <summary>Replaces Program.cs.</summary>
    public ConsoleApp WriteProgram(string source)
    {
        System.IO.File.WriteAllText(Path.Combine(Folder, "Program.cs"), source);
        return this;
    }

    public DotnetResult Build(params string[] extra) => Dotnet.Build(Folder, ProjectPath, extra);

    public DotnetResult Clean() => Dotnet.Run(Folder, "clean", ProjectPath, "-nodeReuse:false", "-tl:off");

    /// <summary>Runs the built app (<c>dotnet bin/.../app.dll args</c>).</summary>
    public DotnetResult Run(params string[] arguments) =>
        Dotnet.Run(Folder, [Path.Combine(OutputFolder, Name + ".dll"), .. arguments]);
}
