using Microsoft.Extensions.Options;

namespace Iadvize.Simulator.Webhooks;

/// <summary>One failure per broken <c>Simulator:Webhooks</c> setting, so that a bad start names the setting.</summary>
internal sealed class WebhookOptionsValidation : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var errors = options.Webhooks?.Validate().ToList() ?? [];
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
