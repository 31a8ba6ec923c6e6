using System.Text.RegularExpressions;
using Housing.Api.Errors;

namespace Housing.Api.Organizations;

public static partial class OrganizationRules
{
    public static void ValidateRegion(Validation v, string field, string? region, bool required)
    {
        if (region is null)
        {
            if (required) v.Add(field, "Required.");
            return;
        }
        if (!RegionPattern().IsMatch(region)) v.Add(field, "Use a short lowercase code such as 'spa-4' (letters, digits and hyphens, at most 40).");
    }

    public static void ValidateContact(Validation v, string prefix, string? phone, string? email)
    {
        v.Text(prefix + "phone", phone, 40);
        if (phone is not null && !PhonePattern().IsMatch(phone)) v.Add(prefix + "phone", "Digits, spaces and + ( ) - . only.");
        v.Text(prefix + "email", email, 254);
        if (email is not null && !EmailPattern().IsMatch(email)) v.Add(prefix + "email", "Not an email address.");
    }

    public static Validation Validate(CreateOrganizationRequest request)
    {
        var v = new Validation();
        v.Text("name", request.Name, 200, required: true);
        v.Required("type", request.Type);
        ValidateRegion(v, "region", request.Region, required: false);
        ValidateContact(v, "", request.Phone, request.Email);
        return v;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex RegionPattern();

    [GeneratedRegex(@"^\+?[0-9 ()\-.]{3,40}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$")]
    private static partial Regex EmailPattern();
}
