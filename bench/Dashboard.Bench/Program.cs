using Dashboard.Bench;

// dotnet run -c Release --project bench/Dashboard.Bench [-- upstream] : prints Markdown tables.
var which = args.Length > 0 ? args[0] : "all";
if (which is "all" or "upstream")
{
    await UpstreamRequestsBench.RunAsync([100, 1_000, 10_000]);
}
