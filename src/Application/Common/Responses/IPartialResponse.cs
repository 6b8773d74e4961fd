namespace ProxyAdmin.Application.Common.Responses;

/// <summary>
/// A response that carries only some of its fields, as LiteLLM's <c>/key/update</c> answers <c>{key, …updated}</c>:
/// the wire writes a property only when <see cref="Includes"/> says so.
/// </summary>
public interface IPartialResponse
{
    /// <summary>Whether the field with this snake_case wire name belongs in the response.</summary>
    bool Includes(string wireName);
}
