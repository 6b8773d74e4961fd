namespace ProxyAdmin.Domain.Audit;

/// <summary>LiteLLM's table names, kept so audit consumers written for LiteLLM keep filtering the same way, and ProxyAdmin's own where LiteLLM has none.</summary>
public static class AuditTables
{
    public const string Users = "LiteLLM_UserTable";
    public const string Keys = "LiteLLM_VerificationToken";
    public const string Teams = "LiteLLM_TeamTable";
    public const string Projects = "LiteLLM_ProjectTable";
    public const string Models = "LiteLLM_ProxyModelTable";
    public const string Budgets = "LiteLLM_BudgetTable";
    public const string Organizations = "LiteLLM_OrganizationTable";
    public const string Credentials = "LiteLLM_CredentialsTable";

    /// <summary>ProxyAdmin's own: the runs of <c>POST /encryption/rotate</c> (LiteLLM cannot rotate its salt key).</summary>
    public const string EncryptionRotations = "ProxyAdmin_EncryptionRotation";

    public static readonly IReadOnlyList<string> All = [Users, Keys, Teams, Projects, Models, Budgets, Organizations, Credentials, EncryptionRotations];
}
