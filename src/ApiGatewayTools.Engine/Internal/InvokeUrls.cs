namespace ApiGatewayTools.Engine.Internal;

/// <summary>The one place that knows where clients call a deployed stage and where the services live.</summary>
internal static class InvokeUrls
{
    /// <summary>AWS: https://{id}.execute-api.{region}.amazonaws.com/{stage}; a custom endpoint: {endpoint}/restapis/{id}/{stage}/_user_request_.</summary>
    public static string ForStage(Uri? customEndpoint, string region, string restApiId, string stageName) =>
        customEndpoint is null
            ? $"https://{restApiId}.execute-api.{region}.amazonaws.com/{stageName}"
            : $"{customEndpoint.AbsoluteUri.TrimEnd('/')}/restapis/{restApiId}/{stageName}/_user_request_";

    public static Uri RegionalEndpoint(string service, string region) =>
        new($"https://{service}.{region}.{(region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com")}");
}
