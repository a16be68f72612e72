using Dashboard.Auth;

namespace Dashboard.Audit;

/// <summary>
/// Who asked for a change, with which role and through which door; built from the signed-in user with <see cref="From"/>.
/// The command service checks the role itself, so that no page, hub method or endpoint can forget to, and when the
/// <see cref="User"/> is known it reads the account again rather than trusting the role the sign-in started with.
/// </summary>
public sealed record CommandActor(string Name, string Via, Role Role, System.Security.Claims.ClaimsPrincipal? User = null)
{
    public const string Page = "page";

    public const string Hub = "hub";

    public const string Bulk = "bulk";

    public const string AnonymousName = "anonymous";

    // The least role: someone unknown may change nothing.
    public static CommandActor Anonymous(string via) => new(AnonymousName, via, Role.Viewer);

    /// <summary>The signed-in user, or <see cref="Anonymous"/> when there is none.</summary>
    public static CommandActor From(System.Security.Claims.ClaimsPrincipal? user, string via) =>
        AuthExtensions.RecordedName(user) is { } name ? new(name, via, AuthExtensions.RoleOf(user!), user) : Anonymous(via);

    /// <summary>The same person, acting through a bulk change.</summary>
    public CommandActor InBulk() => this with { Via = Bulk };
}
