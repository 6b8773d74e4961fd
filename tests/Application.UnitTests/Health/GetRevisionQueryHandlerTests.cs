using Moq;
using ProxyAdmin.Application.Common.Interfaces;
using ProxyAdmin.Application.Health.Queries.GetRevision;

namespace ProxyAdmin.Application.UnitTests.Health;

public sealed class GetRevisionQueryHandlerTests
{
    [TestCase(0L)]
    [TestCase(4_217L)]
    public async Task ShouldAnswerTheRevisionThisReplicaHasApplied(long applied)
    {
        var revision = new Mock<IAppliedRevision>();
        revision.Setup(r => r.Applied).Returns(applied);

        var answer = await new GetRevisionQueryHandler(revision.Object).Handle(new GetRevisionQuery(), CancellationToken.None);

        Assert.That(answer, Is.EqualTo(new RevisionDto { Revision = applied }));
        revision.Verify(r => r.WaitForAsync(It.IsAny<long>(), It.IsAny<CancellationToken>()), Times.Never, "the revision is read, never waited for");
    }
}
