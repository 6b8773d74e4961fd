using System.Security.Cryptography;
using System.Text;

namespace ProxyAdmin.Infrastructure.Security;

/// <summary>
/// The salt keys the service reads stored secrets with, each derived once at start into its AES-256 data key, and
/// the one new ciphertexts are sealed under (<see cref="ActiveKeyId"/>). The original key
/// (<c>ProxyAdmin__SaltKey</c>, <c>LITELLM_SALT_KEY</c> or <c>proxyadmin.salt</c>) has the id
/// <see cref="OriginalKeyId"/>; further keys come from <c>ProxyAdmin__SaltKeys__&lt;id&gt;</c> (ADR 0008). Ids are
/// compared ignoring case, as configuration keys are (<c>SaltKeys__K2</c> and <c>SaltKeys__k2</c> are one setting),
/// and reported in the spelling they were configured with. Every refusal is a start-up error that names the setting,
/// never a secret.
/// </summary>
public sealed class SaltKeyring
{
    /// <summary>The id of the key from <c>ProxyAdmin__SaltKey</c>; unnamed <c>v3:gcm:</c> values are read with it.</summary>
    public const string OriginalKeyId = "original";

    public const int MaxKeyIdLength = 32;

    private static readonly byte[] Info = Encoding.UTF8.GetBytes("litellm-at-rest-v3");

    private readonly Dictionary<string, SaltKey> _keys;
    private readonly Dictionary<string, SaltKey>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    /// <param name="originalSecret">The original salt key, or null when none is configured (then the ring has no
    /// <see cref="OriginalKeyId"/> key and <paramref name="activeKeyId"/> must name another).</param>
    /// <param name="namedSecrets">The <c>ProxyAdmin__SaltKeys__&lt;id&gt;</c> settings, id and secret.</param>
    /// <param name="activeKeyId">The <c>ProxyAdmin__ActiveSaltKeyId</c> setting; null or blank means <see cref="OriginalKeyId"/>.</param>
    internal SaltKeyring(string? originalSecret, IEnumerable<KeyValuePair<string, string?>> namedSecrets, string? activeKeyId)
    {
        _keys = new Dictionary<string, SaltKey>(StringComparer.OrdinalIgnoreCase);
        var ids = new List<string>();
        if (originalSecret is not null)
        {
            if (string.IsNullOrWhiteSpace(originalSecret))
            {
                throw new InvalidOperationException("ProxyAdmin refuses to start: the original salt key (ProxyAdmin__SaltKey) is empty.");
            }

            Add(OriginalKeyId, originalSecret);
        }

        foreach (var (id, secret) in namedSecrets)
        {
            var setting = "ProxyAdmin__SaltKeys__" + id;
            if (!IsWellFormedId(id))
            {
                throw new InvalidOperationException(
                    $"ProxyAdmin refuses to start: {setting}: a salt key id is 1 to {MaxKeyIdLength} letters, digits, '_' or '-'.");
            }

            if (string.Equals(id, OriginalKeyId, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"ProxyAdmin refuses to start: {setting}: the id '{OriginalKeyId}' is reserved for ProxyAdmin__SaltKey (or LITELLM_SALT_KEY); give this key another id.");
            }

            if (string.IsNullOrWhiteSpace(secret))
            {
                // Never derive a data key from an empty string: anyone with the database could do the same.
                throw new InvalidOperationException(
                    $"ProxyAdmin refuses to start: {setting} is empty. Set it to a long random secret, or remove the setting.");
            }

            if (_keys.ContainsKey(id))
            {
                throw new InvalidOperationException($"ProxyAdmin refuses to start: the salt key id '{id}' is configured twice (ids ignore case).");
            }

            Add(id, secret);
        }

        _bySpan = _keys.GetAlternateLookup<ReadOnlySpan<char>>();
        KeyIds = ids.AsReadOnly();

        if (string.IsNullOrWhiteSpace(activeKeyId))
        {
            Active = _keys.TryGetValue(OriginalKeyId, out var original) ? original
                : _keys.Count == 0 ? throw new InvalidOperationException("ProxyAdmin refuses to start: no salt key configured.")
                : throw new InvalidOperationException(
                    $"ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId is not set and there is no original salt key (ProxyAdmin__SaltKey) to default to. Set it to one of: {string.Join(", ", ids)}.");
        }
        else
        {
            Active = _keys.TryGetValue(activeKeyId, out var active) ? active
                : throw new InvalidOperationException(
                    $"ProxyAdmin refuses to start: ProxyAdmin__ActiveSaltKeyId names '{(IsWellFormedId(activeKeyId) ? activeKeyId : "a malformed id")}', which is not a configured salt key. Configured: {(ids.Count == 0 ? "none" : string.Join(", ", ids))}.");
        }

        void Add(string id, string secret)
        {
            _keys.Add(id, new SaltKey(id, DeriveKey(secret)));
            ids.Add(id);
        }
    }

    /// <summary>The id new ciphertexts name, in its configured spelling.</summary>
    public string ActiveKeyId => Active.Id;

    /// <summary>Every configured id, <see cref="OriginalKeyId"/> first when configured, then the others as configured.</summary>
    public IReadOnlyList<string> KeyIds { get; }

    internal SaltKey Active { get; }

    /// <summary>A ring of the original key alone, as the service had before keyrings (tests and tools).</summary>
    internal static SaltKeyring OfOriginal(string originalSecret) => new(originalSecret, [], null);

    /// <summary>HKDF-SHA256(ikm = the salt key's UTF-8, salt = none, info = <c>litellm-at-rest-v3</c>, 32 bytes), LiteLLM's derivation.</summary>
    internal static byte[] DeriveKey(string secret) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret), 32, salt: [], info: Info);

    /// <summary>1 to 32 of <c>A-Z a-z 0-9 _ -</c>: never a <c>:</c>, which ends the id in a stored value.</summary>
    public static bool IsWellFormedId(ReadOnlySpan<char> id)
    {
        if (id.Length is 0 or > MaxKeyIdLength)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The configured key of that id (ignoring case), or false.</summary>
    internal bool TryGet(ReadOnlySpan<char> id, out SaltKey key) => _bySpan.TryGetValue(id, out key!);
}
