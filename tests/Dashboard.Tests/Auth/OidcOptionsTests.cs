using Dashboard.Auth;

namespace Dashboard.Tests.Auth;

public sealed class OidcOptionsTests
{
    private static readonly OidcOptions Mapped = new() { RoleValues = new(StringComparer.OrdinalIgnoreCase) { ["cc-supervisors"] = Role.Supervisor, ["cc-admins"] = Role.Manager } };

    [Theory]
    [InlineData(new string[0], null)]
    [InlineData(new[] { "agents" }, null)]
    [InlineData(new[] { "viewer" }, Role.Viewer)]
    [InlineData(new[] { " MANAGER " }, Role.Manager)]
    [InlineData(new[] { "viewer", "agents", "Supervisor" }, Role.Supervisor)]
    [InlineData(new[] { "2" }, null)]
    public void Without_a_mapping_the_highest_role_named_wins_and_an_unknown_value_gives_none(string[] values, Role? expected) =>
        new OidcOptions().RoleFrom(values).ShouldBe(expected);

    [Theory]
    [InlineData(new[] { "CC-Supervisors" }, Role.Supervisor)]
    [InlineData(new[] { "cc-admins", "viewer", "cc-supervisors" }, Role.Manager)]
    [InlineData(new[] { "viewer", "agents" }, null)]
    [InlineData(new[] { " MANAGER " }, null)]
    [InlineData(new[] { "Manager", "cc-supervisors" }, Role.Supervisor)]
    public void With_a_mapping_only_the_mapped_values_give_a_role(string[] values, Role? expected) =>
        Mapped.RoleFrom(values).ShouldBe(expected);

    [Fact]
    public void Single_sign_on_is_off_without_an_authority_and_then_nothing_is_checked() =>
        new OidcOptions { ClientId = null }.Validate().ShouldBeEmpty();

    [Theory]
    [InlineData("not a url", "dashboard", true, "Auth:Oidc:Authority must be an absolute https address (it is 'not a url').")]
    [InlineData("http://idp.internal", "dashboard", true, "Auth:Oidc:Authority must use https (or set Auth:Oidc:RequireHttpsMetadata=false on a private network).")]
    [InlineData("https://idp.example.com", "", true, "Auth:Oidc:ClientId must be set when Auth:Oidc:Authority is.")]
    public void A_broken_setting_is_named(string authority, string clientId, bool requireHttps, string message) =>
        new OidcOptions { Authority = authority, ClientId = clientId, RequireHttpsMetadata = requireHttps }.Validate()
            .Select(r => r.ErrorMessage).ShouldBe([message]);

    [Fact]
    public void A_provider_on_a_private_network_may_use_http_when_told_so() =>
        new OidcOptions { Authority = "http://idp.internal", ClientId = "dashboard", RequireHttpsMetadata = false }.Validate().ShouldBeEmpty();
}
