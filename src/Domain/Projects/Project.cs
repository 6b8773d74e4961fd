using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Permissions;

namespace ProxyAdmin.Domain.Projects;

/// <summary>
/// A project sits between a team and its keys: it belongs to one team, links a budget row for its limits
/// and may carry an object permission. Its limits never exceed its team's (<see cref="ProjectLimits"/>).
/// </summary>
public sealed class Project : AggregateRoot
{
    public const int IdMaxLength = 128;
    public const int AliasMaxLength = 256;
    public const int DescriptionMaxLength = 2000;

    private Project()
    {
    }

    public string ProjectId { get; private set; } = null!;
    public string? ProjectAlias { get; private set; }
    public string? Description { get; private set; }
    public string TeamId { get; private set; } = null!;
    public string? BudgetId { get; private set; }
    public Budget? Budget { get; private set; }
    public JsonObject Metadata { get; private set; } = [];
    public List<string> Models { get; private set; } = [];
    public double Spend { get; private set; }

    /// <summary>Spend per model; written by spend tracking, never by a request.</summary>
    public JsonObject ModelSpend { get; private set; } = [];

    public bool Blocked { get; private set; }
    public string? ObjectPermissionId { get; private set; }
    public ObjectPermission? ObjectPermission { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    public static Project Create(string projectId, string teamId, ProjectSettings settings, AuditStamp created)
    {
        var project = new Project
        {
            ProjectId = projectId,
            TeamId = teamId,
            Metadata = settings.Metadata ?? [],
            Models = settings.Models ?? [],
            Blocked = settings.Blocked ?? false,
            CreatedAt = created.At,
            CreatedBy = created.By,
        };
        project.Apply(settings, created);
        return project;
    }

    /// <summary>Applies the fields that are present; metadata is merged into what is stored.</summary>
    public void Update(ProjectSettings changes, AuditStamp stamp)
    {
        if (changes.Metadata is { } metadata)
        {
            Metadata = MetadataMap.Merge(Metadata, metadata);
        }

        Models = changes.Models ?? Models;
        Blocked = changes.Blocked ?? Blocked;
        Apply(changes, stamp);
    }

    public void MoveTo(string teamId, AuditStamp stamp)
    {
        TeamId = teamId;
        Touch(stamp);
    }

    public void LinkBudget(Budget budget)
    {
        Budget = budget;
        BudgetId = budget.BudgetId;
    }

    /// <summary>Gives the project its object permission, or changes the lists of the one it has.</summary>
    public void SetPermission(ObjectPermissionSettings settings)
    {
        if (ObjectPermission is { } existing)
        {
            existing.Update(settings);
            return;
        }

        ObjectPermission = ObjectPermission.Create(settings);
        ObjectPermissionId = ObjectPermission.ObjectPermissionId;
    }

    private void Apply(ProjectSettings changes, AuditStamp stamp)
    {
        ProjectAlias = changes.ProjectAlias ?? ProjectAlias;
        Description = changes.Description ?? Description;
        Touch(stamp);
    }

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
