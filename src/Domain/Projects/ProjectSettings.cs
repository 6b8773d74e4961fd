using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Projects;

/// <summary>The caller-chosen fields of a project other than its budget; a null field is "not given".</summary>
public sealed record ProjectSettings
{
    public string? ProjectAlias { get; init; }
    public string? Description { get; init; }
    public List<string>? Models { get; init; }
    public JsonObject? Metadata { get; init; }
    public bool? Blocked { get; init; }
}
