using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Housing.Api.Reports;

public static class ReportServices
{
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.TimeZone, out _), "Reports:TimeZone is not a time zone this machine knows.")
            .ValidateOnStart();
        services.AddSingleton<ReportStore>();
        services.AddSingleton<ReportFolder>();
        services.AddSingleton<ReportHtml>();
        services.TryAddSingleton<IReportPublisher, OutboxReportPublisher>();
        services.AddSingleton<ReportRunner>();
        services.AddSingleton<ReportOperations>();
        services.AddSingleton<ReportScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportScheduler>());
        return services;
    }
}
