using Bunit;
using Dashboard.Components.Layout;
using Dashboard.Components.Pages;
using Dashboard.Live;
using Dashboard.Tests.Localization;

namespace Dashboard.Tests.Components;

/// <summary>The dashboard under a French request culture: French words, the same hooks and numbers as in English.</summary>
public sealed class FrenchPageTests : DashboardComponentTest
{
    private void PublishOne() => Store.PublishSnapshot([OperatorBuilder.An(1).Named("Alice Martin").WithChat(slots: 1, max: 3)], Now);

    [Fact]
    public void The_dashboard_speaks_French_under_a_French_culture()
    {
        using var french = TestTexts.InCulture("fr");
        PublishOne();

        var page = Render<Home>();

        page.Find(".col-name").TextContent.ShouldBe("Opérateur");
        page.Find("[data-testid=operator] [data-channel=chat] .state-label").TextContent.ShouldBe("Disponible");
        page.Find("[data-testid=operator] .op-sub").TextContent.ShouldBe("Connecté");
        page.Find("[data-testid=breakdown-toggle]").TextContent.ShouldBe("Masquer");
        page.Find("[data-testid=filter-state] option").TextContent.ShouldBe("Tous les états");
        page.Find(".kpi-figure .kpi-label").TextContent.ShouldContain("dispo.");
    }

    [Fact]
    public void Hooks_and_headline_numbers_stay_the_same_in_French()
    {
        PublishOne();
        var english = Render<Home>();
        var englishKpis = english.FindAll("[data-testid=kpi]").Select(k => (k.GetAttribute("data-kpi"), k.GetAttribute("data-level"), k.TextContent)).ToList();
        var englishCell = english.Find("[data-testid=operator] [data-channel=chat]");
        var (state, slots) = (englishCell.GetAttribute("data-state"), englishCell.GetAttribute("data-slots"));

        using var french = TestTexts.InCulture("fr");
        var page = Render<Home>();

        page.FindAll("[data-testid=kpi]").Select(k => (k.GetAttribute("data-kpi"), k.GetAttribute("data-level"), k.TextContent)).ToList()
            .ShouldBe(englishKpis);
        page.FindAll("[data-testid=kpi]").Select(k => k.TextContent)
            .Where(text => text != "–" && !int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var _))
            .ShouldBeEmpty("a kpi's text is a plain number");
        var cell = page.Find("[data-testid=operator] [data-channel=chat]");
        cell.GetAttribute("data-state").ShouldBe(state);
        cell.GetAttribute("data-slots").ShouldBe(slots);
    }

    [Fact]
    public void A_shared_row_built_in_French_is_not_served_to_an_English_page()
    {
        PublishOne();
        using (TestTexts.InCulture("fr"))
        {
            Render<Home>().Find("[data-testid=operator] [data-channel=chat] .state-label").TextContent.ShouldBe("Disponible");
        }

        Render<Home>().Find("[data-testid=operator] [data-channel=chat] .state-label").TextContent.ShouldBe("Available");
    }

    [Fact]
    public async Task A_change_heard_on_the_pollers_thread_is_drawn_in_the_pages_language()
    {
        IRenderedComponent<Home> page;
        using (TestTexts.InCulture("fr"))
        {
            PublishOne();
            page = Render<Home>();
        }

        // The poller publishes on a thread of its own, in the server's culture.
        await Task.Run(() =>
        {
            using var english = TestTexts.InCulture("en");
            Store.PublishSnapshot([OperatorBuilder.An(1).Named("Alice Martin").WithChat(slots: 2, max: 3)], Now.AddSeconds(3));
        }, Xunit.TestContext.Current.CancellationToken);

        page.WaitForAssertion(() => page.Find("[data-testid=operator] [data-channel=chat]").GetAttribute("data-slots").ShouldBe("2/3"));
        page.Find("[data-testid=operator] [data-channel=chat] .state-label").TextContent.ShouldBe("Disponible");
        page.Find(".kpi-card .kpi-label").TextContent.ShouldBe("Opérateurs");
    }

    [Fact]
    public void The_language_switch_offers_both_languages_and_marks_the_current_one()
    {
        using var french = TestTexts.InCulture("fr-FR");

        var form = Render<LanguageSwitch>().Find("[data-testid=language]");

        form.GetAttribute("action").ShouldBe("/language");
        var options = form.QuerySelectorAll("button[data-language]");
        options.Select(o => o.GetAttribute("data-language")).ShouldBe(["en", "fr"]);
        options.Single(o => o.GetAttribute("aria-pressed") == "true").GetAttribute("data-language").ShouldBe("fr");
        form.QuerySelector("input[name=returnUrl]")!.GetAttribute("value").ShouldBe("/");
    }
}
