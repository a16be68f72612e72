namespace Iadvize.Client;

/// <summary>What became of one call to the upstream; each kind has its own meaning for callers.</summary>
public enum ApiOutcome
{
    /// <summary><c>meta.status = "success"</c>.</summary>
    Success,

    /// <summary><c>meta.status = "fail"</c>: the request was understood and refused, e.g. an unknown id.</summary>
    Fail,

    /// <summary><c>meta.status = "error"</c> (<c>Forbidden</c>): the API key is rejected. Retrying will not help.</summary>
    KeyRejected,

    /// <summary>HTTP 429: come back after <see cref="ApiResult{T}.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>HTTP 5xx from the upstream.</summary>
    ServerError,

    /// <summary>No answer: network failure, timeout, or the circuit is open.</summary>
    Unreachable,

    /// <summary>An answer that is not the documented JSON envelope.</summary>
    Malformed,
}

/// <summary>The outcome of a call with its value on success and a plain-words message otherwise.</summary>
public sealed record ApiResult<T>(ApiOutcome Outcome, T? Value, string? Message, int? StatusCode = null, TimeSpan? RetryAfter = null)
{
    public bool IsSuccess => Outcome == ApiOutcome.Success;

    public static ApiResult<T> Ok(T value, string? message = null) => new(ApiOutcome.Success, value, message);

    /// <summary>The same failure, carrying another value type.</summary>
    public ApiResult<TOther> As<TOther>() => new(Outcome, default, Message, StatusCode, RetryAfter);

    public override string ToString() => IsSuccess ? $"Success{(Message is null ? "" : $": {Message}")}" : $"{Outcome}: {Message}";
}
