using System.Text.RegularExpressions;
using Housing.Api.People;
using Housing.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Housing.Browser.Tests;

/// <summary>
/// A person's way in, in a browser: an admin invites a case manager, who sets a password from
/// the link, turns on codes from an app, keeps the recovery codes, signs in again with a code;
/// then the admin disables them and their open page signs them out. Every page passes axe.
/// </summary>
public sealed class PeopleFlowTests : BrowserTest
{
    private Guid _agency;

    protected override async Task SeedAsync() =>
        (_agency, _) = await OrganizationWithKeyAsync("Pacific Coalition", "agency", "case_manager");

    [TestCase(1280, 900)]
    [TestCase(375, 740)]
    public async Task AnInvitedCaseManagerSetsAPasswordTurnsOnCodesSignsInAndIsDisabled(int width, int height)
    {
        var email = $"ana.{width}@example.org";
        var admin = await (await NewContextAsync(new ViewportSize { Width = width, Height = height })).NewPageAsync();
        var person = await (await NewContextAsync(new ViewportSize { Width = width, Height = height })).NewPageAsync();
        try
        {
            await SignInAsync(BrowserApp.AdminKey, admin);
            await admin.GotoAsync("/admin/people");
            await admin.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
            await admin.GetByLabel("Role", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Case manager" });
            await admin.GetByLabel("Organisation", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Pacific Coalition" });
            await admin.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
            var linkField = admin.GetByLabel("Link to set a password");
            await Expect(linkField).ToHaveValueAsync(new Regex("/account/welcome\\?token="));
            await Axe.AssertAccessibleAsync(admin, $"admin: people, a link shown once {width}");
            await NoSidewaysScrollingAsync(admin, width);
            await ShotAsync(admin, $"people-invited-{width}");
            var link = await linkField.InputValueAsync();

            await person.GotoAsync(new Uri(link).PathAndQuery);
            await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Set your password" })).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(person, $"set your password {width}");
            await person.GetByLabel("New password").FillAsync("Password2024!");
            await person.GetByLabel("The same password again").FillAsync("Password2024!");
            await person.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
            await Expect(person.Locator("#password-error")).ToContainTextAsync("among the first an attacker would try");
            await Axe.AssertAccessibleAsync(person, $"set your password, refused {width}");
            await person.GetByLabel("New password").FillAsync("lantern harbor quietly 42");
            await person.GetByLabel("The same password again").FillAsync("lantern harbor quietly 42");
            await person.GetByRole(AriaRole.Button, new() { Name = "Set my password" }).ClickAsync();
            await Expect(person.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is set.");

            await person.GetByLabel("Email").FillAsync(email);
            await person.GetByLabel("Password", new() { Exact = true }).FillAsync("lantern harbor quietly 42");
            await person.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Codes from an authenticator app" })).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(person, $"turn on codes {width}");
            await NoSidewaysScrollingAsync(person, width);
            await ShotAsync(person, $"turn-on-codes-{width}");
            var secret = (await person.Locator("#secret").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal);
            await person.GetByLabel("Code from the app").FillAsync(Totp.Code(secret, DateTimeOffset.UtcNow));
            await person.GetByRole(AriaRole.Button, new() { Name = "Turn on codes" }).ClickAsync();
            await Expect(person.Locator(".recovery-codes li")).ToHaveCountAsync(10);
            await Axe.AssertAccessibleAsync(person, $"recovery codes {width}");
            await NoSidewaysScrollingAsync(person, width);
            await person.GetByRole(AriaRole.Link, new() { Name = "Continue" }).ClickAsync();
            await Expect(person.Locator("header")).ToContainTextAsync(email);

            // Next time: the password, then a code.
            await person.Context.ClearCookiesAsync();
            await person.GotoAsync("/");
            await person.GetByLabel("Email").FillAsync(email);
            await person.GetByLabel("Password", new() { Exact = true }).FillAsync("lantern harbor quietly 42");
            await person.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
            await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Enter your code" })).ToBeVisibleAsync();
            await Axe.AssertAccessibleAsync(person, $"enter your code {width}");
            await NoSidewaysScrollingAsync(person, width);
            await person.GetByLabel("Code", new() { Exact = true }).FillAsync("000000");
            await person.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await Expect(person.Locator("#code-error")).ToContainTextAsync("That code is not right");
            await Axe.AssertAccessibleAsync(person, $"enter your code, refused {width}");
            // The next step's code: the first one was taken when codes were turned on.
            await person.GetByLabel("Code", new() { Exact = true }).FillAsync(Totp.Code(secret, DateTimeOffset.UtcNow.AddSeconds(30)));
            await person.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await person.WaitForURLAsync(url => url.EndsWith("/search", StringComparison.Ordinal));

            await admin.GotoAsync("/admin/people");
            await Expect(admin.GetByRole(AriaRole.Row, new() { Name = email })).ToContainTextAsync("with codes from an app");
            await Axe.AssertAccessibleAsync(admin, $"admin: people {width}");
            await admin.GetByRole(AriaRole.Button, new() { Name = $"Disable {email}" }).ClickAsync();
            var dialog = admin.GetByRole(AriaRole.Dialog);
            await Expect(dialog).ToContainTextAsync($"Disable {email}?");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Yes, disable" }).ClickAsync();
            await Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Disabled: their sessions have ended.");

            await person.ReloadAsync();
            await Expect(person.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        }
        finally
        {
            await admin.Context.CloseAsync();
            await person.Context.CloseAsync();
        }
    }

    [Test]
    public async Task AWrongPasswordIsSaidBesideTheFieldAndPassesAxe()
    {
        await Page.GotoAsync("/");
        await Page.GetByLabel("Email").FillAsync("nobody@example.org");
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync("not the password at all");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(Page.Locator("#password-error")).ToContainTextAsync("do not open an account here");
        await Expect(Page.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
        await Axe.AssertAccessibleAsync(Page, "sign in, password refused");
        Assert.That(_agency, Is.Not.EqualTo(Guid.Empty));
    }
}
