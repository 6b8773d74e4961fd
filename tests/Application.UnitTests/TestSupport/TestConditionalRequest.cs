using ProxyAdmin.Application.Common.Interfaces;

namespace ProxyAdmin.Application.UnitTests.TestSupport;

/// <summary>The request's If-Match as a test sets it, and the entity tags the handler answered with, in order.</summary>
public sealed class TestConditionalRequest : IConditionalRequest
{
    public string? IfMatch { get; set; }

    public bool IfMatchRequired { get; set; }

    public List<string> Answered { get; } = [];

    public void AnswerWith(string entityTag) => Answered.Add(entityTag);

    public string? AnsweredEntityTag => Answered.Count == 0 ? null : Answered[^1];
}
