using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace Housing.Api.Web;

/// <summary>
/// The web console: server-rendered Razor Pages under Web/Pages, served at "/" by the same
/// app, calling in-process the features' operations the API's endpoints call, so the rules are the API's.
/// </summary>
public static class ConsoleServices
{
    public static IServiceCollection AddHousingConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>().BindConfiguration(ConsoleOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddAuthentication().AddConsoleCookie();
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, ConsoleAuth.CookieSetup>();
        services.AddAuthorizationBuilder().AddConsolePolicies();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "housing_antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.FormFieldName = "__RequestVerificationToken";
        });
        services.AddSingleton<LocalTime>();
        services.AddSingleton<PersonSignIn>();
        services.AddSingleton<Pages.Shelter.CountPosting>();
        services.AddSingleton<OrganizationDirectory>();
        services.AddRazorPages(o => o.RootDirectory = "/Web/Pages");
        // Spanish pages say "sesión", not "sesi&#xF3;n": letters of every script are written as
        // they are (UTF-8); markup characters (<, >, &, quotes) are still escaped.
        services.AddWebEncoders(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    public static WebApplication UseHousingConsole(this WebApplication app)
    {
        // The API answers errors as problem+json; a person in a browser gets a page.
        app.UseWhen(c => ConsolePaths.IsConsole(c.Request.Path), console => console.UseStatusCodePagesWithReExecute("/error/{0}"));
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = f => f.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=604800",
        });
        return app;
    }

    public static WebApplication MapHousingConsole(this WebApplication app)
    {
        app.MapRazorPages();
        return app;
    }
}
