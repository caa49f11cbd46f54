# The default views, rendered as an 80-column console shows them.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    $api = New-TestApi 'formats'
    $toys = $api | Add-GwResource -Path '/pets/{petId}/toys' | Add-GwMethod GET
    $toys | Set-GwHttpIntegration -Uri 'http://petstore.example.com/pets/{petId}/toys' | Out-Null
    $functionName = New-TestName 'formats-fn'
    Register-GwLocalFunction -FunctionName $functionName -ScriptBlock { @{ statusCode = 200; body = 'hi' } } | Out-Null
    $api | Add-GwResource -Path '/hello/{name}/greetings' | Add-GwMethod POST | Set-GwLambdaIntegration -FunctionName $functionName | Out-Null
    $health = $api | Add-GwResource -Path /health | Add-GwMethod GET
    $health | Set-GwMockIntegration -ResponseBody '{"status":"ok"}' -ResponseHeader @{ 'X-Served-By' = 'mock' } | Out-Null
    $script:deployment = $api | Publish-GwDeployment -StageName production
    $tuned = $api | Publish-GwDeployment -StageName tuned -StageVariable @{ backend = 'v2'; region = 'eu-west-1' }
    $tuned | Set-GwStage -Description 'every setting shown' -CacheClusterEnabled $true -TracingEnabled $true -ThrottlingRateLimit 10000 `
        -ThrottlingBurstLimit 5000 -CachingEnabled $true -CacheTtlInSeconds 3600 -CacheDataEncrypted $true -LoggingLevel ERROR -DataTraceEnabled $true `
        -MetricsEnabled $true -AccessLogFormat '$context.requestId $context.identity.sourceIp $context.httpMethod $context.resourcePath $context.status' `
        -AccessLogDestinationArn 'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access-Logs_formats/tuned' | Out-Null
    $tuned | Set-GwStage -MethodPath 'GET /pets/{petId}/toys' -ThrottlingRateLimit 1.5 -ThrottlingBurstLimit 2 -LoggingLevel INFO | Out-Null
    $script:views = [ordered]@{
        RestApi       = $api
        Resource      = Get-GwResource -RestApiId $api.RestApiId
        Method        = Get-GwMethod -RestApiId $api.RestApiId
        Integration   = Get-GwMethod -RestApiId $api.RestApiId | Get-GwIntegration
        Deployment    = Get-GwDeployment -RestApiId $api.RestApiId
        Published     = $deployment
        Stage         = Get-GwStage -RestApiId $api.RestApiId
        StageSettings = Get-GwStage -RestApiId $api.RestApiId -StageName tuned
        MethodSetting = (Get-GwStage -RestApiId $api.RestApiId -StageName tuned).MethodSettings
        Validator     = $api | New-GwRequestValidator -Name 'body-and-parameters' -ValidateRequestBody -ValidateRequestParameters
        Permission    = Get-GwLambdaPermission $functionName
        Version       = Publish-GwLambdaVersion $functionName -Description 'first published build'
        Alias         = Set-GwLambdaAlias $functionName -Name live -FunctionVersion 1 -Description 'what production calls'
        LocalGateway  = Get-GwLocalGateway
        LocalFunction = (Get-GwLocalGateway).Functions
        TestInvoke    = $health | Test-GwMethod
        RequestLog    = (Get-GwLocalGateway).RecentRequests | Select-Object -Last 5
        StageMetric   = $deployment | Get-GwStageMetric
        Authorizer    = @(
            $api | New-GwAuthorizer -Name 'token-check-authorizer' -FunctionName $functionName -ResultTtlInSeconds 3600
            $api | New-GwAuthorizer -Name 'request-authorizer' -Type REQUEST -FunctionName $functionName -IdentitySource 'method.request.header.x-user', 'method.request.querystring.tenant'
        )
        UserPool      = New-GwLocalUserPool -Name (New-TestName 'formats-pool') -ClientCount 2
    }
    $views.AuthorizerTest = $views.Authorizer[0] | Test-GwAuthorizer -Header @{ Authorization = 'token' }
    $views.ApiKey = New-GwApiKey -Name 'formats-partner-with-a-rather-long-name' -CustomerId 'customer-0123456789-abcdefghij' -Description 'shown in full'
    $views.UsagePlan = $deployment | New-GwUsagePlan -Name 'formats-gold-plan-with-a-long-name' -ThrottleRateLimit 10000.5 -ThrottleBurstLimit 5000 `
        -QuotaLimit 1000000 -QuotaPeriod MONTH -ApiStage @{ RestApiId = $api.RestApiId; StageName = 'tuned'; Throttle = @{ 'GET /pets/{petId}/toys' = @{ RateLimit = 1; BurstLimit = 2 } } }
    $views.UsagePlanKey = $views.ApiKey | Add-GwUsagePlanKey -UsagePlanId $views.UsagePlan.UsagePlanId
    $views.Usage = $views.UsagePlan | Get-GwUsage
    $views.MethodResponse = $toys | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Request-Id' = $false } -ResponseModel @{ 'application/json' = 'Error' }
    $views.IntegrationResponse = $toys | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '404|410' -ResponseParameter @{ 'method.response.header.X-Request-Id' = 'integration.response.header.X-Request-Id' }
    $views.Cors = $health | Enable-GwCors -AllowOrigin 'https://app.example.com', 'https://admin.example.com'
    $views.DocumentationPart = @(
        $api | Set-GwDocumentationPart -Property @{ info = @{ description = 'Every pet the shop has, and the toys each one owns' } }
        $toys | Set-GwDocumentationPart -Location RESPONSE_HEADER -StatusCode 200 -Name 'X-Next-Page-Token' -Property @{ description = 'Where the next page starts' }
    )
    $views.MethodResponse = $toys | Add-GwMethodResponse -StatusCode 404 -ResponseParameter @{ 'method.response.header.X-Request-Id' = $false } -ResponseModel @{ 'application/json' = 'Error' }
    $views.IntegrationResponse = $toys | Add-GwIntegrationResponse -StatusCode 404 -SelectionPattern '404|410' -ResponseParameter @{ 'method.response.header.X-Request-Id' = 'integration.response.header.X-Request-Id' }
    $views.Cors = $health | Enable-GwCors -AllowOrigin 'https://app.example.com', 'https://admin.example.com'
    $views.DocumentationVersion = $api | New-GwDocumentationVersion -Version '2026.12.01-release' -Description 'the documentation first published with the production stage'

    function Show-Default($InputObject, [int] $Width = 80) { ($InputObject | Out-String -Width $Width) -split '\r?\n' }
}

Describe 'Default views at 80 columns' {
    It 'renders <_> within 80 columns, every header whole' -ForEach @(
        'StageSettings', 'MethodSetting'
        'RestApi', 'Resource', 'Method', 'Integration', 'Deployment', 'Published', 'Stage', 'Validator', 'Permission',
        'Version', 'Alias', 'LocalGateway', 'LocalFunction', 'TestInvoke', 'RequestLog', 'StageMetric', 'Authorizer', 'AuthorizerTest', 'UserPool',
        'ApiKey', 'UsagePlan', 'UsagePlanKey', 'Usage', 'DocumentationPart', 'DocumentationVersion', 'MethodResponse', 'IntegrationResponse', 'Cors') {
        $lines = Show-Default $views[$_]
        $lines | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $dashes = @($lines | Select-String -Pattern '^-+( +-+)*\s*$')[0]
        if ($dashes) {
            # A table whose header wrapped has the rest of a label on the line above the dashes.
            $headerIndex = $dashes.LineNumber - 2
            $lines[$headerIndex - 1] | Should -BeNullOrEmpty
        }
    }

    It 'shows a usage plan''s limits and stages, and never a key''s value' {
        $plan = (Show-Default $views.UsagePlan) -join "`n"
        $plan | Should -Match '10000\.5/s, 5000'
        $plan | Should -Match '1000000/MONTH'
        $plan | Should -Match ([regex]::Escape("$($views.UsagePlan.ApiStages[0].RestApiId):tuned"))
        $value = (Get-GwApiKey -ApiKeyId $views.ApiKey.ApiKeyId -IncludeValue).Value
        (Show-Default (Get-GwApiKey -ApiKeyId $views.ApiKey.ApiKeyId -IncludeValue)) -join "`n" | Should -Not -Match $value
    }

    It 'shows the whole invoke URL of a deployment and of a stage' {
        (Show-Default $deployment) | Should -Contain "  $($deployment.InvokeUrl)"
        (Show-Default $views.Stage) | Should -Contain "  $($deployment.InvokeUrl)"
        (Show-Default $deployment) -join "`n" | Should -Match "Deployed $($deployment.DeploymentId) to new stage production"
    }

    It 'shows the whole SourceArn of a Lambda statement' {
        $statement = $views.Permission
        (Show-Default $statement -Width 120) | Should -Contain "SourceArn   : $($statement.SourceArn)"
        # At 80 columns a long ARN wraps onto the next line; it is never cut short.
        $text = (Show-Default $statement) -join "`n"
        $text | Should -Not -BeLike '*…*'
        ($text -replace '\n\s+', '') | Should -BeLike "*SourceArn   : $($statement.SourceArn)*"
    }

    It 'keeps a stage table one Format-Table -View away' {
        $lines = ($views.Stage | Format-Table -View StageTable | Out-String -Width 160) -split '\r?\n'
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^StageName\s+DeploymentId\s+Updated\s+InvokeUrl' })
        $lines -join "`n" | Should -BeLike "*$($deployment.InvokeUrl)*"
    }
}

Describe 'Format-List shows nested values readably' {
    It 'lists the recent requests of the local gateway as lines, not as record dumps' {
        $text = ($views.LocalGateway | Format-List | Out-String -Width 80)
        $text | Should -Not -BeLike '*LocalRequestLogEntry {*'
        $text | Should -Match 'RecentRequests : \d+ logged; the last ones:'
        $text | Should -Match '\d\d:\d\d:\d\d (GET|POST|PUT|PATCH|DELETE) /\S* -> \d{3}'
    }

    It 'lists the headers of a test invocation as name = value' {
        $text = ($views.TestInvoke | Format-List | Out-String -Width 80)
        $text | Should -Not -BeLike '*System.Collections.Generic*'
        $text | Should -Match '(?s)\bHeaders\s+: .*\n\s+X-Served-By = mock\s+MultiValueHeaders\s+: .*\n\s+X-Served-By = mock'
        $text | Should -Not -Match 'UTC \d{4} : '
    }
}

Describe 'Redirected output' {
    It 'carries no colour codes and keeps invoke URLs on one line when the walkthrough writes to a file' {
        $walkthrough = Join-Path $PSScriptRoot '../../docs/examples/seed-walkthrough.ps1'
        $output = Invoke-ChildPwsh "& '$walkthrough' -ModulePath '$env:GW_MODULE_PATH'"
        $text = $output -join "`n"
        $text | Should -Not -Match "`e\["
        $text | Should -Match 'http://127\.0\.0\.1:\d+/restapis/\w{10}/prod/_user_request_'
        # A URL cut at the console width would leave a line with the start of an invoke URL but not its end.
        $output | Where-Object { $_ -match 'http://127\.0\.0\.1:\d+/restapis/' -and $_ -notmatch '_user_request_' } | Should -BeNullOrEmpty
    }
}
