using System.Text.Json;
using System.Text.RegularExpressions;
using ApiGatewayTools.LocalGateway.Http;
using ApiGatewayTools.LocalGateway.Json;
using ApiGatewayTools.LocalGateway.State;

namespace ApiGatewayTools.LocalGateway.ControlPlane;

/// <summary>
/// A stage's access log, patched as /accessLogSettings/format and /accessLogSettings/destinationArn and
/// dropped by removing /accessLogSettings; reported as accessLogSettings only while set.
/// </summary>
internal static partial class StageAccessLog
{
    /// <summary>True when the operation addressed the access log (and was applied).</summary>
    public static bool TryApply(StageRecord stage, PatchOperation operation)
    {
        var segments = operation.Segments;
        if (segments[0] != "accessLogSettings")
        {
            return false;
        }
        var current = stage.AccessLog ?? new AccessLogSettings(null, null);
        stage.AccessLog = (segments, operation.Op) switch
        {
            ([_], "remove") => null,
            ([_, "format"], "replace" or "add") => current with { Format = ValidFormat(operation.RequiredValue) },
            ([_, "destinationArn"], "replace" or "add") => current with { DestinationArn = ValidDestination(operation.RequiredValue) },
            ([_, "format"], "remove") => current with { Format = null },
            ([_, "destinationArn"], "remove") => current with { DestinationArn = null },
            _ => throw StageRoutes.InvalidPath(operation),
        };
        if (stage.AccessLog is { Format: null, DestinationArn: null })
        {
            stage.AccessLog = null;
        }
        return true;
    }

    /// <summary>
    /// AWS keeps each request's line unique: the format must name $context.requestId or
    /// $context.extendedRequestId, and it is one line (a line break is allowed only at its end).
    /// </summary>
    public static string ValidFormat(string format)
    {
        if (format.TrimEnd('\n').TrimEnd('\r').AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw GatewayError.BadRequest($"Access Log format must be single line, new line character is allowed only at end of the format: '{format}'");
        }
        if (!RequestIdVariable().IsMatch(format))
        {
            throw GatewayError.BadRequest($"Access Log format must include either $context.requestId or $context.extendedRequestId : '{format}'");
        }
        return format;
    }

    /// <summary>A CloudWatch Logs log group or a Firehose stream whose name starts "amazon-apigateway-", as AWS accepts.</summary>
    public static string ValidDestination(string arn)
    {
        if (!DestinationPattern().IsMatch(arn))
        {
            throw GatewayError.BadRequest(
                $"Invalid ARN specified in the request: '{arn}'. Write a log group's ARN (arn:aws:logs:{{region}}:{{account}}:log-group:{{name}}) or a Firehose stream's (arn:aws:firehose:{{region}}:{{account}}:deliverystream/amazon-apigateway-{{name}}).");
        }
        return arn;
    }

    public static void Write(Utf8JsonWriter writer, AccessLogSettings accessLog)
    {
        writer.OptionalString("format", accessLog.Format);
        writer.OptionalString("destinationArn", accessLog.DestinationArn);
    }

    [GeneratedRegex(@"\$\{?context\.(requestId|extendedRequestId)(?![A-Za-z0-9_])")]
    private static partial Regex RequestIdVariable();

    [GeneratedRegex(@"^arn:aws[a-z-]*:(logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]+(:\*)?|firehose:[a-z0-9-]+:\d{12}:deliverystream/amazon-apigateway-[\w.-]+)$")]
    private static partial Regex DestinationPattern();
}
