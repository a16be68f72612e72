namespace Iadvize.Simulator;

/// <summary>What an operator wrote on their public profile, as <c>GET /operator/{id}/profile</c> reports it.</summary>
internal sealed record OperatorPublicProfile(int UserId, string Status, string Description, string Facebook, string Twitter, string City, string Country)
{
    private static readonly string[] FrenchStatuses =
        ["Je suis disponible pour vous aider", "À votre écoute !", "Posez-moi vos questions", ""];

    private static readonly string[] EnglishStatuses =
        ["Happy to help", "Ask me anything about your order", "Here until 6 pm", ""];

    private static readonly string[] FrenchDescriptions =
    [
        "Passionnée de décoration depuis plusieurs années, j'aime vous apporter des conseils.",
        "Spécialiste des luminaires, je vous aide à trouver la lampe qu'il vous faut.",
        "Au service client depuis cinq ans, je suis là pour suivre vos commandes.",
    ];

    private static readonly string[] EnglishDescriptions =
    [
        "Interior design enthusiast, I love helping you light up your home.",
        "Our lighting specialist: ask me about bulbs, fittings and dimmers.",
        "Five years in customer care; I will follow your order to your door.",
    ];

    private static readonly string[] FrenchCities = ["Nantes", "Paris", "Lyon", "Bordeaux", "Lille", "Rennes"];

    private static readonly string[] BritishCities = ["London", "Manchester", "Bristol", "Leeds", "Glasgow"];

    /// <summary>Derived from the seed and the id only, so profiles never disturb the activity's random sequence.</summary>
    public static OperatorPublicProfile Create(int seed, OperatorProfile profile, IReadOnlyList<WebsiteInfo> websites)
    {
        var french = profile.WebsiteList.Count > 0
            && websites.FirstOrDefault(w => w.Id == profile.WebsiteList[0])?.LanguageAdmin == "fr";
        string Choose(string[] options, int salt) => options[(int)(Hashing.Unit(seed, profile.Id, salt) * options.Length)];

        var handle = $"{profile.FirstName}.{profile.Name}".ToLowerInvariant().Replace(' ', '.');
        // Not everyone fills in every field; the API then answers empty strings.
        var facebook = Hashing.Unit(seed, profile.Id, 10) < 0.4 ? handle : string.Empty;
        var twitter = Hashing.Unit(seed, profile.Id, 11) < 0.3 ? handle.Replace('.', '_') : string.Empty;
        return french
            ? new(profile.Id, Choose(FrenchStatuses, 12), Choose(FrenchDescriptions, 13), facebook, twitter, Choose(FrenchCities, 14), "France")
            : new(profile.Id, Choose(EnglishStatuses, 12), Choose(EnglishDescriptions, 13), facebook, twitter, Choose(BritishCities, 14), "United Kingdom");
    }
}

/// <summary>Stable pseudo-random numbers from a seed and a key, independent of any generator's sequence.</summary>
internal static class Hashing
{
    /// <summary>A number in [0, 1) from SplitMix64 of the inputs.</summary>
    public static double Unit(int seed, int id, int salt)
    {
        var x = unchecked(((ulong)(uint)seed << 32) ^ (uint)id ^ ((ulong)(uint)salt * 0x9E3779B97F4A7C15UL));
        x = unchecked((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return (x >> 11) * (1.0 / (1UL << 53));
    }
}

/// <summary>The fault chosen for one API request.</summary>
internal enum FaultKind
{
    None,
    ServerError,
    BadGateway,
    ServiceUnavailable,
    RateLimited,
    Hang,
    HtmlBody,
    TruncatedJson,
}
