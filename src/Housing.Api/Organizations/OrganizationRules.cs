using System.Text.RegularExpressions;
using Housing.Api.Errors;

namespace Housing.Api.Organizations;

/// <summary>
/// The patterns organisations, programs and searches share (a region, a phone number, an email
/// address), stated on the request records and checked by <see cref="RequestShape"/>.
/// </summary>
public static partial class OrganizationRules
{
    public const string Region = "^[a-z0-9][a-z0-9-]{0,39}$";
    public const string Phone = @"^\+?[0-9 ()\-.]{3,40}$";
    public const string Email = @"^[^@\s]{1,64}@[^@\s]{1,189}\.[^@\s]{2,}$";

    /// <summary>A region in a list, where an attribute on the list cannot reach each entry.</summary>
    public static void ValidateRegion(Validation v, string field, string? region, bool required)
    {
        if (region is null)
        {
            if (required) v.Add(field, ProblemText.Problem_Required);
            return;
        }
        if (!RegionPattern().IsMatch(region)) v.Add(field, ProblemText.Problem_Region);
    }

    public static bool IsRegion(string? region) => region is not null && RegionPattern().IsMatch(region);

    /// <summary>The organisation to create; its fields' shape is all there is to check.</summary>
    public static Validation Validate(CreateOrganizationRequest request)
    {
        var v = new Validation();
        RequestShape.Check(request, v);
        v.Text("name", request.Name);
        v.Text("phone", request.Phone);
        v.Text("email", request.Email);
        return v;
    }

    [GeneratedRegex(Region)]
    private static partial Regex RegionPattern();
}
