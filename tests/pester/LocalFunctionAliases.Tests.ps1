# Versions and aliases of local functions, and the per-stage alias pattern: one integration
# (orders:${stageVariables.alias}) that each stage resolves to its own alias and so its own version.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # A handler file that answers which code it is and which version the context reports.
    function Set-Handler([string] $Folder, [string] $Color) {
        Set-Content -LiteralPath (Join-Path $Folder 'index.mjs') -Value @"
export const handler = async (event, context) => ({
  statusCode: 200,
  body: JSON.stringify({ color: '$Color', version: context.functionVersion, arn: context.invokedFunctionArn, stage: event.requestContext.stage }),
});
"@
    }

    function Invoke-Stage($Stage) {
        $response = Invoke-WebRequest -Uri "$($Stage.InvokeUrl)/orders" -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = "$($response.Content)" }
    }

    $script:hasNode = [bool](Get-Command node -ErrorAction Ignore)
}

Describe 'Per-stage aliases through deployed invoke URLs' {
    BeforeAll {
        if (-not $script:hasNode) { return }
        $script:code = Join-Path $TestDrive 'orders'
        New-Item -ItemType Directory -Path $script:code | Out-Null
        $script:name = New-TestName 'orders'
        $register = @{ FunctionName = $script:name; Runtime = 'nodejs20.x'; Handler = 'index.handler'; CodePath = $script:code }

        # Version 1 is the blue code; the files then change and version 2 is the green code.
        Set-Handler $script:code 'blue'
        Register-GwLocalFunction @register | Out-Null
        $script:v1 = Publish-GwLambdaVersion -FunctionName $script:name -Description 'blue build'
        Set-Handler $script:code 'green'
        Register-GwLocalFunction @register | Out-Null
        $script:v2 = Publish-GwLambdaVersion -FunctionName $script:name
        $script:v1 | Set-GwLambdaAlias -Name blue | Out-Null
        $script:v2 | Set-GwLambdaAlias -Name green | Out-Null
        # $LATEST moves on after both versions were published: no stage may see it.
        Set-Handler $script:code 'latest'
        Register-GwLocalFunction @register | Out-Null

        # An API deploys only once every method has an integration: the first run has no stage to read and
        # says so; the stages are published with their alias; the second run grants each alias.
        $script:method = New-TestApi | Add-GwResource -Path /orders | Add-GwMethod -HttpMethod GET
        $script:perStage = "$($script:name):`${stageVariables.alias}"
        $script:method | Set-GwLambdaIntegration -FunctionName $script:perStage -WarningVariable firstWarnings -WarningAction SilentlyContinue | Out-Null
        $script:firstWarnings = $firstWarnings
        $api = $script:method | Get-GwRestApi
        $script:blue = $api | Publish-GwDeployment -StageName blue -StageVariable @{ alias = 'blue' }
        $script:green = $api | Publish-GwDeployment -StageName green -StageVariable @{ alias = 'green' }
        $script:integration = $script:method | Set-GwLambdaIntegration -FunctionName $script:perStage -WarningVariable secondWarnings
        $script:secondWarnings = $secondWarnings
    }

    BeforeEach {
        if (-not $script:hasNode) { Set-ItResult -Skipped -Because 'node is not installed' }
    }

    It 'publishes numbered versions that keep the code they were published with' {
        $script:v1.Version | Should -BeExactly '1'
        $script:v1.Description | Should -BeExactly 'blue build'
        $script:v1.FunctionArn | Should -BeLike "*:function:$($script:name):1"
        $script:v2.Version | Should -BeExactly '2'
    }

    It 'answers the last version again when nothing changed since it was published' {
        $name = New-TestName 'same'
        Register-GwLocalFunction -FunctionName $name -ScriptBlock { 'ok' } | Out-Null
        (Publish-GwLambdaVersion -FunctionName $name).Version | Should -BeExactly '1'
        (Publish-GwLambdaVersion -FunctionName $name).Version | Should -BeExactly '1'
    }

    It 'writes the integration URI with the stage variable as the qualifier and grants each alias' {
        $script:integration.Uri | Should -BeLike "*:function:$($script:name):`${stageVariables.alias}/invocations"
        ($script:firstWarnings -join "`n") | Should -Match 'has no stage yet.*Publish-GwDeployment.*-StageVariable'
        $script:secondWarnings | Should -BeNullOrEmpty
        foreach ($alias in 'blue', 'green') {
            $statement = @(Get-GwLambdaPermission -FunctionName "$($script:name):$alias")
            $statement.Count | Should -Be 1
            $statement[0].Resource | Should -BeLike "*:function:$($script:name):$alias"
            $statement[0].SourceArn | Should -BeLike "*:$($script:method.RestApiId)/*/GET/orders"
        }
        Get-GwLambdaPermission -FunctionName $script:name | Should -BeNullOrEmpty
    }

    It 'routes each stage to the version its alias points at' {
        $blue = (Invoke-Stage $script:blue).Body | ConvertFrom-Json
        $blue.color | Should -BeExactly 'blue'
        $blue.version | Should -BeExactly '1'
        $blue.arn | Should -BeLike "*:function:$($script:name):blue"
        $green = (Invoke-Stage $script:green).Body | ConvertFrom-Json
        $green.color | Should -BeExactly 'green'
        $green.version | Should -BeExactly '2'
    }

    It 'follows an alias moved to another version without a new deployment' {
        Set-GwLambdaAlias -FunctionName $script:name -Name blue -FunctionVersion 2 | Select-Object -ExpandProperty FunctionVersion | Should -BeExactly '2'
        try {
            ((Invoke-Stage $script:blue).Body | ConvertFrom-Json).color | Should -BeExactly 'green'
        }
        finally {
            Set-GwLambdaAlias -FunctionName $script:name -Name blue -FunctionVersion 1 | Out-Null
        }
        ((Invoke-Stage $script:blue).Body | ConvertFrom-Json).color | Should -BeExactly 'blue'
    }

    It 'answers 500 for a stage whose alias holds no permission, as API Gateway does' {
        $api = $script:method | Get-GwRestApi
        Set-GwLambdaAlias -FunctionName $script:name -Name red -FunctionVersion 1 | Out-Null
        $red = $api | Publish-GwDeployment -StageName red -StageVariable @{ alias = 'red' }

        $call = Invoke-Stage $red

        $call.Status | Should -Be 500
        ($call.Body | ConvertFrom-Json).message | Should -BeExactly 'Internal server error'
    }

    It 'grants the missing alias when Set-GwLambdaIntegration runs again, and warns about stages it cannot serve' {
        $api = $script:method | Get-GwRestApi
        Set-GwLambdaAlias -FunctionName $script:name -Name gold -FunctionVersion 2 | Out-Null
        $gold = $api | Publish-GwDeployment -StageName gold -StageVariable @{ alias = 'gold' }
        $api | Publish-GwDeployment -StageName plain | Out-Null
        $api | Publish-GwDeployment -StageName typo -StageVariable @{ alias = 'nosuch' } | Out-Null

        $script:method | Set-GwLambdaIntegration -FunctionName $script:perStage -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null

        (Invoke-Stage $gold).Status | Should -Be 200
        @(Get-GwLambdaPermission -FunctionName "$($script:name):gold").Count | Should -Be 1
        ($warnings -join "`n") | Should -Match "Stage 'plain' has no stage variable 'alias'"
        ($warnings -join "`n") | Should -Match "no alias or version 'nosuch'.*Set-GwLambdaAlias"
    }

    It 'shows every permission it would grant under -WhatIf and sends nothing' {
        $method = New-TestApi | Add-GwResource -Path /orders | Add-GwMethod -HttpMethod GET
        $method | Set-GwLambdaIntegration -FunctionName $script:perStage -SkipPermission | Out-Null
        $method | Get-GwRestApi | Publish-GwDeployment -StageName blue -StageVariable @{ alias = 'blue' } | Out-Null
        $method | Get-GwRestApi | Publish-GwDeployment -StageName green -StageVariable @{ alias = 'green' } | Out-Null
        $before = Get-LastRequestId

        $text = Get-WhatIfText { $method | Set-GwLambdaIntegration -FunctionName $script:perStage -WhatIf }

        # The integration is in place already (put with -SkipPermission): only the permissions are missing.
        $text | Should -Not -Match 'PutIntegration'
        ([regex]::Matches($text, 'AddPermission')).Count | Should -Be 2
        $text | Should -Match 'Qualifier=blue'
        $text | Should -Match 'Qualifier=green'
        Get-ChangingRequestSince $before | Should -BeNullOrEmpty
    }
}

Describe 'Set-GwLambdaAlias and Publish-GwLambdaVersion input' {
    BeforeAll {
        $script:plain = New-TestName 'plain'
        Register-GwLocalFunction -FunctionName $script:plain -ScriptBlock { 'ok' } | Out-Null
    }

    It 'refuses an alias name of digits alone before sending anything' {
        $failure = Get-TerminatingError { Set-GwLambdaAlias -FunctionName $script:plain -Name 42 -FunctionVersion 1 }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidAliasName*'
    }

    It 'refuses a version that is not a number or $LATEST' {
        $failure = Get-TerminatingError { Set-GwLambdaAlias -FunctionName $script:plain -Name live -FunctionVersion latest }
        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidFunctionVersion*'
    }

    It 'refuses a qualified function name' {
        $failure = Get-TerminatingError { Publish-GwLambdaVersion -FunctionName "$($script:plain):live" }
        $failure.FullyQualifiedErrorId | Should -BeLike 'QualifiedFunctionName*'
    }

    It 'reports a version that does not exist as Lambda does' {
        Set-GwLambdaAlias -FunctionName $script:plain -Name live -FunctionVersion 9 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].FullyQualifiedErrorId | Should -BeLike 'ResourceNotFoundException*'
        $failure[0].Exception.Message | Should -Match 'Function not found: .*:9'
    }

    It 'converges: the same alias twice sends one CreateAlias and nothing more' {
        Set-GwLambdaAlias -FunctionName $script:plain -Name steady -FunctionVersion '$LATEST' | Out-Null
        $before = Get-LastRequestId
        $alias = Set-GwLambdaAlias -FunctionName $script:plain -Name steady -FunctionVersion '$LATEST'
        $alias.AliasArn | Should -BeLike "*:function:$($script:plain):steady"
        Get-ChangingRequestSince $before | Should -BeNullOrEmpty
    }
}
