using System.Security.Cryptography;

namespace Dashboard.Webhooks;

/// <summary>What checking <c>x-iadvize-signature</c> found.</summary>
public enum SignatureCheck
{
    Valid,
    Missing,
    WrongScheme,
    Malformed,
    Mismatch,
}

/// <summary>Checks <c>x-iadvize-signature: sha256=&lt;hex HMAC-SHA256 of the raw body&gt;</c>. Pure.</summary>
public static class WebhookSignature
{
    public const string Prefix = "sha256=";

    private const int HashBytes = HMACSHA256.HashSizeInBytes;

    public static SignatureCheck Check(ReadOnlySpan<byte> body, string? header, ReadOnlySpan<byte> key)
    {
        if (string.IsNullOrEmpty(header))
        {
            return SignatureCheck.Missing;
        }

        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.WrongScheme;
        }

        var hex = header.AsSpan(Prefix.Length).Trim();
        Span<byte> claimed = stackalloc byte[HashBytes];
        if (hex.Length != HashBytes * 2
            || Convert.FromHexString(hex, claimed, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HashBytes)
        {
            return SignatureCheck.Malformed;
        }

        Span<byte> actual = stackalloc byte[HashBytes];
        HMACSHA256.HashData(key, body, actual);
        // Constant time: how much of a forged signature matched must not show in how long the answer takes.
        return CryptographicOperations.FixedTimeEquals(actual, claimed) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The header value for <paramref name="body"/>, for senders and tests.</summary>
    public static string Sign(ReadOnlySpan<byte> body, ReadOnlySpan<byte> key) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));
}
