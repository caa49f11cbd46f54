using ApiGatewayTools.LocalGateway;
using ApiGatewayTools.LocalGateway.Auth;

namespace ApiGatewayTools.Models;

/// <summary>The running local gateway, as Start-/Get-GwLocalGateway show it.</summary>
public sealed class LocalGatewayInfo
{
    internal LocalGatewayInfo(LocalGatewayServer server)
    {
        EndpointUrl = server.EndpointUrl.ToString().TrimEnd('/');
        Port = server.Port;
        StartedAt = server.StartedAt;
        Functions = server.Functions.Select(f => new LocalFunction(f)).ToArray();
        RecentRequests = server.RecentRequests;
        AccessLog = server.AccessLog;
        EmulatesQuotas = server.EmulatesQuotas;
        QuotaRefusals = server.QuotaRefusals;
    }

    public string EndpointUrl { get; }
    public int Port { get; }
    public string Region => LocalGatewayServer.Region;
    public string AccountId => LocalGatewayServer.AccountId;
    /// <summary>The throw-away access key the module signs with while the gateway is the default endpoint.</summary>
    public string AccessKey => LocalGatewayServer.DefaultAccessKey;
    public DateTimeOffset StartedAt { get; }
    /// <summary>Whether AWS's per-account control-plane quotas are enforced (Start-GwLocalGateway -EmulateQuotas).</summary>
    public bool EmulatesQuotas { get; }
    /// <summary>How many control-plane calls the quotas refused with 429 since the start.</summary>
    public long QuotaRefusals { get; }
    public IReadOnlyList<LocalFunction> Functions { get; }
    public IReadOnlyList<LocalRequestLogEntry> RecentRequests { get; }
    /// <summary>The latest access-log lines of the stages that have an access-log format, oldest first (each shows as its line).</summary>
    public IReadOnlyList<LocalAccessLogEntry> AccessLog { get; }
}

/// <summary>A function registered with the local gateway.</summary>
public sealed class LocalFunction
{
    internal LocalFunction(LocalFunctionInfo info)
    {
        FunctionName = info.FunctionName;
        FunctionArn = info.FunctionArn;
        Runtime = info.Runtime;
        Description = info.Description;
        LastModified = info.LastModified;
    }

    public string FunctionName { get; }
    public string FunctionArn { get; }
    public string Runtime { get; }
    public string? Description { get; }
    public DateTimeOffset LastModified { get; }
}

/// <summary>A user pool the local gateway hosts in place of Amazon Cognito, as New-GwLocalUserPool outputs it.</summary>
public sealed class LocalUserPoolInfo
{
    internal LocalUserPoolInfo(LocalUserPool pool, Uri endpoint)
    {
        Name = pool.Name;
        UserPoolId = pool.Id;
        ProviderArn = pool.ProviderArn;
        ClientIds = pool.ClientIds;
        Issuer = pool.Issuer;
        JwksUrl = new Uri(endpoint, $"/{pool.Id}/.well-known/jwks.json").ToString();
    }

    public string Name { get; }
    public string UserPoolId { get; }
    /// <summary>What New-GwAuthorizer -Type COGNITO_USER_POOLS -ProviderArn takes.</summary>
    public string ProviderArn { get; }
    public IReadOnlyList<string> ClientIds { get; }
    /// <summary>The first app client: New-GwLocalToken's default.</summary>
    public string ClientId => ClientIds[0];
    /// <summary>The iss claim of the pool's tokens.</summary>
    public string Issuer { get; }
    /// <summary>Where the gateway serves the pool's signing keys.</summary>
    public string JwksUrl { get; }

    public override string ToString() => $"{Name} ({UserPoolId})";
}
