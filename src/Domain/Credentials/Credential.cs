using System.Text.Json.Nodes;
using ProxyAdmin.Domain.Common;

namespace ProxyAdmin.Domain.Credentials;

/// <summary>
/// A reusable provider credential (LiteLLM's <c>LiteLLM_CredentialsTable</c>): named values that model deployments
/// reference by <c>litellm_params.litellm_credential_name</c> instead of repeating them. Every string in
/// <see cref="Values"/> is held encrypted, as a model's parameters are; <see cref="Info"/> is free-form and plain.
/// Models point at the credential by name, so a rename goes through <see cref="Rename"/> and the models follow it.
/// </summary>
public sealed class Credential : AggregateRoot
{
    public const int NameMaxLength = 256;

    private Credential()
    {
    }

    /// <summary>A uuid, as LiteLLM's <c>credential_id</c>; the name is what every route uses.</summary>
    public string CredentialId { get; private set; } = null!;

    public string CredentialName { get; private set; } = null!;

    /// <summary>The provider values; string values (and secret-named values of any kind) are ciphertext.</summary>
    public JsonObject Values { get; private set; } = [];

    /// <summary>Free-form description of the credential (provider, purpose); never a secret's home.</summary>
    public JsonObject Info { get; private set; } = [];

    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = null!;
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = null!;

    /// <param name="sealedValues">The values, already encrypted.</param>
    public static Credential Create(string name, JsonObject sealedValues, JsonObject? info, AuditStamp created) => new()
    {
        CredentialId = Guid.NewGuid().ToString(),
        CredentialName = name,
        Values = (JsonObject)sealedValues.DeepClone(),
        Info = (JsonObject?)info?.DeepClone() ?? [],
        CreatedAt = created.At,
        CreatedBy = created.By,
        UpdatedAt = created.At,
        UpdatedBy = created.By,
    };

    /// <summary>
    /// Merges a partial update: each value sent replaces the stored one (<paramref name="sealedValues"/> holds them
    /// encrypted), a null value removes it; each <c>credential_info</c> key sent replaces the stored one, a null
    /// removes it. What is not sent stays.
    /// </summary>
    public void MergeChanges(JsonObject? sealedValues, JsonObject? info, AuditStamp stamp)
    {
        Values = Merge(Values, sealedValues);
        Info = Merge(Info, info);
        Touch(stamp);
    }

    /// <summary>Only <see cref="MergeChanges"/>'s caller knows which models to move along; this changes the name alone.</summary>
    public void Rename(string name, AuditStamp stamp)
    {
        CredentialName = name;
        Touch(stamp);
    }

    /// <summary>Replaces every value with its re-encryption (same plaintexts, another key); nothing else changes.</summary>
    public void Reseal(JsonObject resealedValues) => Values = (JsonObject)resealedValues.DeepClone();

    private static JsonObject Merge(JsonObject stored, JsonObject? changes)
    {
        var merged = (JsonObject)stored.DeepClone();
        foreach (var (name, value) in changes ?? [])
        {
            if (value is null)
            {
                merged.Remove(name);
            }
            else
            {
                merged[name] = value.DeepClone();
            }
        }

        return merged;
    }

    private void Touch(AuditStamp stamp)
    {
        UpdatedAt = stamp.At;
        UpdatedBy = stamp.By;
    }
}
