namespace ProxyAdmin.Api.Http;

/// <summary>
/// Finds the key a request presents, by LiteLLM's rule (<c>litellm/proxy/auth/user_api_key_auth.py</c>,
/// <c>get_api_key</c>): the first of <see cref="HeaderNames"/> that is sent and not empty wins, and the others are
/// not read at all, so a malformed <c>Authorization</c> is refused even when a later header holds a good key.
/// Only <c>x-litellm-api-key</c> and <c>Authorization</c> carry the <c>Bearer </c> scheme; the headers of the other
/// SDKs (Azure, Anthropic, Google, Azure API Management) carry the bare key, taken as it is.
/// </summary>
public static class PresentedApiKey
{
    public const string LiteLlmHeader = "x-litellm-api-key";
    public const string AzureHeader = "api-key";
    public const string AnthropicHeader = "x-api-key";
    public const string GoogleAiStudioHeader = "x-goog-api-key";
    public const string AzureApiManagementHeader = "Ocp-Apim-Subscription-Key";

    private const string BearerPrefix = "Bearer ";

    /// <summary>Every header that can carry a key, in the order LiteLLM consults them.</summary>
    public static IReadOnlyList<string> HeaderNames { get; } =
        [LiteLlmHeader, "Authorization", AzureHeader, AnthropicHeader, GoogleAiStudioHeader, AzureApiManagementHeader];

    /// <summary>
    /// The key; <c>""</c> when <c>Authorization</c> is sent without the <c>Bearer </c> scheme or a bearer header holds
    /// no key after it (a malformed key); <c>null</c> when no header carries anything.
    /// </summary>
    public static string? Read(IHeaderDictionary headers)
    {
        if (FirstValue(headers, LiteLlmHeader) is { } litellm)
        {
            // LiteLLM's _get_bearer_token_or_received_api_key: the scheme is optional in its own header.
            return HasBearerScheme(litellm) ? litellm[BearerPrefix.Length..].Trim() : litellm;
        }

        if (FirstValue(headers, "Authorization") is { } authorization)
        {
            // LiteLLM's _get_bearer_token: any other scheme leaves no key, which is refused as malformed.
            return HasBearerScheme(authorization) ? authorization[BearerPrefix.Length..].Trim() : string.Empty;
        }

        return FirstValue(headers, AzureHeader)
            ?? FirstValue(headers, AnthropicHeader)
            ?? FirstValue(headers, GoogleAiStudioHeader)
            ?? FirstValue(headers, AzureApiManagementHeader);
    }

    /// <summary>The scheme name is case-insensitive (RFC 9110 §11.1); LiteLLM spells out only "Bearer" and "bearer".</summary>
    private static bool HasBearerScheme(string value) => value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The first value sent under the name, trimmed, or null when the header is absent or blank: Starlette's
    /// <c>headers.get</c>, which LiteLLM reads through FastAPI's <c>APIKeyHeader</c>, also takes the first and treats
    /// an empty value as absent. Joining repeated headers with commas, as <c>StringValues.ToString</c> does, would
    /// turn two keys into one wrong key.
    /// </summary>
    private static string? FirstValue(IHeaderDictionary headers, string name)
    {
        var values = headers[name];
        if (values.Count == 0)
        {
            return null;
        }

        var value = values[0]?.Trim();
        return string.IsNullOrEmpty(value) ? null : value;
    }
}
