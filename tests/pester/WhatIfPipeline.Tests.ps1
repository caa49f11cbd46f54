# A -WhatIf that covers a whole pipeline: every step prints what it would send, planned objects flow on with
# planned ids, and nothing is sent; a planned object given to a command without -WhatIf is refused.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # The "What if:" lines' operations, one per printed request line, in order.
    function Get-PrintedOperation([string] $Text) {
        [regex]::Matches($Text, '(?m)(?:What if: Performing the operation "|^)(?<op>[A-Z][A-Za-z]+) (?:GET|POST|PUT|PATCH|DELETE) /') |
            ForEach-Object { $_.Groups['op'].Value }
    }
}

Describe 'A whole pipeline with -WhatIf' {
    It 'prints every step of the guide pipeline with planned ids and sends nothing' {
        $name = New-TestName 'whatif-guide'
        $marker = Get-LastRequestId
        $text = Get-WhatIfText {
            New-GwRestApi -Name $name -WhatIf | Add-GwResource -Path '/a/{id}' -WhatIf | Add-GwMethod GET -WhatIf |
                Set-GwHttpIntegration -Uri 'http://example.com/{id}' -WhatIf | Publish-GwDeployment -StageName dev -WhatIf
        }

        @(Get-SentOperation $marker) | Should -BeNullOrEmpty
        # The one read is New-GwRestApi's check that the name is free; nothing reads the planned API.
        @(Get-RequestSince $marker).Operation | Should -Be @('GetRestApis')
        @(Get-PrintedOperation $text) | Should -Be @('CreateRestApi', 'CreateResource', 'CreateResource', 'PutMethod',
            'PutIntegration', 'PutMethodResponse', 'PutIntegrationResponse', 'CreateDeployment')
        $text | Should -Match ([regex]::Escape("PutMethod PUT /restapis/<planned: RestApi $name>/resources/<planned: Resource /a/{id}>/methods/GET"))
        $text | Should -Match ([regex]::Escape("CreateDeployment POST /restapis/<planned: RestApi $name>/deployments"))
        Get-GwRestApi -Name $name -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }

    It 'prints every step of a longer pipeline (authorizer, validator, Lambda and MOCK, stages, keys and plans) and sends nothing' {
        $name = New-TestName 'whatif-long'
        $function = New-TestName 'whatif-fn'
        Register-GwLocalFunction -FunctionName $function -ScriptBlock { @{ statusCode = 200; body = 'ok' } } | Out-Null
        $marker = Get-LastRequestId
        $text = Get-WhatIfText {
            $api = New-GwRestApi -Name $name -WhatIf | Set-GwRestApi -Description 'planned API' -WhatIf
            $api | New-GwAuthorizer -Name check -FunctionName $function -WhatIf
            $api | New-GwRequestValidator -Name body -ValidateRequestBody -WhatIf
            $api | Add-GwResource -Path /pets -WhatIf | Add-GwMethod POST -Authorizer check -WhatIf | Set-GwLambdaIntegration -FunctionName $function -WhatIf
            $api | Add-GwResource -Path /health -WhatIf | Add-GwMethod GET -WhatIf | Set-GwMockIntegration -ResponseBody '{}' -WhatIf
            $deployed = $api | Publish-GwDeployment -StageName prod -WhatIf
            $deployed | Set-GwStage -Description 'planned' -WhatIf
            $deployed | Publish-GwDeployment -StageName beta -WhatIf
            $plan = $deployed | New-GwUsagePlan -Name (New-TestName 'whatif-plan') -WhatIf
            New-GwApiKey -Name (New-TestName 'whatif-key') -WhatIf | Add-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId -WhatIf
        }

        @(Get-SentOperation $marker) | Should -BeNullOrEmpty
        @(Get-PrintedOperation $text) | Should -Be @('CreateRestApi', 'UpdateRestApi', 'CreateAuthorizer', 'AddPermission', 'CreateRequestValidator',
            'CreateResource', 'PutMethod', 'PutIntegration', 'AddPermission', 'CreateResource', 'PutMethod',
            'PutIntegration', 'PutMethodResponse', 'PutIntegrationResponse', 'CreateDeployment', 'UpdateStage', 'CreateStage',
            'CreateUsagePlan', 'CreateApiKey', 'CreateUsagePlanKey')
        $text | Should -Match ([regex]::Escape("`"authorizerId`":`"<planned: Authorizer check>`""))
        $text | Should -Match ([regex]::Escape("`"deploymentId`":`"<planned: Deployment for stage prod>`""))
    }

    It 'plans on a real API: existing resources are used, planned ones are not read' {
        $api = New-TestApi 'whatif-real'
        $api | Add-GwResource -Path /pets | Out-Null
        $marker = Get-LastRequestId
        $method = $api | Add-GwResource -Path /pets/toys -WhatIf | Add-GwMethod GET -WhatIf

        @(Get-SentOperation $marker) | Should -BeNullOrEmpty
        @(Get-RequestSince $marker).Operation | Should -Be @('GetResources')
        $method.Planned | Should -BeTrue
        $method.RestApiId | Should -Be $api.RestApiId
        $method.ResourceId | Should -Be '<planned: Resource /pets/toys>'
        $method.Path | Should -Be '/pets/toys'
    }

    It 'marks planned objects by a Planned property and a type name, shown in one view' {
        $name = New-TestName 'whatif-marked'
        $resource = New-GwRestApi -Name $name -WhatIf | Add-GwResource -Path /orders -WhatIf

        $resource.Planned | Should -BeTrue
        $resource.PSObject.TypeNames[0] | Should -Be 'ApiGatewayTools.PlannedObject'
        $resource.RestApiId | Should -Be "<planned: RestApi $name>"
        $shown = ($resource | Out-String -Width 80) -split '\r?\n'
        $shown | Where-Object Length -GT 80 | Should -BeNullOrEmpty
        $shown -join "`n" | Should -Match 'RestApiResource\s+/orders\s+<planned: Resource /orders>'
    }
}

Describe 'A planned object without -WhatIf' {
    It 'is refused before anything is sent, naming the parameter and what to run' {
        $planned = New-GwRestApi -Name (New-TestName 'whatif-refused') -WhatIf | Add-GwResource -Path /a -WhatIf
        $marker = Get-LastRequestId

        $err = Get-TerminatingError { $planned | Add-GwMethod GET }

        $err.FullyQualifiedErrorId | Should -Be 'PlannedObjectNotCreated,ApiGatewayTools.Commands.AddGwMethodCommand'
        $err.Exception.Message | Should -Match '-RestApiId is <planned: RestApi whatif-refused-\w+>'
        $err.Exception.Message | Should -Match 'without -WhatIf'
        @(Get-RequestSince $marker) | Should -BeNullOrEmpty
    }

    It 'is refused when only the key is planned, for a real usage plan' {
        $plan = New-GwUsagePlan -Name (New-TestName 'whatif-plan')
        $key = New-GwApiKey -Name (New-TestName 'whatif-key') -WhatIf
        $marker = Get-LastRequestId

        $err = Get-TerminatingError { $key | Add-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId }

        $err.FullyQualifiedErrorId | Should -Be 'PlannedObjectNotCreated,ApiGatewayTools.Commands.AddGwUsagePlanKeyCommand'
        @(Get-RequestSince $marker) | Should -BeNullOrEmpty
    }
}
