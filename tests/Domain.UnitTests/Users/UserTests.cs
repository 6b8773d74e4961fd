using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.UnitTests.TestSupport;
using ProxyAdmin.Domain.Users;

namespace ProxyAdmin.Domain.UnitTests.Users;

public sealed class UserTests
{
    private static UserProfile FullProfile() => new()
    {
        UserEmail = "carol@example.com",
        UserAlias = "Carol",
        MaxBudget = 100,
        Models = ["gpt-4o", "claude"],
        TpmLimit = 1000,
        RpmLimit = 60,
        MaxParallelRequests = 4,
        BudgetDuration = "30d",
        Metadata = new JsonObject { ["team"] = "red", ["tier"] = 1 },
    };

    private static User FullUser() => User.Create("carol", UserRole.InternalUser, FullProfile(), Stamps.Created);

    [Test]
    public void CreatingTakesTheIdRoleProfileAndStamp()
    {
        var user = FullUser();

        Assert.That(user.UserId, Is.EqualTo("carol"));
        Assert.That(user.UserRole, Is.EqualTo(UserRole.InternalUser));
        Assert.That(user.UserEmail, Is.EqualTo("carol@example.com"));
        Assert.That(user.UserAlias, Is.EqualTo("Carol"));
        Assert.That(user.MaxBudget, Is.EqualTo(100));
        Assert.That(user.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(user.TpmLimit, Is.EqualTo(1000));
        Assert.That(user.RpmLimit, Is.EqualTo(60));
        Assert.That(user.MaxParallelRequests, Is.EqualTo(4));
        Assert.That(user.BudgetDuration, Is.EqualTo("30d"));
        Assert.That(user.Metadata.ToJsonString(), Is.EqualTo("""{"team":"red","tier":1}"""));
        Assert.That(user.Spend, Is.Zero);
        Assert.That(user.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(user.CreatedBy, Is.EqualTo("alice"));
        Assert.That(user.UpdatedAt, Is.EqualTo(Stamps.At));
        Assert.That(user.UpdatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void ABudgetDurationOnCreateSetsTheResetFromTheStampsInstant() =>
        Assert.That(FullUser().BudgetResetAt, Is.EqualTo(new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc)));

    [Test]
    public void AnEmptyProfileLeavesEveryOptionalFieldUnset()
    {
        var user = User.Create("dan", UserRole.InternalUserViewer, new UserProfile(), Stamps.Created);

        Assert.That(user.UserEmail, Is.Null);
        Assert.That(user.UserAlias, Is.Null);
        Assert.That(user.MaxBudget, Is.Null);
        Assert.That(user.Models, Is.Empty);
        Assert.That(user.TpmLimit, Is.Null);
        Assert.That(user.RpmLimit, Is.Null);
        Assert.That(user.MaxParallelRequests, Is.Null);
        Assert.That(user.BudgetDuration, Is.Null);
        Assert.That(user.BudgetResetAt, Is.Null);
        Assert.That(user.Metadata, Is.Empty);
    }

    [Test]
    public void UpdatingAppliesOnlyTheFieldsGiven()
    {
        var user = FullUser();

        user.Update(new UserProfile { UserAlias = "Caroline", RpmLimit = 30 }, role: null, Stamps.Updated);

        Assert.That(user.UserAlias, Is.EqualTo("Caroline"));
        Assert.That(user.RpmLimit, Is.EqualTo(30));
        Assert.That(user.UserEmail, Is.EqualTo("carol@example.com"));
        Assert.That(user.UserRole, Is.EqualTo(UserRole.InternalUser));
        Assert.That(user.MaxBudget, Is.EqualTo(100));
        Assert.That(user.Models, Is.EqualTo(new[] { "gpt-4o", "claude" }));
        Assert.That(user.TpmLimit, Is.EqualTo(1000));
        Assert.That(user.MaxParallelRequests, Is.EqualTo(4));
        Assert.That(user.BudgetDuration, Is.EqualTo("30d"));
        Assert.That(user.BudgetResetAt, Is.EqualTo(new DateTime(2026, 3, 2, 12, 0, 0, DateTimeKind.Utc)));
        Assert.That(user.Metadata.ToJsonString(), Is.EqualTo("""{"team":"red","tier":1}"""));
    }

    [Test]
    public void UpdatingEveryNumericFieldReplacesIt()
    {
        var user = FullUser();

        user.Update(new UserProfile { UserEmail = "c@example.org", MaxBudget = 5, TpmLimit = 10, MaxParallelRequests = 1 }, role: null, Stamps.Updated);

        Assert.That(user.UserEmail, Is.EqualTo("c@example.org"));
        Assert.That(user.MaxBudget, Is.EqualTo(5));
        Assert.That(user.TpmLimit, Is.EqualTo(10));
        Assert.That(user.MaxParallelRequests, Is.EqualTo(1));
    }

    [Test]
    public void UpdatingMergesMetadataAndANullRemovesAKey()
    {
        var user = FullUser();

        user.Update(new UserProfile { Metadata = new JsonObject { ["team"] = null, ["region"] = "eu" } }, role: null, Stamps.Updated);

        Assert.That(user.Metadata.ToJsonString(), Is.EqualTo("""{"tier":1,"region":"eu"}"""));
    }

    [Test]
    public void UpdatingReplacesTheModelList()
    {
        var user = FullUser();

        user.Update(new UserProfile { Models = ["mistral"] }, role: null, Stamps.Updated);

        Assert.That(user.Models, Is.EqualTo(new[] { "mistral" }));
    }

    [Test]
    public void UpdatingWithARoleChangesTheRole()
    {
        var user = FullUser();

        user.Update(new UserProfile(), UserRole.ProxyAdminViewer, Stamps.Updated);

        Assert.That(user.UserRole, Is.EqualTo(UserRole.ProxyAdminViewer));
    }

    [Test]
    public void UpdatingABudgetDurationResetsFromTheUpdatesInstant()
    {
        var user = FullUser();

        user.Update(new UserProfile { BudgetDuration = "2h" }, role: null, Stamps.Updated);

        Assert.That(user.BudgetDuration, Is.EqualTo("2h"));
        Assert.That(user.BudgetResetAt, Is.EqualTo(new DateTime(2026, 2, 1, 10, 30, 0, DateTimeKind.Utc)));
    }

    [Test]
    public void UpdatingStampsTheUpdateAndKeepsTheCreation()
    {
        var user = FullUser();

        user.Update(new UserProfile(), role: null, Stamps.Updated);

        Assert.That(user.UpdatedAt, Is.EqualTo(Stamps.Later));
        Assert.That(user.UpdatedBy, Is.EqualTo("bob"));
        Assert.That(user.CreatedAt, Is.EqualTo(Stamps.At));
        Assert.That(user.CreatedBy, Is.EqualTo("alice"));
    }

    [Test]
    public void AnInvalidBudgetDurationIsRefused()
    {
        var refused = Assert.Throws<DomainRuleException>(() => User.Create("erin", UserRole.InternalUser, new UserProfile { BudgetDuration = "1y" }, Stamps.Created));

        Assert.That(refused.Param, Is.EqualTo("duration"));
    }
}
