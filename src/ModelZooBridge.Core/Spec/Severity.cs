namespace ModelZooBridge.Spec;

/// <summary>
/// How serious a <see cref="SpecIssue"/> is. The numeric values are the bioimage.io warning levels
/// (INFO 20, WARNING 30, ALERT 35) with errors above every warning level.
/// </summary>
public enum Severity
{
    /// <summary>Cosmetic remark (bioimage.io INFO, 20).</summary>
    Info = 20,
    /// <summary>Something worth fixing (bioimage.io WARNING, 30).</summary>
    Warning = 30,
    /// <summary>Missing recommended metadata or an assumption made (bioimage.io ALERT, 35).</summary>
    Alert = 35,
    /// <summary>The description is invalid.</summary>
    Error = 50,
}
