namespace Housing.Api.Web.Pages.Admin;

/// <summary>The admin tools' pages: their form fields are named in their own words in the problem summary.</summary>
public abstract class AdminToolsPage : ConsolePage
{
    public virtual string FieldLabel(string field) => FormErrors.Label(field);

    /// <summary>The field's messages beside it, or none.</summary>
    public IReadOnlyList<string> ErrorsFor(string field) => Errors.For(field);
}
