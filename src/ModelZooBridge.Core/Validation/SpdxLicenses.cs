using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace ModelZooBridge.Validation;

/// <summary>
/// The SPDX licence ids mzb recognises offline: the ones used on bioimage.io and the common open-source and
/// Creative Commons ids (SPDX licence list), plus deprecated ids with their replacements.
/// </summary>
internal static partial class SpdxLicenses
{
    public static readonly FrozenSet<string> Known = FrozenSet.Create(StringComparer.Ordinal,
        "0BSD", "AFL-3.0", "AGPL-1.0-only", "AGPL-1.0-or-later", "AGPL-3.0-only", "AGPL-3.0-or-later", "Apache-1.0", "Apache-1.1", "Apache-2.0",
        "APSL-2.0", "Artistic-1.0", "Artistic-2.0", "BlueOak-1.0.0", "BSD-1-Clause", "BSD-2-Clause", "BSD-2-Clause-Patent", "BSD-3-Clause",
        "BSD-3-Clause-Clear", "BSD-3-Clause-LBNL", "BSD-4-Clause", "BSL-1.0", "CAL-1.0", "CC-BY-1.0", "CC-BY-2.0", "CC-BY-2.5", "CC-BY-3.0",
        "CC-BY-4.0", "CC-BY-NC-2.0", "CC-BY-NC-3.0", "CC-BY-NC-4.0", "CC-BY-NC-ND-3.0", "CC-BY-NC-ND-4.0", "CC-BY-NC-SA-2.0",
        "CC-BY-NC-SA-3.0", "CC-BY-NC-SA-4.0", "CC-BY-ND-3.0", "CC-BY-ND-4.0", "CC-BY-SA-2.0", "CC-BY-SA-3.0", "CC-BY-SA-4.0", "CC0-1.0",
        "CDDL-1.0", "CDDL-1.1", "CECILL-2.1", "CECILL-B", "CECILL-C", "ECL-2.0", "EPL-1.0", "EPL-2.0", "EUPL-1.1", "EUPL-1.2",
        "GPL-1.0-only", "GPL-1.0-or-later", "GPL-2.0-only", "GPL-2.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "HPND", "ISC",
        "LGPL-2.0-only", "LGPL-2.0-or-later", "LGPL-2.1-only", "LGPL-2.1-or-later", "LGPL-3.0-only", "LGPL-3.0-or-later", "LPPL-1.3c",
        "MIT", "MIT-0", "MPL-1.1", "MPL-2.0", "MPL-2.0-no-copyleft-exception", "MS-PL", "MS-RL", "MulanPSL-2.0", "NCSA", "ODbL-1.0",
        "ODC-By-1.0", "OFL-1.1", "OSL-3.0", "PDDL-1.0", "PostgreSQL", "PSF-2.0", "Python-2.0", "Unlicense", "UPL-1.0", "W3C", "WTFPL",
        "X11", "Zlib", "ZPL-2.1");

    public static readonly FrozenDictionary<string, string> Deprecated = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["AGPL-3.0"] = "AGPL-3.0-only", ["GPL-1.0"] = "GPL-1.0-only", ["GPL-2.0"] = "GPL-2.0-only", ["GPL-3.0"] = "GPL-3.0-only",
        ["GPL-2.0+"] = "GPL-2.0-or-later", ["GPL-3.0+"] = "GPL-3.0-or-later", ["LGPL-2.0"] = "LGPL-2.0-only", ["LGPL-2.1"] = "LGPL-2.1-only",
        ["LGPL-3.0"] = "LGPL-3.0-only", ["LGPL-2.1+"] = "LGPL-2.1-or-later", ["LGPL-3.0+"] = "LGPL-3.0-or-later",
        ["BSD-2-Clause-FreeBSD"] = "BSD-2-Clause", ["BSD-2-Clause-NetBSD"] = "BSD-2-Clause", ["eCos-2.0"] = "GPL-2.0-or-later WITH eCos-exception-2.0",
        ["Nunit"] = "zlib-acknowledgement", ["StandardML-NJ"] = "SMLNJ", ["wxWindows"] = "GPL-2.0-or-later WITH WxWindows-exception-3.1",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9.+-]*$")]
    private static partial Regex IdPattern();

    /// <summary>Whether the text has the syntax of a single SPDX licence id (letters, digits, '.', '-', '+').</summary>
    public static bool LooksLikeId(string text) => text.Length <= 64 && IdPattern().IsMatch(text);
}
