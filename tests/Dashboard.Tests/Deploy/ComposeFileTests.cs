using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Dashboard.Tests.Deploy;

/// <summary>
/// <c>deploy/compose.yaml</c> is documentation no Docker engine runs here: each setting it gives the dashboard must be
/// one the app reads, as the README's configuration table or the contract additions name it, so that a renamed setting
/// cannot leave the file silently wrong.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void Every_setting_given_to_the_dashboard_instances_is_a_documented_configuration_key()
    {
        var documented = DocumentedKeys();
        var instances = DashboardInstances();

        instances.Count.ShouldBe(2, "two dashboard instances");
        foreach (var (name, environment) in instances)
        {
            environment.Keys.ShouldContain("Redis__ConnectionString", $"{name} is scaled out");
            environment.Keys.Where(key => !documented.Contains(key)).ShouldBeEmpty($"settings of {name} that the README and contract additions do not name");
        }

        instances.Select(i => i.Environment["Audit__InstanceName"]).Distinct().Count().ShouldBe(2, "each instance its own name");
    }

    [Fact]
    public void A_misspelt_setting_would_be_caught()
    {
        DocumentedKeys().ShouldNotContain("Redis__Connectionstring");
        DocumentedKeys().ShouldContain("Redis__ConnectionString");
    }

    [Fact]
    public void Nginx_sends_every_dashboard_instance_of_the_compose_file_and_keeps_sessions_sticky()
    {
        var nginx = File.ReadAllText(Path.Combine(Root, "deploy", "nginx.conf"));
        var servers = ServerLine().Matches(nginx).Select(m => m.Groups[1].Value).ToList();

        servers.ShouldBe(DashboardInstances().Select(i => $"{i.Name}:8080"), ignoreOrder: true);
        nginx.ShouldContain("ip_hash;");
        foreach (var path in new[] { "/_blazor", "/hubs/" })
        {
            var block = Regex.Match(nginx, $@"location {Regex.Escape(path)} \{{(.*?)\}}", RegexOptions.Singleline).Groups[1].Value;
            block.ShouldContain("proxy_set_header Upgrade $http_upgrade;", customMessage: path);
            block.ShouldContain("proxy_set_header Connection $connection_upgrade;", customMessage: path);
            block.ShouldContain("proxy_set_header Host $http_host;", customMessage: path);
        }
    }

    // Keys written as code in the README's configuration table and the contract additions: `Section__Key`, and the
    // forms with a placeholder (`Auth__Oidc__RoleValues__<value>`) or an index (`__0`, `__N`) read as patterns.
    private static HashSet<string> DocumentedKeys()
    {
        var text = File.ReadAllText(Path.Combine(Root, "README.md")) + File.ReadAllText(Path.Combine(Root, "docs", "contract-additions.md"));
        return [.. CodeSpan().Matches(text).Select(m => m.Groups[1].Value).Where(key => key.Contains("__", StringComparison.Ordinal) || key.StartsWith("ASPNETCORE_", StringComparison.Ordinal))];
    }

    private static List<(string Name, Dictionary<string, string> Environment)> DashboardInstances()
    {
        var text = File.ReadAllText(Path.Combine(Root, "deploy", "compose.yaml"));
        var compose = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(new StringReader(text))));
        var services = (Dictionary<object, object>)compose["services"];
        return [.. services
            .Where(service => service.Key is string name && name.StartsWith("dashboard", StringComparison.Ordinal))
            .Select(service =>
            {
                var environment = (Dictionary<object, object>)((Dictionary<object, object>)service.Value)["environment"];
                return ((string)service.Key, environment.ToDictionary(pair => (string)pair.Key, pair => pair.Value?.ToString() ?? ""));
            })];
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("No Dashboard.sln above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"`([A-Za-z][A-Za-z0-9_]*)(?:=[^`]*)?`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"^\s*server\s+([\w.-]+:\d+)", RegexOptions.Multiline)]
    private static partial Regex ServerLine();
}
