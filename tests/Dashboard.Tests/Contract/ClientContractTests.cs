using Iadvize.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Dashboard.Tests.Contract;

public sealed class ClientContractTests(ContractFixture simulator) : IClassFixture<ContractFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IadvizeClient Client => simulator.Client;

    [Fact]
    public async Task The_live_list_walks_every_page_and_includes_offline_operators_only_when_asked()
    {
        var all = await Client.GetAllLiveAsync(includeOffline: true, filter: null, Ct);
        var online = await Client.GetAllLiveAsync(includeOffline: false, filter: null, Ct);

        all.Value!.Count.ShouldBeGreaterThan(200);
        all.Value.Select(o => o.Id).ShouldBeUnique();
        all.Value.ShouldAllBe(o => simulator.Platform.OperatorIds.Contains(o.Id));
        all.Value.ShouldContain(o => !o.Connected);
        online.Value!.ShouldAllBe(o => o.Connected);
        online.Value!.Count.ShouldBe(all.Value.Count(o => o.Connected));
    }

    [Fact]
    public async Task One_operators_live_state_matches_the_simulator()
    {
        var id = simulator.Platform.OperatorIds[7];

        var live = (await Client.GetLiveAsync(id, Ct)).Value!;

        var truth = simulator.Platform.GetLive(id)!;
        live.Connected.ShouldBe(truth.Connected);
        live.Chat.ShouldBe(new ChannelLive(truth.Chat.Enabled, truth.Chat.SlotNumber, truth.Chat.SlotMaxNumber, truth.Chat.Busy, truth.Chat.Available));
        live.Call.SlotMaxNumber.ShouldBe(truth.Call.SlotMaxNumber);
    }

    [Fact]
    public async Task An_unknown_id_is_a_fail_with_the_documented_message()
    {
        var result = await Client.GetLiveAsync(1, Ct);

        result.Outcome.ShouldBe(ApiOutcome.Fail);
        result.Message.ShouldBe("Unknown 'operator' with 'id' 1.");
    }

    [Fact]
    public async Task A_wrong_key_is_rejected_and_not_retried()
    {
        await using var services = simulator.ClientServices("not-the-key");
        var client = services.GetRequiredService<IadvizeClient>();
        var budget = services.GetRequiredService<RequestBudget>();

        var result = await client.GetLiveAsync(simulator.Platform.OperatorIds[0], Ct);

        result.Outcome.ShouldBe(ApiOutcome.KeyRejected);
        budget.Remaining.ShouldBe(budget.PerMinute - 1);
    }

    [Fact]
    public async Task The_roster_reads_every_operator_with_names_groups_and_skills()
    {
        var roster = (await Client.GetAllOperatorsAsync(filter: null, Ct)).Value!;

        roster.Select(o => o.Id).Order().ShouldBe(simulator.Platform.OperatorIds.Order());
        roster.ShouldAllBe(o => !string.IsNullOrWhiteSpace(o.Name) && !string.IsNullOrWhiteSpace(o.Email));
        roster.ShouldContain(o => o.GroupId != null);
        roster.ShouldContain(o => o.SkillIds.Count > 0);
    }

    [Fact]
    public async Task Operator_filters_reach_the_upstream_with_their_brackets_encoded()
    {
        var roster = (await Client.GetAllOperatorsAsync(filter: null, Ct)).Value!;
        var someone = roster.First(o => o.GroupId != null && o.SkillIds.Count > 0);

        var byGroup = (await Client.GetAllOperatorsAsync(new OperatorFilter(GroupId: someone.GroupId), Ct)).Value!;
        var bySkill = (await Client.GetAllLiveAsync(includeOffline: true, new OperatorFilter(SkillId: someone.SkillIds[0]), Ct)).Value!;
        var byName = (await Client.GetAllOperatorsAsync(new OperatorFilter(Name: $"*{someone.Name![1..^1]}*"), Ct)).Value!;

        byGroup.ShouldAllBe(o => o.GroupId == someone.GroupId);
        byGroup.Count.ShouldBeLessThan(roster.Count);
        bySkill.Count.ShouldBeLessThan(roster.Count);
        byName.ShouldContain(o => o.Id == someone.Id);
        byName.Count.ShouldBeLessThan(roster.Count);
    }

    [Fact]
    public async Task Groups_skills_and_websites_have_names_and_can_be_read_one_by_one()
    {
        var groups = (await Client.GetAllGroupsAsync(Ct)).Value!;
        var skills = (await Client.GetAllSkillsAsync(Ct)).Value!;
        var websites = (await Client.GetAllWebsitesAsync(Ct)).Value!;

        groups.ShouldNotBeEmpty();
        groups.ShouldContain(g => g.ParentId != null);
        skills.ShouldNotBeEmpty();
        websites.ShouldNotBeEmpty();
        (await Client.GetGroupAsync(groups[0].Id, Ct)).Value!.Name.ShouldBe(groups[0].Name);
        (await Client.GetSkillAsync(skills[0].Id, Ct)).Value!.Name.ShouldBe(skills[0].Name);
        (await Client.GetWebsiteAsync(websites[0].Id, Ct)).Value!.Label.ShouldBe(websites[0].Label);
        (await Client.GetGroupAsync(1, Ct)).Outcome.ShouldBe(ApiOutcome.Fail);
    }

    [Fact]
    public async Task Operator_details_statistic_and_profile_are_read()
    {
        var id = simulator.Platform.OperatorIds[3];

        var details = await Client.GetOperatorAsync(id, Ct);
        var statistic = await Client.GetOperatorStatisticAsync(id, Ct);
        var profile = await Client.GetOperatorProfileAsync(id, Ct);

        details.Value!.Id.ShouldBe(id);
        details.Value.Roles.ShouldNotBeEmpty();
        details.Value.Languages.ShouldNotBeEmpty();
        statistic.Value!.OperatorId.ShouldBe(id);
        statistic.Value.ConversationNumber.ShouldBeGreaterThanOrEqualTo(0);
        profile.Value!.OperatorId.ShouldBe(id);
    }

    [Fact]
    public async Task The_availability_put_is_applied_once_and_answers_the_documented_message()
    {
        var target = simulator.Platform.OperatorIds.First(id => simulator.Platform.GetLive(id) is { Connected: true, Chat: { Enabled: true, Available: true } });
        var before = simulator.Platform.Requests.Count;

        var result = await Client.SetAvailabilityAsync(target, new AvailabilityChange(Chat: false), Ct);

        result.Value.ShouldBe("Operator is now unavailable for chat channel.");
        simulator.Platform.GetLive(target)!.Chat.Available.ShouldBeFalse();
        simulator.Platform.Requests.Count.ShouldBe(before + 1);
        simulator.Platform.Requests[^1].Body.ShouldBe("chat%5Bavailable%5D=0");
    }

    [Fact]
    public async Task Forcing_offline_is_applied()
    {
        var target = simulator.Platform.OperatorIds.Last(id => simulator.Platform.GetLive(id) is { Connected: true });

        var result = await Client.SetAvailabilityAsync(target, new AvailabilityChange(Disconnect: true), Ct);

        result.IsSuccess.ShouldBeTrue(result.Message);
        simulator.Platform.GetLive(target)!.Connected.ShouldBeFalse();
    }
}
