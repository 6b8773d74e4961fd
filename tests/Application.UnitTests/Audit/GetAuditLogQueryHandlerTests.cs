using Moq;
using ProxyAdmin.Application.Audit;
using ProxyAdmin.Application.Audit.Queries.GetAuditLog;
using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Domain.Audit;

namespace ProxyAdmin.Application.UnitTests.Audit;

public sealed class GetAuditLogQueryHandlerTests
{
    private readonly Mock<IAuditLogRepository> _auditLogs = new();

    [Test]
    public async Task ShouldReturnTheAuditRowWithItsValuesAsJson()
    {
        var at = new DateTime(2025, 5, 1, 9, 0, 0, DateTimeKind.Utc);
        var entry = AuditEntry.Record(AuditAction.Updated, AuditTables.Keys, "token-1", "alice", "key-hash", """{"blocked":false}""", """{"blocked":true}""", at);
        _auditLogs.Setup(r => r.GetAsync(entry.Id, It.IsAny<CancellationToken>())).ReturnsAsync(entry);

        var log = await Handle(entry.Id);

        Assert.That(log.Id, Is.EqualTo(entry.Id));
        Assert.That(log.Action, Is.EqualTo(AuditAction.Updated));
        Assert.That(log.TableName, Is.EqualTo(AuditTables.Keys));
        Assert.That(log.ObjectId, Is.EqualTo("token-1"));
        Assert.That(log.ChangedBy, Is.EqualTo("alice"));
        Assert.That(log.ChangedByApiKey, Is.EqualTo("key-hash"));
        Assert.That(log.UpdatedAt, Is.EqualTo(at));
        Assert.That(log.BeforeValue!["blocked"]!.GetValue<bool>(), Is.False);
        Assert.That(log.UpdatedValues!["blocked"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public void ShouldReportAnUnknownIdAsNotFound()
    {
        var id = Guid.NewGuid();

        var missing = Assert.ThrowsAsync<NotFoundException>(async () => await Handle(id));

        Assert.That(missing!.Param, Is.EqualTo("id"));
        Assert.That(missing.Message, Does.Contain(id.ToString()));
    }

    private async Task<AuditLogDto> Handle(Guid id) =>
        await new GetAuditLogQueryHandler(_auditLogs.Object).Handle(new GetAuditLogQuery(id), CancellationToken.None);
}
