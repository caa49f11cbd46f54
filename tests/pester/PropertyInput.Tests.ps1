# Property: every cmdlet, fed generated hostile values (strings, paths, ARNs, URIs, string arrays, hashtables) in
# each parameter that takes them, either succeeds or fails with an ErrorRecord whose id is stable (a module id,
# an AWS error code or a PowerShell binding id; never a .NET exception type leaking out), and input refused as
# invalid sent nothing. The corpus is drawn from a seeded System.Random, so every run feeds the same cases.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null
    $script:Random = [System.Random]::new(13)

    $long = 'x' * 5000
    $script:HostileStrings = @(
        '', ' ', "`0", "a`tb`r`nc", [string][char]0x7f, 'é日本語😀', [string][char]0xD800, "ends$([char]0xDC00)", [string][char]0xFEFF,
        '../..', '/', '//', '/a//b', '/{x}', '/{proxy+}/x', '/pets/{', 'a/b', '*', '%ZZ', '%2F', '$(Get-Date)', '${x}', '#foreach($i in [1..9])x#end',
        'arn:', 'arn:aws:lambda:us-east-1:000000000000:function:', 'arn:aws:execute-api:us-east-1:000000000000:abc/*/GET/',
        'arn:aws:lambda:xx-nowhere-9:1:function:f', 'http://', 'http://[::1', 'https://example.com:99999/x', 'ftp://example.com/',
        'file:///etc/passwd', 'http://user:pass@example.com/x?y#z', '-1', '0', '1e309', 'NaN', 'null', 'true', $long,
        'method.request.header.', 'integration.response.body.x', '4\d{2', 'GET POST', 'get', 'ANY', 'TRACE', '999', 'abc'
    )
    $script:HostileTables = @(
        @{}, @{ '' = 'x' }, @{ 'a' = $null }, @{ 'k' = @{ nested = 1 } }, @{ ('k' * 300) = 'v' }, @{ ([string][char]0xD800) = 'v' },
        @{ 'v' = [string][char]0xDC00 }, @{ 'x' = $long }, @{ 'method.request.header.x' = 'yes' }, @{ 1 = 2 }, @{ 'a b' = @(1, 2) }
    )

    # Values a cmdlet needs to get past its mandatory parameters and reach the code that reads the fuzzed one.
    function New-World {
        $api = New-TestApi 'prop'
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        $stage = $api | Publish-GwDeployment -StageName prod
        $validator = $api | New-GwRequestValidator -Name body -ValidateRequestBody
        $root = $api | Get-GwResource -Path /
        $authorizer = New-GwAuthorizer -RestApiId $api.RestApiId -Name (New-TestName 'auth') -Type TOKEN -FunctionName $script:FunctionName -IdentitySource 'method.request.header.Authorization'
        $part = $api | Set-GwDocumentationPart -Property @{ description = 'prop' }
        $documentation = $api | New-GwDocumentationVersion -Version 'prop-1'
        @{
            RestApiId = $api.RestApiId; ParentId = $root.ResourceId; PathPart = 'more'; Path = '/pets'; HttpMethod = 'GET'
            StageName = 'prod'; DeploymentId = $stage.DeploymentId; RequestValidatorId = $validator.RequestValidatorId; ResponseType = 'DEFAULT_4XX'; StatusCode = '200'
            Name = (New-TestName 'prop'); FunctionName = $script:FunctionName; Uri = 'http://example.com/pets'
            ScriptBlock = { 'ok' }; CanaryPercent = 10; AuthorizerId = $authorizer.AuthorizerId
            Schema = '{"type":"object","properties":{"name":{"type":"string"}}}'
            ApiKeyId = $script:Shared.ApiKeyId; UsagePlanId = $script:Shared.UsagePlanId; FunctionVersion = $script:Shared.FunctionVersion
            UserPool = $script:Shared.UserPool; ProviderArn = $script:Shared.ProviderArn
            Property = @{ summary = 'prop' }; DocumentationPartId = $part.DocumentationPartId; Version = $documentation.Version
        }
    }
    # The gateway logs each request before its answer goes out, so the log is complete when a cmdlet returns: no
    # wait is needed between cases (TestSupport's helpers wait, which over hundreds of cases adds minutes).
    function Get-NewestRequestId { @((Get-GwLocalGateway).RecentRequests)[-1].RequestId }
    function Get-RequestAfter([string] $RequestId) {
        $requests = @((Get-GwLocalGateway).RecentRequests)
        $requests | Select-Object -Skip ([array]::IndexOf(@($requests.RequestId), $RequestId) + 1)
    }
    $script:FunctionName = (Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock { 'ok' }).FunctionName
    # Account-level objects every world shares: an API key in a usage plan, a published version, a local user pool.
    $sharedApi = New-TestApi 'prop-shared'
    $sharedApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
    $sharedStage = $sharedApi | Publish-GwDeployment -StageName prod
    $pool = New-GwLocalUserPool -Name (New-TestName 'pool')
    $script:Shared = @{
        ApiKeyId        = (New-GwApiKey -Name (New-TestName 'key')).ApiKeyId
        UsagePlanId     = (New-GwUsagePlan -Name (New-TestName 'plan') -ApiStage $sharedStage).UsagePlanId
        FunctionVersion = (Publish-GwLambdaVersion -FunctionName $script:FunctionName).Version
        UserPool        = $pool.Name
        ProviderArn     = [string[]]@($pool.ProviderArn)
    }

    # Ids that name a .NET exception or an unclassified failure: input that reached code which did not expect it.
    $script:UnstableId = '^(System\.|.*(NullReference|ArgumentOutOfRange|IndexOutOfRange|KeyNotFound|InvalidOperation|InvalidCast|Format|Overflow|UriFormat|Json|Encoder|Decoder|NotSupported|ObjectDisposed|TaskCanceled|HttpRequest|Argument|ArgumentNull)Exception\b|InternalError|UnexpectedResponse|InternalFailure)'
}

Describe 'Generated input to every cmdlet' {
    BeforeAll {
        # Never fuzzed: the gateway's own lifecycle (stopping it would end the test) and the connection parameters
        # (a hostile region or endpoint sends to the network, a hostile profile reads the machine's AWS config).
        $skipCommands = 'Start-GwLocalGateway', 'Stop-GwLocalGateway'
        $skipParameters = 'ProfileName', 'Region', 'EndpointUrl', 'Credential', 'Connection', 'LogPath', 'StatePath', 'HandlerPath', 'Handler', 'Runtime'
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        $script:Results = [System.Collections.Generic.List[object]]::new()
        $script:Skipped = [System.Collections.Generic.List[string]]::new()

        foreach ($command in Get-Command -Module ApiGatewayTools | Where-Object Name -NotIn $skipCommands | Sort-Object Name) {
            $world = New-World
            foreach ($set in $command.ParameterSets) {
                $parameters = @($set.Parameters | Where-Object Name -NotIn $common)
                $missing = @($parameters | Where-Object { $_.IsMandatory -and -not $world.ContainsKey($_.Name) -and $_.ParameterType -ne [switch] })
                if ($missing.Count -gt 0) {
                    $script:Skipped.Add("$($command.Name) [$($set.Name)]: no baseline for $($missing.Name -join ', ')")
                    continue
                }
                $baseline = @{}
                foreach ($p in $parameters) {
                    if ($world.ContainsKey($p.Name)) { $baseline[$p.Name] = $world[$p.Name] }
                    elseif ($p.IsMandatory -and $p.ParameterType -eq [switch]) { $baseline[$p.Name] = $true }
                }
                foreach ($p in $parameters | Where-Object Name -NotIn $skipParameters) {
                    $values = switch ($p.ParameterType) {
                        ([string]) { 1..2 | ForEach-Object { $script:HostileStrings[$script:Random.Next($script:HostileStrings.Count)] } }
                        ([string[]]) { 1..2 | ForEach-Object { , [string[]]@(1..3 | ForEach-Object { $script:HostileStrings[$script:Random.Next($script:HostileStrings.Count)] }) } }
                        ([hashtable]) { 1..2 | ForEach-Object { $script:HostileTables[$script:Random.Next($script:HostileTables.Count)] } }
                        default { continue }
                    }
                    foreach ($value in $values) {
                        $arguments = $baseline.Clone()
                        $arguments[$p.Name] = $value
                        if ($command.Parameters.ContainsKey('Confirm')) { $arguments['Confirm'] = $false }
                        $marker = Get-NewestRequestId
                        $failure = $null
                        try {
                            & $command.Name @arguments -ErrorAction Stop -WarningAction SilentlyContinue | Out-Null
                        }
                        catch {
                            $failure = $_
                        }
                        $sent = if ($failure) { @(Get-RequestAfter $marker) } else { @() }
                        $shown = if ($value -is [string]) { $value.Substring(0, [Math]::Min(40, $value.Length)) } else { ($value | Out-String -Width 200).Trim() }
                        $script:Results.Add([pscustomobject]@{
                            Case = "$($command.Name) -$($p.Name) '$shown' [$($set.Name)]"
                            ErrorId = $failure.FullyQualifiedErrorId
                            Exception = $failure.Exception
                            Message = $failure.Exception.Message
                            Sent = $sent
                        })
                    }
                }
            }
        }
    }

    It 'covers the module: a few hundred cases over every cmdlet' {
        $script:Results.Count | Should -BeGreaterThan 200
        $covered = @($script:Results.Case | ForEach-Object { ($_ -split ' ')[0] } | Sort-Object -Unique)
        $covered.Count | Should -BeGreaterOrEqual ((Get-Command -Module ApiGatewayTools).Count - 4) -Because "skipped: $($script:Skipped -join '; ')"
    }

    It 'fails only with stable error ids, never a .NET exception or an unclassified failure' {
        $unstable = @($script:Results | Where-Object { $_.ErrorId -and $_.ErrorId -match $script:UnstableId } |
                ForEach-Object { "$($_.Case) -> $($_.ErrorId): $($_.Message)" })
        $unstable | Should -BeNullOrEmpty
    }

    # Input refused by parameter binding or validation sends nothing at all; input the module can judge only against
    # what exists (a stage that is not deployed, the root resource) may have been read first, but changes nothing.
    It 'sends nothing when it refuses the input as invalid, and changes nothing when it refuses it after reading' {
        $refused = $script:Results | Where-Object {
            $_.Exception -is [System.Management.Automation.ParameterBindingException] -or
            $_.Exception -is [System.Management.Automation.ValidationMetadataException] -or
            ($_.Exception -and $_.Exception.GetType().Name -eq 'GwValidationException')
        }
        @($refused).Count | Should -BeGreaterThan 0
        $leaky = @($refused | Where-Object {
                $bindingOnly = $_.Exception -is [System.Management.Automation.ParameterBindingException] -or $_.Exception -is [System.Management.Automation.ValidationMetadataException]
                @($_.Sent | Where-Object { $bindingOnly -or $_.Operation -notmatch '^(Get|List)' }).Count -gt 0
            } |
                ForEach-Object { "$($_.Case) -> $($_.ErrorId) after sending $(@($_.Sent | ForEach-Object { "$($_.Operation) $($_.Method) $($_.Path)" }) -join ', ')" })
        $leaky | Should -BeNullOrEmpty
    }

    It 'answers with AWS 4xx errors when the service refused the input' {
        $serverFaults = @($script:Results | Where-Object { $_.Exception -and $_.Exception.GetType().Name -eq 'GwServiceException' -and [int]$_.Exception.StatusCode -ge 500 } |
                ForEach-Object { "$($_.Case) -> $($_.ErrorId): $($_.Message)" })
        $serverFaults | Should -BeNullOrEmpty
    }
}

Describe 'Defects the generated input found' {
    It 'New-GwRestApi refuses a tag key longer than 128 characters before sending anything' {
        $marker = Get-NewestRequestId
        $err = Get-TerminatingError { New-GwRestApi -Name (New-TestName 'prop') -Tag @{ ('k' * 300) = 'v' } }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidTag,*'
        $err.Exception.Message | Should -BeLike '*use 1 to 128*'
        @(Get-RequestAfter $marker) | Should -BeNullOrEmpty
    }
}
