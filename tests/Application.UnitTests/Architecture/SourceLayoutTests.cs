using System.Text.RegularExpressions;
using ProxyAdmin.Application.Users.Commands.CreateUser;

namespace ProxyAdmin.Application.UnitTests.Architecture;

/// <summary>
/// The house rules of docs/ARCHITECTURE.md that a newcomer relies on to find things: no file holds a type its
/// name does not announce, specifications live in <c>&lt;Feature&gt;Specifications.cs</c>, and the inner layers
/// reference nothing they must not know.
/// </summary>
public sealed partial class SourceLayoutTests
{
    private static readonly string SourceRoot = Path.Combine(FindRepositoryRoot(), "src");

    /// <summary>Files that declare no type by design: each layer's global usings, and the Api's top-level program.</summary>
    private static readonly HashSet<string> TypelessFiles = new(StringComparer.Ordinal)
    {
        "Api/GlobalUsings.cs", "Application/GlobalUsings.cs", "Infrastructure/GlobalUsings.cs", "Api/Program.cs",
    };

    private static readonly string[] SourceFiles = Directory.GetFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
        .Where(path => !IsGeneratedOrBuildOutput(path))
        .Select(path => Path.GetRelativePath(SourceRoot, path).Replace('\\', '/'))
        .Order(StringComparer.Ordinal)
        .ToArray();

    private static readonly string[] TypeFiles = SourceFiles.Where(file => !TypelessFiles.Contains(file)).ToArray();

    [Test]
    public void TheSourceTreeIsFound()
    {
        Assert.That(SourceFiles, Has.Length.GreaterThan(150));
        Assert.That(TypelessFiles, Is.SubsetOf(SourceFiles), "an exemption for a file that no longer exists");
    }

    [Test]
    public void EveryFileUsesAFileScopedNamespace() =>
        Assert.That(
            TypeFiles.Where(file => File.ReadAllLines(Path.Combine(SourceRoot, file)).Count(line => line.StartsWith("namespace ", StringComparison.Ordinal) && line.TrimEnd().EndsWith(';')) != 1),
            Is.Empty,
            "files without exactly one file-scoped namespace (the type checks below read column 0 as top level)");

    [Test]
    public void EveryFileHoldsOnlyTypesItsNameAnnounces()
    {
        var typeless = TypeFiles.Where(file => TopLevelTypes(file).Count == 0);
        var unannounced = TypeFiles.SelectMany(file => TopLevelTypes(file).Where(type => !IsAnnounced(file, type)).Select(type => $"{file}: {type}"));

        Assert.That(typeless, Is.Empty, "files that declare no type");
        Assert.That(unannounced, Is.Empty, "types in files whose name does not announce them; give each a file of its own name (docs/ARCHITECTURE.md, 'Where does X go')");
    }

    [Test]
    public void SpecificationsLiveInFeatureSpecificationFiles()
    {
        var misplaced = SourceFiles.Where(file => SpecificationDeclaration().IsMatch(File.ReadAllText(Path.Combine(SourceRoot, file))) != IsSpecificationsFile(file));

        Assert.That(misplaced, Is.Empty, "specifications live in <Feature>Specifications.cs, and such a file holds nothing else");
        Assert.That(SourceFiles.Count(IsSpecificationsFile), Is.GreaterThanOrEqualTo(6), "the check found the specification files");
    }

    [Test]
    public void EveryUseCaseFileHasOneHandler()
    {
        var useCaseFiles = SourceFiles.Where(IsUseCaseFile).ToList();

        Assert.That(useCaseFiles, Has.Count.GreaterThan(40));
        Assert.That(useCaseFiles.Where(file => TopLevelTypes(file).Count(type => type.EndsWith("Handler", StringComparison.Ordinal)) != 1), Is.Empty);
    }

    [Test]
    public void TheDomainReferencesNoOtherLayerOrPackage()
    {
        var references = typeof(Domain.Common.AggregateRoot).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Has.All.Matches<string>(name => name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib"));
    }

    [Test]
    public void TheApplicationKnowsNothingOfPersistenceOrHttp()
    {
        var references = typeof(CreateUserCommand).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.That(references, Has.None.Contains("EntityFrameworkCore").And.None.Contains("AspNetCore").And.None.Contains("ProxyAdmin.Infrastructure").And.None.Contains("ProxyAdmin.Api"));
    }

    /// <summary>
    /// A file announces the type of its own name. A use-case file (<c>Commands/CreateProject/CreateProject.cs</c>)
    /// announces its messages, their validators and request bodies, and its handler; <c>DependencyInjection.cs</c>
    /// its layer's registration extensions; <c>&lt;Feature&gt;Specifications.cs</c> that feature's specifications.
    /// </summary>
    private static bool IsAnnounced(string file, string type)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return type == name
            || (IsUseCaseFile(file) && UseCaseMember().IsMatch(type))
            || (name == "DependencyInjection" && type.EndsWith("ServiceCollectionExtensions", StringComparison.Ordinal))
            || IsSpecificationsFile(file);
    }

    private static bool IsUseCaseFile(string file)
    {
        var parts = file.Split('/');
        return parts.Length >= 3 && parts[^3] is "Commands" or "Queries" && Path.GetFileNameWithoutExtension(file) == parts[^2];
    }

    private static bool IsSpecificationsFile(string file) => Path.GetFileName(file).EndsWith("Specifications.cs", StringComparison.Ordinal);

    private static List<string> TopLevelTypes(string file) =>
        File.ReadLines(Path.Combine(SourceRoot, file))
            .Select(line => TopLevelDeclaration().Match(line))
            .Where(match => match.Success)
            .Select(match => match.Groups["name"].Value)
            .ToList();

    private static bool IsGeneratedOrBuildOutput(string path)
    {
        var relative = Path.GetRelativePath(SourceRoot, path).Replace('\\', '/');
        return relative.Contains("/obj/", StringComparison.Ordinal) || relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/Migrations/", StringComparison.Ordinal);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ProxyAdmin.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ProxyAdmin.sln not found above the test directory.");
    }

    /// <summary>A type declared at column 0: with file-scoped namespaces every top-level type is, and no nested one is.</summary>
    [GeneratedRegex(@"^(?:public |internal |file )?(?:(?:sealed|static|abstract|partial|readonly) )*(?:class|record struct|record class|record|interface|enum|struct) (?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TopLevelDeclaration();

    [GeneratedRegex(@"(Command|Query)(Validator|Handler)?$|Request$")]
    private static partial Regex UseCaseMember();

    [GeneratedRegex(@":\s*Specification<")]
    private static partial Regex SpecificationDeclaration();
}
