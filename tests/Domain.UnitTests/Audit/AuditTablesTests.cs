using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Domain.UnitTests.Audit;

public sealed class AuditTablesTests
{
    [Test]
    public void AllListsTheEightLiteLlmTablesAndTheRotations() =>
        Assert.That(
            AuditTables.All,
            Is.EqualTo(new[] { "LiteLLM_UserTable", "LiteLLM_VerificationToken", "LiteLLM_TeamTable", "LiteLLM_ProjectTable", "LiteLLM_ProxyModelTable", "LiteLLM_BudgetTable", "LiteLLM_OrganizationTable", "LiteLLM_CredentialsTable", "ProxyAdmin_EncryptionRotation" }));

    [Test]
    public void AllHoldsEachNamedTable() =>
        Assert.That(AuditTables.All, Is.EquivalentTo(new[] { AuditTables.Users, AuditTables.Keys, AuditTables.Teams, AuditTables.Projects, AuditTables.Models, AuditTables.Budgets, AuditTables.Organizations, AuditTables.Credentials, AuditTables.EncryptionRotations }));
}
