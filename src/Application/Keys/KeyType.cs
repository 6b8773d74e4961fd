namespace ProxyAdmin.Application.Keys;

/// <summary>LiteLLM's <c>key_type</c>: a shorthand for the key's <c>allowed_routes</c>.</summary>
public enum KeyType
{
    /// <summary>No restriction beyond the owner's role.</summary>
    Default,

    /// <summary><c>allowed_routes = ["llm_api_routes"]</c>: inference routes only, none of this API's.</summary>
    LlmApi,

    /// <summary><c>allowed_routes = ["management_routes"]</c>.</summary>
    Management,

    /// <summary><c>allowed_routes = ["info_routes"]</c>: reads only.</summary>
    ReadOnly,
}
