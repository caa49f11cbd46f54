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

    /// <summary>The top-level "statusCode" member of the rendered template; 200 when there is none.</summary>
    private static int StatusCodeOf(byte[] rendered)
    {
        if (rendered.Length == 0)
        {
            return DefaultStatusCode;
        }
        // A forward-only read: no document is built for what is usually {"statusCode": 200}.
        var reader = new Utf8JsonReader(rendered);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return DefaultStatusCode;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isStatusCode = reader.ValueTextEquals("statusCode"u8);
                reader.Read();
                if (isStatusCode)
                {
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
                    {
                        return number;
                    }
                    if (reader.TokenType == JsonTokenType.String
                        && int.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out number))
                    {
                        return number;
                    }
                    return DefaultStatusCode;
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
        }
        return DefaultStatusCode;
    }
}
