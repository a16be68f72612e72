using Microsoft.Extensions.Options;

namespace Dashboard;

/// <summary>Turns a configuration failure at start into one line per broken setting, instead of a stack trace.</summary>
internal static class StartupErrors
{
    public static bool IsConfiguration(Exception exception) => Messages(exception).Any();

    public static IEnumerable<string> Messages(Exception exception) => exception switch
    {
        OptionsValidationException validation => validation.Failures,
        Storage.DatabaseUnavailableException database => [database.Message],
        ScaleOut.RedisUnavailableException redis => [redis.Message],
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Messages),
        // The configuration binder cannot convert a value (e.g. an interval that is not a TimeSpan).
        InvalidOperationException { InnerException: FormatException or OverflowException or InvalidOperationException or ArgumentException } binding
            when binding.Message.Contains("configuration value", StringComparison.OrdinalIgnoreCase) => [binding.Message],
        _ => [],
    };
}
