using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

public sealed class SecretProtectorTests
{
    /// <summary>
    /// "sk-legacy-provider-key-0042" as LiteLLM writes it (v3:gcm:, no key id) under the salt key "test-salt-key",
    /// made with Python's <c>cryptography</c> (HKDF-SHA256, salt None, info litellm-at-rest-v3; AESGCM; nonce 00..0b;
    /// <c>urlsafe_b64encode</c>), not with this code: ProxyAdmin's rows from before keyrings have the same layout.
    /// </summary>
    private const string LegacyValue = "v3:gcm:AAECAwQFBgcICQoLiPISvaJA4Ky02oLVYJ3diQwiIJNX9KZl-Axu-i31McKm_TOEoAOkZPUJLg==";
    private const string LegacyPlaintext = "sk-legacy-provider-key-0042";

    private readonly AesGcmSecretProtector _protector = new("test-salt-key");

    private static AesGcmSecretProtector Ring(string? original, string? active, params (string Id, string Secret)[] named) =>
        new(new SaltKeyring(original, named.Select(k => KeyValuePair.Create(k.Id, (string?)k.Secret)), active));

    [Test]
    public void TheKeyIsLiteLlmsHkdfDerivation()
    {
        // Computed independently with Python's hmac module (RFC 5869, empty salt = 32 zero bytes).
        Assert.That(Convert.ToHexStringLower(SaltKeyring.DeriveKey("test-salt-key")), Is.EqualTo("8179756043d934eaad84ee4df009e2a1d0b8b8f776560e88485dfe1ea91a1658"));
    }

    [TestCase("sk-provider-secret-1234")]
    [TestCase("")]
    [TestCase("ünïcödé ✓ and a long value ................................................................")]
    public void AValueRoundTrips(string plaintext) =>
        Assert.That(_protector.Unprotect(_protector.Protect(plaintext)), Is.EqualTo(plaintext));

    [Test]
    public void TheStoredFormNamesTheKeyThenBase64UrlWithPaddingAndRandomNonce()
    {
        var first = _protector.Protect("same value");
        var second = _protector.Protect("same value");

        Assert.That(first, Does.StartWith("v3:gcm:original:"));
        var payload = first["v3:gcm:original:".Length..];
        Assert.That(payload, Does.Match("^[A-Za-z0-9_-]+=*$"));
        Assert.That(payload.Length % 4, Is.Zero, "padded like Python's urlsafe_b64encode");
        Assert.That(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/')), Has.Length.EqualTo(12 + "same value".Length + 16), "nonce ‖ ciphertext ‖ tag");
        Assert.That(first, Is.Not.EqualTo(second), "a fresh nonce every time");
        Assert.That(first, Does.Not.Contain("same value"));
    }

    [Test]
    public void AValueRoundTripsUnderANamedActiveKeyAndNamesIt()
    {
        var protector = Ring("test-salt-key", "k2", ("k2", "second-salt-key"));

        var stored = protector.Protect("sk-under-k2-7781");

        Assert.That(stored, Does.StartWith("v3:gcm:k2:"));
        Assert.That(stored, Does.Not.Contain("sk-under-k2-7781"));
        Assert.That(protector.Unprotect(stored), Is.EqualTo("sk-under-k2-7781"));
        Assert.That(protector.ActiveKeyId, Is.EqualTo("k2"));
        Assert.That(protector.KeyIds, Is.EqualTo(new[] { "original", "k2" }));
    }

    [Test]
    public void TheNamedKeyIsTheOneUsedNotJustTheLabel()
    {
        // A k2 value relabelled as another configured key must not decrypt: the id picks the key.
        var protector = Ring("test-salt-key", "k2", ("k2", "second-salt-key"), ("k3", "third-salt-key"));
        var relabelled = "v3:gcm:k3:" + protector.Protect("secret")["v3:gcm:k2:".Length..];

        var refused = Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(relabelled));

        Assert.That(refused!.Message, Does.Contain("'k3'"));
    }

    [Test]
    public void ALegacyValueWithoutAKeyIdIsReadWithTheOriginalKey()
    {
        Assert.That(_protector.Unprotect(LegacyValue), Is.EqualTo(LegacyPlaintext));

        // Also when another key is active: the original stays in the ring for reading.
        Assert.That(Ring("test-salt-key", "k2", ("k2", "second-salt-key")).Unprotect(LegacyValue), Is.EqualTo(LegacyPlaintext));
    }

    [Test]
    public void ALegacyValueIsUnreadableWhenTheRingHasNoOriginalKey()
    {
        var protector = Ring(null, "k2", ("k2", "test-salt-key"));

        var refused = Assert.Throws<SecretUnreadableException>(() => protector.Unprotect(LegacyValue));

        Assert.That(refused!.Message, Does.Contain("'original'").And.Contain("ProxyAdmin__SaltKey"));
        Assert.That(protector.KeyIds, Is.EqualTo(new[] { "k2" }));
    }

    [Test]
    public void AValueUnderARemovedKeyIsUnreadableNamingThatKeyAndNoSecret()
    {
        var stored = Ring("test-salt-key", "k2", ("k2", "second-salt-key")).Protect("sk-provider-secret-5566");
        var withoutK2 = Ring("test-salt-key", null);

        var refused = Assert.Throws<SecretUnreadableException>(() => withoutK2.Unprotect(stored));

        Assert.That(refused!.Message, Is.EqualTo("The value was sealed under salt key 'k2', which is not configured (ProxyAdmin__SaltKeys__k2)."));
        Assert.That(refused.Message, Does.Not.Contain("second-salt-key").And.Not.Contain("test-salt-key").And.Not.Contain("5566"));
    }

    [Test]
    public void KeyIdOfNamesTheKeyOfEachKindOfValue()
    {
        var protector = Ring("test-salt-key", "k2", ("k2", "second-salt-key"));

        Assert.Multiple(() =>
        {
            Assert.That(protector.KeyIdOf(LegacyValue), Is.EqualTo("original"), "an unnamed v3 value");
            Assert.That(protector.KeyIdOf(protector.Protect("x")), Is.EqualTo("k2"), "a named value");
            Assert.That(protector.KeyIdOf(_protector.Protect("x")), Is.EqualTo("original"), "a value naming original");
            Assert.That(protector.KeyIdOf("v3:gcm:gone:AAAA"), Is.EqualTo("gone"), "a key that is not configured is still named");
            Assert.That(protector.KeyIdOf("sk-plain-text"), Is.Null, "not a sealed value");
            Assert.That(protector.KeyIdOf("v2:gcm:AAAA"), Is.Null, "another format");
            Assert.That(protector.KeyIdOf("v3:gcm:bad id!:AAAA"), Is.Null, "a malformed id");
            Assert.That(protector.KeyIdOf("v3:gcm::AAAA"), Is.Null, "an empty id");
        });
    }

    [Test]
    public void KeyIdsIgnoreCaseAsConfigurationKeysDoAndAreReportedAsConfigured()
    {
        var protector = Ring("test-salt-key", "K2", ("k2", "second-salt-key"));
        var stored = protector.Protect("secret");

        Assert.Multiple(() =>
        {
            Assert.That(protector.ActiveKeyId, Is.EqualTo("k2"));
            Assert.That(stored, Does.StartWith("v3:gcm:k2:"));
            Assert.That(protector.Unprotect("v3:gcm:K2:" + stored["v3:gcm:k2:".Length..]), Is.EqualTo("secret"));
            Assert.That(protector.KeyIdOf("v3:gcm:K2:" + stored["v3:gcm:k2:".Length..]), Is.EqualTo("k2"));
            Assert.That(protector.KeyIdOf("v3:gcm:ORIGINAL:AAAA"), Is.EqualTo("original"));
        });
    }

    [Test]
    public void UnpaddedValuesAreReadToo()
    {
        var stored = _protector.Protect("abc").TrimEnd('=');

        Assert.That(_protector.Unprotect(stored), Is.EqualTo("abc"));
        Assert.That(_protector.Unprotect(LegacyValue.TrimEnd('=')), Is.EqualTo(LegacyPlaintext));
    }

    [Test]
    public void ATamperedValueIsRefusedNotMisread()
    {
        var stored = _protector.Protect("secret").ToCharArray();
        var last = stored.Length - 3;
        stored[last] = stored[last] == 'A' ? 'B' : 'A';

        Assert.Throws<SecretUnreadableException>(() => _protector.Unprotect(new string(stored)));
    }

    [Test]
    public void AValueSealedUnderAnotherSaltKeyIsRefused()
    {
        var stored = new AesGcmSecretProtector("another-salt-key").Protect("secret");

        var refused = Assert.Throws<SecretUnreadableException>(() => _protector.Unprotect(stored));

        Assert.That(refused!.Message, Does.Contain("'original'").And.Not.Contain("salt-key"));
    }

    [TestCase("plain text")]
    [TestCase("v3:gcm:!!!")]
    [TestCase("v3:gcm:AAAA")]
    [TestCase("v3:gcm:original:AAAA")]
    [TestCase("v3:gcm:original:!!!")]
    [TestCase("v3:gcm::AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("v3:gcm:no such key:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [TestCase("v3:gcm:an-id-of-thirty-three-characters3:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void GarbageIsRefused(string stored) =>
        Assert.Throws<SecretUnreadableException>(() => _protector.Unprotect(stored));

    [Test]
    public void AMalformedIdIsNotEchoedIntoTheMessage()
    {
        var refused = Assert.Throws<SecretUnreadableException>(() => _protector.Unprotect("v3:gcm:sk-secret pasted here:AAAA"));

        Assert.That(refused!.Message, Does.Not.Contain("pasted"));
    }
}
