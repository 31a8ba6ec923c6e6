using System.ComponentModel.DataAnnotations;

namespace Housing.Api.Security;

/// <summary>
/// Where the keys that seal stored secrets live. They are kept out of the database on purpose:
/// a copy of the database alone (a backup, a stolen disk image, a SQL injection) reveals no
/// confidential address and no webhook secret. See docs/SECURITY.md for rotation.
/// </summary>
public sealed class KeyRingOptions
{
    public const string Section = "DataProtection";

    /// <summary>
    /// The key ring's folder, relative to the working directory. Every instance of one deployment
    /// must share it (a shared volume), and it must be backed up apart from the database: without
    /// it, sealed values cannot be read.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string KeysPath { get; set; } = "keys";

    /// <summary>A new key is made this often; older keys stay in the ring to open what they sealed.</summary>
    [Range(7, 3650)]
    public int KeyLifetimeDays { get; set; } = 90;

    /// <summary>Optional PFX file whose certificate encrypts the key files themselves at rest.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
