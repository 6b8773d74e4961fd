namespace ProxyAdmin.Domain.Common;

/// <summary>Identifiers with a fixed meaning on the wire, kept verbatim from LiteLLM.</summary>
public static class SpecialValues
{
    /// <summary>The user id of the master key, and the creator recorded for writes made with it.</summary>
    public const string DefaultUserId = "default_user_id";

    /// <summary>In a model list: no restriction.</summary>
    public const string AllProxyModels = "all-proxy-models";
}
