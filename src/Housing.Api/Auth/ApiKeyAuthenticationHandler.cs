using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Housing.Api.Auth;

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore keys,
    BootstrapAdminKey bootstrap,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    // The failures as the framework logs them (in English); the client reads them in its language.
    private const string NotOneKey = "Send exactly one API key in the X-Api-Key header.";
    private const string NotAValidKey = "The API key is not valid, or it has been revoked.";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values)) return AuthenticateResult.NoResult();
        if (values.Count != 1 || string.IsNullOrWhiteSpace(values[0]) || values[0]!.Length > 200)
            return AuthenticateResult.Fail(NotOneKey);

        var presented = values[0]!;
        var caller = bootstrap.Matches(presented)
            ? BootstrapAdminKey.Caller
            : await keys.AuthenticateAsync(presented, Context.RequestAborted);
        if (caller is null) return AuthenticateResult.Fail(NotAValidKey);

        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{Header}\"";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = ProblemText.Problem_Unauthorized_Title,
                Detail = result.Failure?.Message switch
                {
                    NotOneKey => ProblemText.Problem_Unauthorized_OneKey,
                    NotAValidKey => ProblemText.Problem_Unauthorized_BadKey,
                    _ => ProblemText.Problem_Unauthorized_NoKey,
                },
            },
        });
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value ?? "unknown";
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Title = ProblemText.Problem_Forbidden_Title,
                Detail = Say.Format(ProblemText.Problem_Forbidden_Role, role),
            },
        });
    }
}
