using Housing.Api.Mail;

namespace Housing.Api.People;

public static class PeopleServices
{
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddOptions<PeopleOptions>().BindConfiguration(PeopleOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Mailer>();
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<PeopleOperations>();
        return services;
    }
}
