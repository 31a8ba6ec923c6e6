namespace Housing.Api.Auth;

/// <summary>
/// Which programs a caller may read one by one. A shelter reads only its own organisation's.
/// A reporter reads no confidential program: reports publish confidential programs only as one
/// aggregate, and a safe house's own inventory or open count, read beside that aggregate, would
/// single it out; case managers still see them (without the address) because they refer to them.
/// </summary>
public readonly record struct ProgramScope(Guid? Organization, bool PublicOnly)
{
    public static readonly ProgramScope Everything = new(null, false);

    public bool Includes(Guid organizationId, bool confidential) =>
        (Organization is not { } org || org == organizationId) && !(PublicOnly && confidential);
}
