using ModelZooBridge.OnnxRuntime.Interop;

namespace ModelZooBridge.OnnxRuntime;

/// <summary>The one checking path for <c>OrtStatus*</c> results: every call that returns one goes through here.</summary>
internal static unsafe class OrtStatus
{
    /// <summary>Does nothing for NULL (success); otherwise reads code and message, releases the status and throws.</summary>
    /// <exception cref="OrtException">When <paramref name="status"/> is not NULL.</exception>
    public static void ThrowIfFailed(IntPtr status)
    {
        if (status == IntPtr.Zero)
            return;
        var api = OrtNative.Api;
        try
        {
            var code = api->GetErrorCode(status);
            var message = OrtNative.ReadUtf8(api->GetErrorMessage(status));
            throw new OrtException(code, message);
        }
        finally
        {
            api->ReleaseStatus(status);
        }
    }
}
