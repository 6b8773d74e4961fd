using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;
using ProxyAdmin.Domain.Models;

namespace ProxyAdmin.Application.Common.Secrets;

/// <summary>
/// Seals and unseals the named values that hold provider secrets: a model's <c>litellm_params</c> and a credential's
/// <c>credential_values</c>, the same way for both (<see cref="ISecretProtector"/> does the cryptography), and masks
/// them for responses and audit rows.
/// </summary>
public sealed class SealedValues(ISecretProtector protector)
{
    /// <summary>
    /// Every string value encrypted, as LiteLLM does; numbers, booleans and objects stay as they are, except
    /// that a secret-named value of any kind (<c>vertex_credentials</c> given as a JSON object, an <c>api_key</c>
    /// given as a number) is sealed whole as its JSON text, which LiteLLM's providers accept in its place.
    /// </summary>
    public JsonObject Seal(JsonObject plain)
    {
        var sealedValues = new JsonObject();
        foreach (var (name, value) in plain)
        {
            sealedValues[name] = SealValue(name, value);
        }

        return sealedValues;
    }

    /// <summary>
    /// The values of a partial update, each sent value sealed as <see cref="Seal"/> does; a null stays null, since it
    /// means "leave" or "clear", never a value.
    /// </summary>
    public JsonObject? SealChanges(JsonObject? plainChanges) => plainChanges is null ? null : Seal(plainChanges);

    /// <summary>The unsealed values (left out where a value could not be read) and the names of those that failed.</summary>
    public (JsonObject Plain, List<string> Unreadable) Unseal(JsonObject stored)
    {
        var plain = new JsonObject();
        var unreadable = new List<string>();
        foreach (var (name, value) in stored)
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var sealedText))
            {
                try
                {
                    plain[name] = protector.Unprotect(sealedText);
                }
                catch (SecretUnreadableException)
                {
                    unreadable.Add(name);
                }
            }
            else
            {
                plain[name] = value?.DeepClone();
            }
        }

        return (plain, unreadable);
    }

    /// <summary>
    /// The values with every sealed string not under the active key decrypted and sealed again under it; values under
    /// the active key, and values no configured key can read, stay exactly as they are.
    /// </summary>
    public ResealedValues Reseal(JsonObject stored)
    {
        var resealed = (JsonObject)stored.DeepClone();
        var fromKeys = new SortedSet<string>(StringComparer.Ordinal);
        var (count, unreadable) = (0, 0);
        foreach (var (name, value) in stored)
        {
            if (value is not JsonValue text || !text.TryGetValue<string>(out var sealedText) || protector.KeyIdOf(sealedText) is not { } keyId || keyId == protector.ActiveKeyId)
            {
                continue;
            }

            try
            {
                resealed[name] = protector.Protect(protector.Unprotect(sealedText));
                fromKeys.Add(keyId);
                count++;
            }
            catch (SecretUnreadableException)
            {
                unreadable++;
            }
        }

        return new ResealedValues(resealed, [.. fromKeys], count, unreadable);
    }

    /// <summary>Adds, per key id, the sealed values of <paramref name="stored"/> to <paramref name="valuesByKey"/>; true when all are under the active key.</summary>
    public bool CountKeys(JsonObject stored, Dictionary<string, long> valuesByKey)
    {
        var allActive = true;
        foreach (var (_, value) in stored)
        {
            if (value is JsonValue text && text.TryGetValue<string>(out var sealedText) && protector.KeyIdOf(sealedText) is { } keyId)
            {
                valuesByKey[keyId] = valuesByKey.GetValueOrDefault(keyId) + 1;
                allActive &= keyId == protector.ActiveKeyId;
            }
        }

        return allActive;
    }

    /// <summary>
    /// Secret-named string values keep at most their last four characters; a secret-named value of another kind
    /// (a config model's <c>vertex_credentials</c> or numeric key, a row stored before those were sealed) shows nothing.
    /// Changes <paramref name="plain"/> in place and returns it.
    /// </summary>
    public static JsonObject Mask(JsonObject plain)
    {
        foreach (var (name, value) in plain.ToList())
        {
            if (!ModelFields.IsSecret(name))
            {
                continue;
            }

            if (value is JsonValue text && text.TryGetValue<string>(out var secret))
            {
                plain[name] = SensitiveFields.Mask(secret);
            }
            else if (value is not null)
            {
                plain[name] = "****";
            }
        }

        return plain;
    }

    private JsonNode? SealValue(string name, JsonNode? value) => value switch
    {
        JsonValue text when text.TryGetValue<string>(out var plain) => JsonValue.Create(protector.Protect(plain)),
        JsonObject or JsonArray or JsonValue when ModelFields.IsSecret(name) => JsonValue.Create(protector.Protect(value.ToJsonString())),
        _ => value?.DeepClone(),
    };
}
