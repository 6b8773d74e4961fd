using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Audit.Queries.ListAuditLogs;
using ProxyAdmin.Application.UnitTests.TestSupport;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Audit;

public sealed class ListAuditLogsQueryHandlerTests
{
    [TestCase(SortOrder.Desc, new[] { "bob", "token-1", "alice", "token-1", "alice" })]
    [TestCase(SortOrder.Asc, new[] { "alice", "token-1", "alice", "token-1", "bob" })]
    public async Task ShouldWalkByCursorInEitherOrder(SortOrder order, string[] expected)
    {
        var seen = new List<string>();
        string? after = null;
        do
        {
            var page = await Handle(new ListAuditLogsQuery { PageSize = 2, SortOrder = order, After = after });
            seen.AddRange(ObjectIds(page));
            after = page.NextCursor;
        }
        while (after is not null);

        Assert.That(seen, Is.EqualTo(expected));
        Assert.That(_reads.CountsAll, Has.All.EqualTo(typeof(AuditEntry)), "no filter: the kept count");
    }

    [Test]
    public async Task ShouldBindACursorToItsSortOrder()
    {
        var cursor = (await Handle(new ListAuditLogsQuery { PageSize = 2 })).NextCursor;

        var refused = Assert.ThrowsAsync<ProxyAdmin.Application.Common.Exceptions.BadRequestException>(async () => await Handle(new ListAuditLogsQuery { SortOrder = SortOrder.Asc, After = cursor }));

        Assert.That(refused!.Param, Is.EqualTo("after"));
    }

    private static readonly DateTime Start = new(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);

    private InMemoryReadRepository _reads = null!;

    [SetUp]
    public void SetUp()
    {
        _reads = new InMemoryReadRepository();
        _reads.Seed(
            Entry("e1", AuditAction.Created, AuditTables.Users, "alice", "admin", hour: 0, before: null, after: """{"user_id":"alice"}"""),
            Entry("e2", AuditAction.Created, AuditTables.Keys, "token-1", "admin", hour: 1, before: null, after: """{"token":"token-1"}"""),
            Entry("e3", AuditAction.Updated, AuditTables.Users, "alice", "alice", hour: 2, before: """{"max_budget":1}""", after: """{"max_budget":2}"""),
            Entry("e4", AuditAction.Blocked, AuditTables.Keys, "token-1", "admin", hour: 3, before: """{"blocked":false}""", after: """{"blocked":true}"""),
            Entry("e5", AuditAction.Deleted, AuditTables.Users, "bob", "admin", hour: 4, before: """{"user_id":"bob"}""", after: null));
    }

    [Test]
    public async Task ShouldReturnOnePageNewestFirstWithTheTotals()
    {
        var page = await Handle(new ListAuditLogsQuery { Page = 1, PageSize = 2 });

        Assert.That(ObjectIds(page), Is.EqualTo(new[] { "bob", "token-1" }));
        Assert.That(page.AuditLogs.Select(l => l.Action), Is.EqualTo(new[] { AuditAction.Deleted, AuditAction.Blocked }));
        Assert.That(page.Total, Is.EqualTo(5));
        Assert.That(page.TotalPages, Is.EqualTo(3));
        Assert.That(page.Page, Is.EqualTo(1));
        Assert.That(page.PageSize, Is.EqualTo(2));
    }

    [Test]
    public async Task ShouldSortOldestFirstWhenAsked()
    {
        var page = await Handle(new ListAuditLogsQuery { SortOrder = SortOrder.Asc });

        Assert.That(page.AuditLogs.Select(l => l.UpdatedAt), Is.Ordered.Ascending);
        Assert.That(page.AuditLogs[0].ObjectId, Is.EqualTo("alice"));
    }

    [Test]
    public async Task ShouldFilterByActionTableObjectAndAuthor()
    {
        Assert.That(ObjectIds(await Handle(new ListAuditLogsQuery { Action = AuditAction.Created })), Is.EqualTo(new[] { "token-1", "alice" }));
        Assert.That(await Handle(new ListAuditLogsQuery { TableName = AuditTables.Keys }), Has.Property(nameof(AuditLogPageDto.Total)).EqualTo(2));
        Assert.That(ObjectIds(await Handle(new ListAuditLogsQuery { ObjectId = "alice", ChangedBy = "alice" })), Is.EqualTo(new[] { "alice" }));
    }

    [Test]
    public async Task ShouldKeepBothEndsOfTheTimeWindow()
    {
        var page = await Handle(new ListAuditLogsQuery { StartDate = Start.AddHours(1), EndDate = Start.AddHours(3) });

        Assert.That(page.AuditLogs.Select(l => l.UpdatedAt), Is.EqualTo(new[] { Start.AddHours(3), Start.AddHours(2), Start.AddHours(1) }));
    }

    [Test]
    public async Task ShouldReadATimeWithoutAZoneAsUtcNotAsTheServersLocalTime()
    {
        // Only a machine whose zone is not UTC can tell the two readings apart; CI machines usually run in UTC.
        var noZone = DateTime.SpecifyKind(Start.AddHours(1), DateTimeKind.Unspecified);

        var page = await Handle(new ListAuditLogsQuery { StartDate = noZone, EndDate = noZone.AddHours(2) });

        Assert.That(page.AuditLogs.Select(l => l.UpdatedAt), Is.EqualTo(new[] { Start.AddHours(3), Start.AddHours(2), Start.AddHours(1) }));
    }

    [Test]
    public async Task ShouldReturnTheStoredValuesAsJson()
    {
        var update = (await Handle(new ListAuditLogsQuery { Action = AuditAction.Updated })).AuditLogs.Single();
        var creation = (await Handle(new ListAuditLogsQuery { Action = AuditAction.Created, TableName = AuditTables.Users })).AuditLogs.Single();

        Assert.That(update.BeforeValue!["max_budget"]!.GetValue<int>(), Is.EqualTo(1));
        Assert.That(update.UpdatedValues!["max_budget"]!.GetValue<int>(), Is.EqualTo(2));
        Assert.That(update.ChangedBy, Is.EqualTo("alice"));
        Assert.That(creation.BeforeValue, Is.Null);
    }

    private static AuditEntry Entry(string keyName, AuditAction action, string table, string objectId, string changedBy, int hour, string? before, string? after) =>
        AuditEntry.Record(action, table, objectId, changedBy, TestSecrets.Hash($"sk-{keyName}"), before, after, Start.AddHours(hour));

    private static List<string> ObjectIds(AuditLogPageDto page) => page.AuditLogs.ConvertAll(l => l.ObjectId);

    private async Task<AuditLogPageDto> Handle(ListAuditLogsQuery query) =>
        await new ListAuditLogsQueryHandler(_reads).Handle(query, CancellationToken.None);
}

public sealed class ListAuditLogsQueryValidatorTests
{
    private readonly ListAuditLogsQueryValidator _validator = new();

    [Test]
    public void ShouldAcceptAKnownTableAndAWindow() =>
        Assert.That(
            _validator.InvalidFields(new ListAuditLogsQuery { TableName = AuditTables.Keys, StartDate = DateTime.UtcNow.AddDays(-1), EndDate = DateTime.UtcNow }),
            Is.Empty);

    [Test]
    public void ShouldRejectAnUnknownTable() =>
        Assert.That(_validator.InvalidFields(new ListAuditLogsQuery { TableName = "users" }), Is.EqualTo(new[] { "table_name" }));

    [Test]
    public void ShouldRejectAWindowThatEndsBeforeItStarts()
    {
        var query = new ListAuditLogsQuery { StartDate = DateTime.UtcNow, EndDate = DateTime.UtcNow.AddMinutes(-1) };

        Assert.That(_validator.Messages(query), Is.EqualTo(new[] { "'end_date' must not be before 'start_date'." }));
        Assert.That(_validator.InvalidFields(query), Is.EqualTo(new[] { "end_date" }));
    }

    [Test]
    public void ShouldRejectBadPagingAndUnknownEnums() =>
        Assert.That(
            _validator.InvalidFields(new ListAuditLogsQuery { Page = 0, PageSize = 0, Action = (AuditAction)77, SortOrder = (SortOrder)5 }),
            Is.EquivalentTo(new[] { "page", "page_size", "action", "sort_order" }));
}
