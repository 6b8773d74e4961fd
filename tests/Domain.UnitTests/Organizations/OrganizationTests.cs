using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Budgets;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Organizations;
using ProxyAdmin.Domain.Permissions;
using ProxyAdmin.Domain.UnitTests.TestSupport;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Organizations;

public sealed class OrganizationTests
{
    /// <summary>The hash of the key a principal presented; the organization rules never look at it.</summary>
    private static readonly string Token = new('e', 64);

    private static Budget Row(double? maxBudget = null) => Budget.Create(new BudgetSettings { MaxBudget = maxBudget }, Stamps.Created);

    private static Organization Acme(List<string>? models = null) => Organization.Create(
        "org-1",
        new OrganizationSettings { OrganizationAlias = "Acme", Models = models, Metadata = new JsonObject { ["owner"] = "ops", ["tier"] = 1 } },
        Row(100),
        Stamps.Created);

    /// <summary>Acme with an org admin (ada), an internal user (bo) and a viewer (cy).</summary>
    private static Organization AcmeWithMembers()
    {
        var organization = Acme();
        organization.AddMember(new OrganizationMember("ada", OrganizationRole.OrgAdmin, Stamps.Created), Stamps.Created);
        organization.AddMember(new OrganizationMember("bo", OrganizationRole.InternalUser, Stamps.Created), Stamps.Created);
        organization.AddMember(new OrganizationMember("cy", OrganizationRole.InternalUserViewer, Stamps.Created), Stamps.Created);
        return organization;
    }

    private static void AssertTouchedByTheUpdate(Organization organization)
    {
        Assert.That(organization.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(organization.UpdatedBy, Is.EqualTo("bob"));
        Assert.That(organization.CreatedAt, Is.EqualTo(Stamps.At), "the creation stays as it was");
        Assert.That(organization.CreatedBy, Is.EqualTo("alice"));
    }

    // ---- Create and update

    [Test]
    public void CreatingTakesTheIdSettingsBudgetRowAndStamp()
    {
        var budget = Row(100);

        var organization = Organization.Create(
            "org-1", new OrganizationSettings { OrganizationAlias = "Acme", Models = ["gpt-4o"], Metadata = new JsonObject { ["owner"] = "ops" } }, budget, Stamps.Created);

        Assert.That(organization.OrganizationId, Is.EqualTo("org-1"));
        Assert.That(organization.OrganizationAlias, Is.EqualTo("Acme"));
        Assert.That(organization.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(organization.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"ops"}"""));
        Assert.That(organization.Budget, Is.SameAs(budget));
        Assert.That(organization.BudgetId, Is.EqualTo(budget.BudgetId));
        Assert.That(organization.Members, Is.Empty);
        Assert.That(organization.Spend, Is.Zero);
        Assert.That(organization.ModelSpend, Is.Empty);
        Assert.That(organization.ObjectPermissionId, Is.Null);
        Assert.That((organization.CreatedAt, organization.CreatedBy, organization.UpdatedAt, organization.UpdatedBy), Is.EqualTo((Stamps.At, "alice", Stamps.At, "alice")));
    }

    [Test]
    public void CreatingWithoutModelsOrMetadataStoresEmptyOnes()
    {
        var organization = Organization.Create("org-1", new OrganizationSettings { OrganizationAlias = "Acme" }, Row(), Stamps.Created);

        Assert.That(organization.Models, Is.Empty);
        Assert.That(organization.Metadata, Is.Empty);
        Assert.That(organization.AllowsAllModels, Is.True);
    }

    [Test]
    public void CreatingWithoutAnAliasIsAProgrammingError() =>
        Assert.Throws<ArgumentException>(() => Organization.Create("org-1", new OrganizationSettings(), Row(), Stamps.Created));

    [TestCase(new string[0], true)]
    [TestCase(new[] { "all-proxy-models" }, true)]
    [TestCase(new[] { "gpt-4o", "all-proxy-models" }, true)]
    [TestCase(new[] { "gpt-4o" }, false)]
    public void OnlyAnEmptyListOrAllProxyModelsAllowsEveryModel(string[] models, bool allowsAll) =>
        Assert.That(Acme([.. models]).AllowsAllModels, Is.EqualTo(allowsAll));

    [Test]
    public void UpdatingChangesOnlyWhatIsSentAndMergesMetadata()
    {
        var organization = Acme(["gpt-4o"]);

        organization.Update(new OrganizationSettings { Metadata = new JsonObject { ["owner"] = null, ["region"] = "eu" } }, Stamps.Updated);

        Assert.That(organization.OrganizationAlias, Is.EqualTo("Acme"));
        Assert.That(organization.Models, Is.EqualTo(new[] { "gpt-4o" }));
        Assert.That(organization.Metadata.ToJsonString(), Is.EqualTo("""{"tier":1,"region":"eu"}"""), "a null value removes the key");
        AssertTouchedByTheUpdate(organization);
    }

    [Test]
    public void UpdatingReplacesTheAliasAndTheModelList()
    {
        var organization = Acme(["gpt-4o", "claude"]);

        organization.Update(new OrganizationSettings { OrganizationAlias = "Acme EU", Models = ["mistral"] }, Stamps.Updated);

        Assert.That(organization.OrganizationAlias, Is.EqualTo("Acme EU"));
        Assert.That(organization.Models, Is.EqualTo(new[] { "mistral" }));
        Assert.That(organization.Metadata.ToJsonString(), Is.EqualTo("""{"owner":"ops","tier":1}"""));
        AssertTouchedByTheUpdate(organization);
    }

    [Test]
    public void LinkingAnotherBudgetRowReplacesTheLink()
    {
        var organization = Acme();
        var other = Budget.CreateStandalone(new BudgetSettings { MaxBudget = 5 }, Stamps.Created, "shared");

        organization.LinkBudget(other);

        Assert.That(organization.Budget, Is.SameAs(other));
        Assert.That(organization.BudgetId, Is.EqualTo("shared"));
    }

    [Test]
    public void ThePermissionIsCreatedOnceThenChangedInPlace()
    {
        var organization = Acme();

        organization.SetPermission(new ObjectPermissionSettings { VectorStores = ["vs-1"], McpServers = ["mcp-1"] });
        var permission = organization.ObjectPermission!;
        organization.SetPermission(new ObjectPermissionSettings { McpServers = ["mcp-2"] });

        Assert.That(organization.ObjectPermission, Is.SameAs(permission));
        Assert.That(organization.ObjectPermissionId, Is.EqualTo(permission.ObjectPermissionId));
        Assert.That(permission.McpServers, Is.EqualTo(new[] { "mcp-2" }));
        Assert.That(permission.VectorStores, Is.EqualTo(new[] { "vs-1" }), "a list not sent stays");
    }

    // ---- Members

    [Test]
    public void AddingAMemberKeepsItsRoleAndTouchesTheOrganization()
    {
        var organization = Acme();

        var added = organization.AddMember(new OrganizationMember("ada", OrganizationRole.OrgAdmin, Stamps.Updated), Stamps.Updated);

        Assert.That(added, Is.True);
        var member = organization.FindMember("ada")!;
        Assert.That((member.UserId, member.Role, member.BudgetId, member.Spend), Is.EqualTo(("ada", OrganizationRole.OrgAdmin, (string?)null, 0d)));
        Assert.That((member.CreatedAt, member.UpdatedAt), Is.EqualTo((Stamps.Later, Stamps.Later)));
        Assert.That(organization.IsMember("ada"), Is.True);
        AssertTouchedByTheUpdate(organization);
    }

    [Test]
    public void AddingAUserWhoIsAlreadyAMemberChangesNothing()
    {
        var organization = AcmeWithMembers();

        var added = organization.AddMember(new OrganizationMember("bo", OrganizationRole.OrgAdmin, Stamps.Updated), Stamps.Updated);

        Assert.That(added, Is.False);
        Assert.That(organization.Members, Has.Count.EqualTo(3));
        Assert.That(organization.FindMember("bo")!.Role, Is.EqualTo(OrganizationRole.InternalUser), "the existing membership keeps its role");
        Assert.That(organization.UpdatedAt, Is.EqualTo(Stamps.At), "nothing changed, so the organization is not touched");
    }

    [TestCase("default_user_id")]
    [TestCase("LiteLLM-Dashboard")]
    [TestCase("key:abc")]
    public void AReservedIdCanNeverBecomeAMember(string userId)
    {
        var refused = Assert.Throws<DomainRuleException>(() => _ = new OrganizationMember(userId, OrganizationRole.OrgAdmin, Stamps.Created));

        Assert.That(refused.Param, Is.EqualTo("user_id"));
        Assert.That(refused.Message, Is.EqualTo(ReservedUserIds.Refusal(userId, "user_id")));
    }

    [Test]
    public void OnlyMembersWithTheOrgAdminRoleAreAdmins()
    {
        var organization = AcmeWithMembers();

        Assert.That(organization.IsAdmin("ada"), Is.True);
        Assert.That(organization.IsAdmin("bo"), Is.False);
        Assert.That(organization.IsAdmin("cy"), Is.False);
        Assert.That(organization.IsAdmin("zed"), Is.False);
        Assert.That(organization.IsMember("cy"), Is.True);
        Assert.That(organization.IsMember("zed"), Is.False);
        Assert.That(organization.FindMember("zed"), Is.Null);
    }

    [Test]
    public void ChangingAMembersRoleStampsTheMemberAndTheOrganization()
    {
        var organization = AcmeWithMembers();

        var changed = organization.ChangeMemberRole("bo", OrganizationRole.OrgAdmin, Stamps.Updated);

        Assert.That(changed, Is.True);
        var member = organization.FindMember("bo")!;
        Assert.That(member.Role, Is.EqualTo(OrganizationRole.OrgAdmin));
        Assert.That(member.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(member.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(organization.IsAdmin("bo"), Is.True);
        AssertTouchedByTheUpdate(organization);
    }

    [Test]
    public void ChangingTheRoleOfANonMemberChangesNothing()
    {
        var organization = AcmeWithMembers();

        Assert.That(organization.ChangeMemberRole("zed", OrganizationRole.OrgAdmin, Stamps.Updated), Is.False);
        Assert.That(organization.IsMember("zed"), Is.False);
        Assert.That(organization.UpdatedAt, Is.EqualTo(Stamps.At));
    }

    [Test]
    public void AMemberGetsABudgetRowOfItsOwn()
    {
        var organization = AcmeWithMembers();
        var own = Row(7);

        organization.SetMemberBudget("bo", own, Stamps.Updated);

        Assert.That(organization.FindMember("bo")!.BudgetId, Is.EqualTo(own.BudgetId));
        Assert.That(organization.FindMember("bo")!.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(organization.FindMember("ada")!.BudgetId, Is.Null, "the other members keep theirs");
        AssertTouchedByTheUpdate(organization);
    }

    [Test]
    public void ABudgetForANonMemberIsAProgrammingError()
    {
        var organization = AcmeWithMembers();

        var refused = Assert.Throws<InvalidOperationException>(() => organization.SetMemberBudget("zed", Row(7), Stamps.Updated));

        Assert.That(refused.Message, Is.EqualTo("User zed is not a member of organization org-1."));
        Assert.That(organization.UpdatedAt, Is.EqualTo(Stamps.At));
    }

    [Test]
    public void RemovingAMemberTakesOnlyThatMembership()
    {
        var organization = AcmeWithMembers();

        var removed = organization.RemoveMember("bo", Stamps.Updated);

        Assert.That(removed, Is.True);
        Assert.That(organization.Members.Select(m => m.UserId), Is.EqualTo(new[] { "ada", "cy" }));
        AssertTouchedByTheUpdate(organization);
    }

    [Test]
    public void RemovingANonMemberChangesNothing()
    {
        var organization = AcmeWithMembers();

        Assert.That(organization.RemoveMember("zed", Stamps.Updated), Is.False);
        Assert.That(organization.Members, Has.Count.EqualTo(3));
        Assert.That(organization.UpdatedAt, Is.EqualTo(Stamps.At));
    }

    // ---- Who sees and who administers

    [TestCase("zed", UserRole.ProxyAdmin, true, true)]
    [TestCase("zed", UserRole.ProxyAdminViewer, true, false)]
    [TestCase("ada", UserRole.InternalUser, true, true)]
    [TestCase("bo", UserRole.InternalUser, true, false)]
    [TestCase("cy", UserRole.InternalUserViewer, true, false)]
    [TestCase("zed", UserRole.InternalUser, false, false)]
    [TestCase("zed", UserRole.OrgAdmin, false, false)]
    public void MembersAndAdminsSeeAnOrganizationAndOnlyProxyAdminsAndOrgAdminsAdministerIt(string userId, UserRole role, bool sees, bool administers)
    {
        var who = Principal.ForUser(userId, role, Token);

        Assert.That(AcmeWithMembers().IsVisibleTo(who), Is.EqualTo(sees), "sees");
        Assert.That(AcmeWithMembers().IsAdministeredBy(who), Is.EqualTo(administers), "administers");
    }

    [Test]
    public void AProxyAdminMemberWithoutTheOrgAdminRoleStillAdministersTheOrganization()
    {
        var who = Principal.ForUser("bo", UserRole.ProxyAdmin, Token);

        Assert.That(AcmeWithMembers().IsAdministeredBy(who), Is.True, "the proxy-wide role decides, not the membership's");
    }

    [Test]
    public void AnOrgAdminOfAnotherOrganizationIsAnOutsiderHere()
    {
        var other = Organization.Create("org-2", new OrganizationSettings { OrganizationAlias = "Other" }, Row(), Stamps.Created);
        var mallory = Principal.ForUser("mallory", UserRole.InternalUser, Token);
        other.AddMember(new OrganizationMember("mallory", OrganizationRole.OrgAdmin, Stamps.Created), Stamps.Created);

        Assert.That(AcmeWithMembers().IsVisibleTo(mallory), Is.False);
        Assert.That(AcmeWithMembers().IsAdministeredBy(mallory), Is.False);
    }

    [Test]
    public void TheMasterKeySeesAndAdministersEveryOrganization()
    {
        var master = Principal.ForMasterKey(Token);

        Assert.That(AcmeWithMembers().IsVisibleTo(master), Is.True);
        Assert.That(AcmeWithMembers().IsAdministeredBy(master), Is.True);
    }

    [Test]
    public void AServiceAccountNeitherSeesNorAdministersAnOrganization()
    {
        var serviceAccount = Principal.ForServiceAccount(Token, "t1");

        Assert.That(AcmeWithMembers().IsVisibleTo(serviceAccount), Is.False);
        Assert.That(AcmeWithMembers().IsAdministeredBy(serviceAccount), Is.False);
    }

    [Test]
    public void ADemotedOrgAdminNoLongerAdministersAndARemovedMemberNoLongerSees()
    {
        var organization = AcmeWithMembers();
        var ada = Principal.ForUser("ada", UserRole.InternalUser, Token);

        organization.ChangeMemberRole("ada", OrganizationRole.InternalUser, Stamps.Updated);
        Assert.That(organization.IsAdministeredBy(ada), Is.False);
        Assert.That(organization.IsVisibleTo(ada), Is.True);

        organization.RemoveMember("ada", Stamps.Updated);
        Assert.That(organization.IsVisibleTo(ada), Is.False);
    }
}
