namespace ProxyAdmin.Application.Common.Requests;

/// <summary>
/// LiteLLM request fields a route accepts without storing them (yet). Every request body refuses a field it does not
/// know, so a typo never passes silently; a field LiteLLM's request type has but this route does not keep yet is named
/// here, so that LiteLLM's clients, which send it, are not refused. Names are the snake_case wire names; a name that is
/// also a real member of the request is that member.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class UnstoredFieldsAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
