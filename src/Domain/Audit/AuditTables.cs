namespace ProxyAdmin.Domain.Audit;

/// <summary>LiteLLM's table names, kept so audit consumers written for LiteLLM keep filtering the same way.</summary>
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

    public static readonly IReadOnlyList<string> All = [Users, Keys, Teams, Projects, Models, Budgets, Organizations, Credentials];
}
