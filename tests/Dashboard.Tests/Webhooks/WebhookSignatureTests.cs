using System.Security.Cryptography;
using System.Text;
using Dashboard.Webhooks;

namespace Dashboard.Tests.Webhooks;

public sealed class WebhookSignatureTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("secret");
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"eventId":"1","eventType":"user.connected","userId":7}""");

    private static string Hex(byte[] key, byte[] body) => Convert.ToHexStringLower(HMACSHA256.HashData(key, body));

    [Fact]
    public void A_signature_made_with_the_secret_over_the_raw_body_is_valid() =>
        WebhookSignature.Check(Body, "sha256=" + Hex(Key, Body), Key).ShouldBe(SignatureCheck.Valid);

    [Fact]
    public void Upper_case_hex_is_the_same_signature() =>
        WebhookSignature.Check(Body, "sha256=" + Hex(Key, Body).ToUpperInvariant(), Key).ShouldBe(SignatureCheck.Valid);

    [Fact]
    public void A_signature_made_with_another_secret_does_not_match() =>
        WebhookSignature.Check(Body, "sha256=" + Hex(Encoding.UTF8.GetBytes("other"), Body), Key).ShouldBe(SignatureCheck.Mismatch);

    [Fact]
    public void A_body_changed_by_one_byte_does_not_match()
    {
        var signature = "sha256=" + Hex(Key, Body);
        var tampered = Body.ToArray();
        tampered[^2] = (byte)'8';

        WebhookSignature.Check(tampered, signature, Key).ShouldBe(SignatureCheck.Mismatch);
    }

    [Fact]
    public void A_body_reformatted_as_equivalent_json_does_not_match_because_the_raw_bytes_are_signed()
    {
        var signature = "sha256=" + Hex(Key, Body);
        var spaced = Encoding.UTF8.GetBytes("""{ "eventId": "1", "eventType": "user.connected", "userId": 7 }""");

        WebhookSignature.Check(spaced, signature, Key).ShouldBe(SignatureCheck.Mismatch);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void No_signature_is_missing(string? header) =>
        WebhookSignature.Check(Body, header, Key).ShouldBe(SignatureCheck.Missing);

    [Theory]
    [InlineData("sha1=")]
    [InlineData("")]
    [InlineData("hmac-sha256=")]
    [InlineData("sha512=")]
    public void Another_scheme_than_sha256_is_refused(string prefix) =>
        WebhookSignature.Check(Body, prefix + Hex(Key, Body), Key).ShouldBe(SignatureCheck.WrongScheme);

    [Theory]
    [InlineData("sha256=")]
    [InlineData("sha256=zz")]
    [InlineData("sha256=abc")]
    public void A_signature_that_is_not_64_hex_digits_is_malformed(string header) =>
        WebhookSignature.Check(Body, header, Key).ShouldBe(SignatureCheck.Malformed);

    [Fact]
    public void A_truncated_signature_is_malformed() =>
        WebhookSignature.Check(Body, "sha256=" + Hex(Key, Body)[..62], Key).ShouldBe(SignatureCheck.Malformed);

    [Fact]
    public void Sign_produces_the_header_that_checks() =>
        WebhookSignature.Check(Body, WebhookSignature.Sign(Body, Key), Key).ShouldBe(SignatureCheck.Valid);
}
