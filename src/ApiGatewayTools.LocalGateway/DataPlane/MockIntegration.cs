using System.Globalization;
using System.Text.Json;

namespace ApiGatewayTools.LocalGateway.DataPlane;

/// <summary>MOCK: the rendered request template's statusCode picks the integration response; no backend is called.</summary>
internal static class MockIntegration
{
    private const int DefaultStatusCode = 200;

    public static MethodResult Invoke(Invocation invocation)
    {
        if (IntegrationRequestBody.Build(invocation) is not { } request)
        {
            return MethodResult.GatewayError(GatewayFailure.UnsupportedMediaType, "no request template for the content type and passthrough refused");
        }
        var statusCode = StatusCodeOf(request.Body);
        invocation.Log?.Add($"Mock integration answered status {statusCode}");
        return IntegrationResponseMapping.Map(invocation, new IntegrationOutput(statusCode, [], []));
    }

    /// <summary>The "statusCode" member of the rendered template; 200 when there is none.</summary>
    private static int StatusCodeOf(byte[] rendered)
    {
        if (rendered.Length == 0)
        {
            return DefaultStatusCode;
        }
        try
        {
            using var document = JsonDocument.Parse(rendered);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("statusCode", out var code))
            {
                if (code.ValueKind == JsonValueKind.Number && code.TryGetInt32(out var number))
                {
                    return number;
                }
                if (code.ValueKind == JsonValueKind.String && int.TryParse(code.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
                {
                    return number;
                }
            }
        }
        catch (JsonException)
        {
        }
        return DefaultStatusCode;
    }
}
