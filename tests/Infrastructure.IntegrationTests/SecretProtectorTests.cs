using ProxyAdmin.Application.Common.Exceptions;
using ProxyAdmin.Infrastructure.Security;

namespace ProxyAdmin.Infrastructure.IntegrationTests;

public sealed class SecretProtectorTests
{
    private readonly AesGcmSecretProtector _protector = new("test-salt-key");

    [Test]
    public void TheKeyIsLiteLlmsHkdfDerivation()
    {
        // Computed independently with Python's hmac module (RFC 5869, empty salt = 32 zero bytes).
        Assert.That(Convert.ToHexStringLower(AesGcmSecretProtector.DeriveKey("test-salt-key")), Is.EqualTo("8179756043d934eaad84ee4df009e2a1d0b8b8f776560e88485dfe1ea91a1658"));
    }

    [TestCase("sk-provider-secret-1234")]
    [TestCase("")]
    [TestCase("ünïcödé ✓ and a long value ................................................................")]
    public void AValueRoundTrips(string plaintext) =>
        Assert.That(_protector.Unprotect(_protector.Protect(plaintext)), Is.EqualTo(plaintext));

    [Test]
    public void TheStoredFormIsV3GcmBase64UrlWithPaddingAndRandomNonce()
    {
        var first = _protector.Protect("same value");
        var second = _protector.Protect("same value");

        Assert.That(first, Does.StartWith("v3:gcm:"));
        Assert.That(first[7..], Does.Match("^[A-Za-z0-9_-]+=*$"));
        Assert.That(first[7..].Length % 4, Is.Zero, "padded like Python's urlsafe_b64encode");
        Assert.That(first, Is.Not.EqualTo(second), "a fresh nonce every time");
        Assert.That(first, Does.Not.Contain("same value"));
    }

    [Test]
    public void UnpaddedValuesAreReadToo()
    {
        var stored = _protector.Protect("abc").TrimEnd('=');

        Assert.That(_protector.Unprotect(stored), Is.EqualTo("abc"));
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

        Assert.Throws<SecretUnreadableException>(() => _protector.Unprotect(stored));
    }

    [TestCase("plain text")]
    [TestCase("v3:gcm:!!!")]
    [TestCase("v3:gcm:AAAA")]
    public void GarbageIsRefused(string stored) =>
        Assert.Throws<SecretUnreadableException>(() => _protector.Unprotect(stored));
}
