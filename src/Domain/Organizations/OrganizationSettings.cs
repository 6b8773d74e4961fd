using System.Text.Json.Nodes;

namespace ProxyAdmin.Domain.Organizations;

/// <summary>The caller-chosen settings of an organization; a null field is "not given".</summary>
public sealed record OrganizationSettings
{
    public string? OrganizationAlias { get; init; }

    /// <summary>Models the organization's teams may use; empty or <c>all-proxy-models</c> means no restriction. Replaces the stored list.</summary>
    public List<string>? Models { get; init; }

    /// <summary>Merged into the stored metadata; a null value removes that key.</summary>
    public JsonObject? Metadata { get; init; }
}
