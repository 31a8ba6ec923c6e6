using Microsoft.AspNetCore.Localization;
using HeaderNames = Microsoft.Net.Http.Headers.HeaderNames;

namespace Housing.Api.Localization;

/// <summary>
/// ASP.NET Core request localization, choosing English or Spanish for each request: the console's
/// language switch (a cookie that lasts the browser session), else the Accept-Language header,
/// else English. The answer says which it used (Content-Language).
/// </summary>
public static class LanguageServices
{
    /// <summary>The switch's cookie: only "en" or "es", nothing about the person.</summary>
    public const string Cookie = "housing_language";

    public static IServiceCollection AddHousingLanguages(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Language.English);
            o.SupportedCultures = [.. Language.Cultures];
            o.SupportedUICultures = [.. Language.Cultures];
            o.FallBackToParentCultures = false;
            o.FallBackToParentUICultures = false;
            o.RequestCultureProviders = [new Chosen()];
            o.ApplyCurrentCultureToResponseHeaders = true;
        });
        return services;
    }

    public static WebApplication UseHousingLanguages(this WebApplication app)
    {
        app.UseRequestLocalization();
        // Answers differ by the header, so no cache may hand one language's answer to another.
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>Sets the switch for the rest of the browser session.</summary>
    public static void Remember(HttpResponse response, string language) =>
        response.Cookies.Append(Cookie, language, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
            IsEssential = true,
            Path = "/",
        });

    private sealed class Chosen : RequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext context)
        {
            var language = Language.Of(context.Request.Cookies[Cookie])
                ?? Language.Preferred(context.Request.Headers.AcceptLanguage);
            return Task.FromResult(language is null ? null : new ProviderCultureResult(language));
        }
    }
}
