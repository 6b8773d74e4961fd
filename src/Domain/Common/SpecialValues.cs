namespace ProxyAdmin.Domain.Common;

/// <summary>Identifiers with a fixed meaning on the wire, kept verbatim from LiteLLM.</summary>
public static class SpecialValues
{
    /// <summary>The user id of the master key, and the creator recorded for writes made with it.</summary>
    public const string DefaultUserId = "default_user_id";

    /// <summary>In a model list: no restriction.</summary>
    public const string AllProxyModels = "all-proxy-models";

    /// <summary>In a key's model list: the models of the key's team, whatever they are when the key is used.</summary>
    public const string AllTeamModels = "all-team-models";

    /// <summary>In a user's model list: no model outside a team's (a personal key calls nothing).</summary>
    public const string NoDefaultModels = "no-default-models";

    /// <summary>In a model list: every model, as <see cref="AllProxyModels"/>.</summary>
    public const string AnyModel = "*";
}
