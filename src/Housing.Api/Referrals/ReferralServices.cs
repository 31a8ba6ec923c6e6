namespace Housing.Api.Referrals;

public static class ReferralServices
{
    public static IServiceCollection AddReferrals(this IServiceCollection services)
    {
        services.AddOptions<ReferralOptions>().BindConfiguration(ReferralOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReferralStore>();
        services.AddSingleton<ReferralOperations>();
        services.AddSingleton<ReferralSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<ReferralSweeper>());
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ReferralRetention>();
        services.AddHostedService<RetentionWorker>();
        return services;
    }
}
