using System.Globalization;
using System.Text;

namespace Iadvize.Simulator;

internal sealed record OperatorProfile(
    int Id,
    string Name,
    string FirstName,
    string Pseudo,
    string Email,
    string ExternalId,
    IReadOnlyList<string> Roles,
    bool ChatEnabled,
    bool CallEnabled,
    bool VideoEnabled,
    int ChatMaxNumber,
    bool ChatAndCall,
    bool ChatToVideo,
    int ChatPriority,
    int CallPriority,
    int VideoPriority,
    IReadOnlyList<string> LanguageList,
    string LanguageAdmin,
    int GroupId,
    IReadOnlyList<int> WebsiteList,
    IReadOnlyList<int> SkillList)
{
    // The deprecated single role keeps the old vocabulary: experts were plain operators there.
    public string Role => Roles.Contains("admin") ? "admin" : Roles.Contains("manager") ? "manager" : "operator";

    public bool IsEnabled(Channel channel) => channel switch
    {
        Channel.Chat => ChatEnabled,
        Channel.Call => CallEnabled,
        _ => VideoEnabled,
    };

    // Call and video take one conversation at a time, enabled or not (the API reports 1 either way).
    public int SlotMax(Channel channel) => channel == Channel.Chat ? ChatMaxNumber : 1;
}

internal sealed record GroupInfo(int Id, string Name, string CreatedAt, int? ParentId, IReadOnlyList<int> OperatorList, IReadOnlyList<int> ParentList);

internal sealed record SkillInfo(int Id, string Name, int Order, string CreatedAt, int? ParentId, IReadOnlyList<int> OperatorList);

internal sealed record WebsiteInfo(int Id, string Url, string Label, int ClientId, string Currency, string LanguageAdmin, string Timezone);

/// <summary>The static part of the platform: roster, groups, skills, websites. Immutable once seeded.</summary>
internal sealed class Population
{
    private const int FrenchSite = 3401;
    private const int BritishSite = 3402;
    private const int CustomerCare = 1984;
    private const int Support = 1985;
    private const int Billing = 1986;
    private const int Sales = 1987;
    private const int Returns = 1988;
    private const int French = 302;
    private const int English = 303;
    private const int Premium = 304;
    private const int Technical = 305;
    private const int Orders = 306;

    private static readonly string[] FirstNames =
    [
        "Julie", "Thomas", "Camille", "Nicolas", "Léa", "Antoine", "Manon", "Hugo", "Chloé", "Lucas",
        "Élodie", "Mathieu", "Sophie", "Pierre", "Inès", "Maxime", "Zoé", "Juliette", "Emma", "Oliver",
        "Charlotte", "James", "Amelia", "Harry", "Grace", "George", "Emily", "Jack", "Noah", "Giulia",
        "Lukas", "Anna", "Jonas", "Lena", "Felix", "Marie", "Leon", "Hannah", "Jürgen", "Sophia",
    ];

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau",
        "Lefèvre", "Girard", "Fontaine", "Rousseau", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson",
        "Evans", "Johnson", "Walker", "Wright", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer",
        "Wagner", "Becker", "Hoffmann", "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Neumann",
    ];

    private static readonly (int Id, int Weight)[] GroupWeights =
        [(Support, 35), (Billing, 15), (Sales, 25), (Returns, 15), (CustomerCare, 10)];

    private Population(
        IReadOnlyList<OperatorProfile> operators,
        IReadOnlyList<GroupInfo> groups,
        IReadOnlyList<SkillInfo> skills,
        IReadOnlyList<WebsiteInfo> websites)
    {
        Operators = operators;
        Groups = groups;
        Skills = skills;
        Websites = websites;
    }

    /// <summary>Operators in ascending id order.</summary>
    public IReadOnlyList<OperatorProfile> Operators { get; }

    public IReadOnlyList<GroupInfo> Groups { get; }

    public IReadOnlyList<SkillInfo> Skills { get; }

    public IReadOnlyList<WebsiteInfo> Websites { get; }

    public static Population Seed(Random random, int operatorCount)
    {
        var operators = new OperatorProfile[operatorCount];
        var emails = new HashSet<string>(StringComparer.Ordinal);
        // Real ids are sparse; gaps catch clients that assume id == index.
        var id = 104_200 + random.Next(0, 50);
        for (var i = 0; i < operatorCount; i++)
        {
            operators[i] = NewOperator(random, id, i, emails);
            id += random.Next(1, 5);
        }

        var groups = new List<GroupInfo>
        {
            Group(CustomerCare, "Customer care", "2019-03-14 09:12:00", null, [], operators),
            Group(Support, "Support", "2019-03-14 09:15:41", CustomerCare, [CustomerCare], operators),
            Group(Billing, "Billing", "2019-06-02 14:03:27", CustomerCare, [CustomerCare], operators),
            Group(Sales, "Sales", "2020-01-20 10:44:09", null, [], operators),
            Group(Returns, "Returns", "2021-09-07 16:21:55", null, [], operators),
        };

        var skills = new List<SkillInfo>
        {
            Skill(301, "Languages", 1, "2019-03-14 09:20:00", null, operators),
            Skill(French, "French", 2, "2019-03-14 09:20:31", 301, operators),
            Skill(English, "English", 3, "2019-03-14 09:21:02", 301, operators),
            Skill(Premium, "Premium", 4, "2020-02-11 11:05:48", null, operators),
            Skill(Technical, "Technical", 5, "2020-05-26 08:37:12", null, operators),
            Skill(Orders, "Orders", 6, "2022-10-03 13:58:40", null, operators),
        };

        var websites = new List<WebsiteInfo>
        {
            new(FrenchSite, "https://www.maison-lumiere.example", "Maison Lumière FR", 5120, "EUR", "fr", "Europe/Paris"),
            new(BritishSite, "https://www.lumiere-home.example", "Lumière Home UK", 5120, "GBP", "en", "Europe/London"),
        };

        return new Population(operators, groups, skills, websites);
    }

    private static OperatorProfile NewOperator(Random random, int id, int index, HashSet<string> emails)
    {
        var firstName = FirstNames[random.Next(FirstNames.Length)];
        var lastName = LastNames[random.Next(LastNames.Length)];
        var pseudo = random.NextDouble() < 0.5 ? firstName : $"{firstName} {lastName[0]}.";

        var roll = random.NextDouble();
        string[] roles = index == 0 ? ["admin"] : roll < 0.08 ? ["manager"] : roll < 0.16 ? ["expert"] : ["operator"];

        var chatEnabled = random.NextDouble() < 0.9;
        var chatMax = random.Next(2, 6);
        var callEnabled = random.NextDouble() < 0.4;
        var videoEnabled = random.NextDouble() < 0.15;
        var chatAndCall = callEnabled && random.NextDouble() < 0.5;
        var chatToVideo = videoEnabled && random.NextDouble() < 0.6;
        var chatPriority = random.NextDouble() < 0.3 ? 10 : 0;
        var callPriority = random.NextDouble() < 0.3 ? 10 : 0;
        var videoPriority = random.NextDouble() < 0.3 ? 10 : 0;

        var siteRoll = random.NextDouble();
        int[] websites = siteRoll < 0.25 ? [FrenchSite, BritishSite] : siteRoll < 0.65 ? [FrenchSite] : [BritishSite];
        string[] languages = websites.Length == 2
            ? ["fr", "en"]
            : websites[0] == FrenchSite
                ? random.NextDouble() < 0.5 ? ["fr"] : ["fr", "en"]
                : random.Next(3) switch { 0 => ["en"], 1 => ["en", "de"], _ => ["en", "es"] };

        var skills = new List<int>();
        if (languages.Contains("fr"))
        {
            skills.Add(French);
        }

        if (languages.Contains("en"))
        {
            skills.Add(English);
        }

        if (random.NextDouble() < 0.3)
        {
            skills.Add(Premium);
        }

        if (random.NextDouble() < 0.25)
        {
            skills.Add(Technical);
        }

        if (random.NextDouble() < 0.35)
        {
            skills.Add(Orders);
        }

        var groupId = PickGroup(random);
        var email = UniqueEmail($"{Ascii(firstName)}.{Ascii(lastName)}", emails);

        return new OperatorProfile(
            id, lastName, firstName, pseudo, email, $"EMP-{index + 1:D4}", roles,
            chatEnabled, callEnabled, videoEnabled, chatMax, chatAndCall, chatToVideo,
            chatPriority, callPriority, videoPriority, languages, languages[0], groupId, websites, skills);
    }

    private static int PickGroup(Random random)
    {
        var roll = random.Next(100);
        foreach (var (id, weight) in GroupWeights)
        {
            if (roll < weight)
            {
                return id;
            }

            roll -= weight;
        }

        return GroupWeights[^1].Id;
    }

    private static string UniqueEmail(string localPart, HashSet<string> emails)
    {
        var candidate = $"{localPart}@example.com";
        for (var n = 2; !emails.Add(candidate); n++)
        {
            candidate = $"{localPart}{n}@example.com";
        }

        return candidate;
    }

    // Email addresses are ASCII: "Lefèvre" becomes "lefevre", "Schäfer" becomes "schafer".
    private static string Ascii(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Replace("ß", "ss", StringComparison.Ordinal).Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }

    private static GroupInfo Group(int id, string name, string createdAt, int? parentId, int[] parents, OperatorProfile[] operators) =>
        new(id, name, createdAt, parentId, [.. operators.Where(o => o.GroupId == id).Select(o => o.Id)], parents);

    private static SkillInfo Skill(int id, string name, int order, string createdAt, int? parentId, OperatorProfile[] operators) =>
        new(id, name, order, createdAt, parentId, [.. operators.Where(o => o.SkillList.Contains(id)).Select(o => o.Id)]);
}
