using Dashboard.Bench;

// dotnet run -c Release --project bench/Dashboard.Bench [-- upstream|diff|accounts|circuits|fanout|latency|tv-soak [minutes]|tv-screens|dashboard-screens|suite] :
// prints Markdown tables; circuits, fanout, latency, tv-soak and suite also write theirs into docs/performance.md
// (tv-screens and dashboard-screens write screenshots to docs/ instead). Every one ends by itself.
var which = args.Length > 0 ? args[0] : "all";
if (which is "all" or "upstream")
{
    await UpstreamRequestsBench.RunAsync([100, 1_000, 10_000]);
}

if (which is "all" or "diff")
{
    DiffApplyBench.Run([1_000, 10_000, 50_000], [0.01, 0.10, 1.00], rosterChangesAt: 10_000);
}

if (which is "all" or "accounts")
{
    await AccountCheckBench.RunAsync();
}

if (which is "all" or "circuits")
{
    // `circuits 1,10 250` measures fewer circuits, or one roster size, for a quick look.
    int[] circuits = args.Length > 1 ? [.. args[1].Split(',').Select(int.Parse)] : [1, 10, 50];
    int[] operators = args.Length > 2 ? [.. args[2].Split(',').Select(int.Parse)] : [250, 2_000];
    await CircuitsBench.RunAsync(operators, circuits, budget: TimeSpan.FromMinutes(40));
}

if (which is "all" or "fanout")
{
    // `fanout 1000 50 60`: hub clients, browser dashboards, seconds measured.
    int Arg(int index, int otherwise) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : otherwise;
    await FanoutBench.RunAsync(clients: Arg(1, 1_000), browsers: Arg(2, 50), window: TimeSpan.FromSeconds(Arg(3, 60)));
}

if (which is "all" or "latency")
{
    // `latency 200`: changes per setting (polled at 1 s and 3 s, webhooks).
    await LatencyBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200);
}

if (which is "dashboard-screens")
{
    await DashboardScreensBench.RunAsync();
}

if (which is "tv-screens")
{
    await TvScreensBench.RunAsync();
}

if (which is "tv-soak")
{
    await TvSoakBench.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 60);
}

if (which is "suite")
{
    // The whole of ./test.sh in a fresh clone of HEAD: not part of "all". `suite 4808533`: only that commit's test classes.
    await SuiteBench.RunAsync(args.Length > 1 ? args[1] : null);
}
