using System.Security.Claims;
using Dashboard.Audit;
using Dashboard.Auth;

namespace Dashboard.Tests.Audit;

public sealed class CommandActorTests
{
    private static ClaimsPrincipal SignedIn(string name, string id, bool external) => new(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, id),
            new Claim(ClaimTypes.Name, name),
            new Claim(ClaimTypes.Role, nameof(Role.Manager)),
            .. external ? [new Claim(AuthExtensions.ExternalClaimType, "1764460800")] : Array.Empty<Claim>(),
        ],
        "test"));

    [Fact]
    public void Two_single_sign_on_people_with_the_same_name_are_told_apart_by_the_providers_subject()
    {
        var first = CommandActor.From(SignedIn("John Smith (SSO)", $"{SingleSignOn.Scheme}:00u42", external: true), CommandActor.Hub);
        var second = CommandActor.From(SignedIn("John Smith (SSO)", $"{SingleSignOn.Scheme}:00u77", external: true), CommandActor.Hub);

        first.Name.ShouldBe("John Smith (SSO) · 00u42");
        second.Name.ShouldBe("John Smith (SSO) · 00u77");
        first.Role.ShouldBe(Role.Manager);
    }

    [Fact]
    public void A_local_account_is_recorded_by_its_unique_user_name_alone()
    {
        CommandActor.From(SignedIn("marie", "12", external: false), CommandActor.Page).Name.ShouldBe("marie");
    }

    [Fact]
    public void Nobody_signed_in_is_anonymous_with_the_least_role()
    {
        var actor = CommandActor.From(new ClaimsPrincipal(new ClaimsIdentity()), CommandActor.Page);

        actor.Name.ShouldBe(CommandActor.AnonymousName);
        actor.Role.ShouldBe(Role.Viewer);
    }
}
