# For every cmdlet that changes state: what -WhatIf printed is exactly what the real run then sends,
# compared operation by operation (name, HTTP method, path) with the local gateway's request log.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # Runs $Command with -WhatIf, then for real, and returns both sides as comparable lines. $Resolve turns a
    # reference printed by -WhatIf ("id of /x") into the value the real run produced.
    function Compare-WhatIfWithSent([scriptblock] $Command, [scriptblock] $Resolve = { param($what) $what }) {
        $text = Get-WhatIfText { & $Command -WhatIf }
        $marker = Get-LastRequestId
        & $Command | Out-Null
        $sent = @(Get-SentOperation $marker)
        $printed = @(Get-WhatIfOperation $text | ForEach-Object {
            $path = [regex]::Replace($_.Path, '\{([^}]*)\}', { param($m) & $Resolve $m.Groups[1].Value })
            "$($_.Operation) $($_.Method) $([uri]::UnescapeDataString($path))"
        })
        [pscustomobject]@{ Printed = $printed; Sent = $sent }
    }

    # A stage prod serving an API with GET /pets: what Publish-GwDeployment returns.
    function New-TestStage {
        $api = New-TestApi
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        $api | Publish-GwDeployment -StageName prod
    }

    function New-TestFunction {
        Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock { param($Event, $Context) @{ statusCode = 200; body = 'ok' } }
    }
}

Describe 'What -WhatIf prints is what is sent' {
    It 'New-GwRestApi' {
        $name = New-TestName
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) New-GwRestApi -Name $name -WhatIf:$WhatIf }

        $result.Printed | Should -Be @('CreateRestApi POST /restapis')
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwRestApi -UseExisting updating an existing API' {
        $name = New-TestName
        $api = New-GwRestApi -Name $name -Description 'first'
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) New-GwRestApi -Name $name -Description 'second' -UseExisting -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateRestApi PATCH /restapis/$($api.RestApiId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwRestApi' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Remove-GwRestApi -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 1
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwRestApi -Name' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Remove-GwRestApi -Name $api.Name -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteRestApi DELETE /restapis/$($api.RestApiId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwResource creating several parents, including a segment named PARENT' {
        $api = New-TestApi
        $resolve = { param($what) (Get-GwResource -RestApiId $api.RestApiId -Path ($what -replace '^id of ', '')).ResourceId }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Add-GwResource -RestApiId $api.RestApiId -Path '/x/PARENT/{id}' -WhatIf:$WhatIf } $resolve

        $result.Printed.Count | Should -Be 3
        $result.Sent | Should -Be $result.Printed
        (Get-GwResource -RestApiId $api.RestApiId).Path | Should -Be @('/', '/x', '/x/PARENT', '/x/PARENT/{id}')
    }

    It 'Remove-GwResource' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $resource | Remove-GwResource -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 1
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwMethod creating a method' {
        $resource = New-TestApi | Add-GwResource -Path '/pets/{petId}'
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $resource | Add-GwMethod -HttpMethod GET -WhatIf:$WhatIf }

        $result.Printed | Should -BeLike 'PutMethod PUT *'
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwMethod updating a method' {
        $resource = New-TestApi | Add-GwResource -Path /pets
        $resource | Add-GwMethod -HttpMethod GET | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $resource | Add-GwMethod -HttpMethod GET -ApiKeyRequired -WhatIf:$WhatIf }

        $result.Printed | Should -BeLike 'UpdateMethod PATCH *'
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwMethod' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Remove-GwMethod -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 1
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwHttpIntegration' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Set-GwHttpIntegration -Uri http://example.com/pets -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 3
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwLambdaIntegration' {
        $function = New-TestFunction
        $method = New-TestApi | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Set-GwLambdaIntegration -FunctionName $function.FunctionName -WhatIf:$WhatIf }

        $result.Printed[-1] | Should -BeLike 'AddPermission POST *'
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwLambdaIntegration with a per-stage alias, one permission per alias the stages name' {
        $function = New-TestFunction
        foreach ($alias in 'blue', 'green') { Set-GwLambdaAlias -FunctionName $function.FunctionName -Name $alias -FunctionVersion '$LATEST' | Out-Null }
        $method = New-TestApi | Add-GwResource -Path /orders | Add-GwMethod -HttpMethod GET
        $perStage = "$($function.FunctionName):`${stageVariables.alias}"
        $method | Set-GwLambdaIntegration -FunctionName $perStage -SkipPermission | Out-Null
        foreach ($stage in 'blue', 'green') { $method | Get-GwRestApi | Publish-GwDeployment -StageName $stage -StageVariable @{ alias = $stage } | Out-Null }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Set-GwLambdaIntegration -FunctionName $perStage -WhatIf:$WhatIf }

        @($result.Printed -like 'AddPermission POST *').Count | Should -Be 2
        $result.Sent | Should -Be $result.Printed
    }

    It 'Publish-GwLambdaVersion' {
        $function = New-TestFunction
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Publish-GwLambdaVersion -FunctionName $function.FunctionName -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("PublishVersion POST /2015-03-31/functions/$($function.FunctionName)/versions")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwLambdaAlias creating an alias' {
        $function = New-TestFunction
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Set-GwLambdaAlias -FunctionName $function.FunctionName -Name live -FunctionVersion '$LATEST' -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateAlias POST /2015-03-31/functions/$($function.FunctionName)/aliases")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwLambdaAlias moving an alias' {
        $function = New-TestFunction
        $version = Publish-GwLambdaVersion -FunctionName $function.FunctionName
        Set-GwLambdaAlias -FunctionName $function.FunctionName -Name live -FunctionVersion '$LATEST' | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $version | Set-GwLambdaAlias -Name live -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateAlias PUT /2015-03-31/functions/$($function.FunctionName)/aliases/live")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwMockIntegration' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Set-GwMockIntegration -StatusCode 201 -ResponseBody '{}' -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 3
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwIntegration' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwMockIntegration | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Remove-GwIntegration -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 1
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwMethodResponse' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Add-GwMethodResponse -StatusCode 404 -ResponseModel @{ 'application/json' = 'Error' } -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("PutMethodResponse PUT /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET/responses/404")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwIntegrationResponse updating a response' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwHttpIntegration -Uri http://example.com/pets -ErrorResponse | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Add-GwIntegrationResponse -StatusCode 400 -SelectionPattern '40[0-9]' -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateIntegrationResponse PATCH /restapis/$($method.RestApiId)/resources/$($method.ResourceId)/methods/GET/integration/responses/400")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwMethodResponse and Remove-GwIntegrationResponse' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwHttpIntegration -Uri http://example.com/pets -ErrorResponse | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Remove-GwIntegrationResponse -StatusCode 500 -Confirm:$false -WhatIf:$WhatIf }
        $result.Printed.Count | Should -Be 1
        $result.Sent | Should -Be $result.Printed
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Remove-GwMethodResponse -StatusCode 500 -Confirm:$false -WhatIf:$WhatIf }
        $result.Printed.Count | Should -Be 1
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwHttpIntegration -ErrorResponse' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $method | Set-GwHttpIntegration -Uri http://example.com/pets -ErrorResponse -RequestTemplate '{}' -WhatIf:$WhatIf }

        $result.Printed.Count | Should -Be 7
        $result.Sent | Should -Be $result.Printed
    }

    It 'Enable-GwCors' {
        $api = New-TestApi
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Enable-GwCors -RestApiId $api.RestApiId -AllowOrigin https://app.example.com -WhatIf:$WhatIf }

        $result.Printed.Count | Should -BeGreaterThan 6
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwRequestValidator creating a validator' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | New-GwRequestValidator -Name body-only -ValidateRequestBody -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateRequestValidator POST /restapis/$($api.RestApiId)/requestvalidators")
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwRequestValidator updating a validator' {
        $api = New-TestApi
        $api | New-GwRequestValidator -Name strict | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | New-GwRequestValidator -Name strict -ValidateRequestParameters -WhatIf:$WhatIf }

        $result.Printed | Should -BeLike 'UpdateRequestValidator PATCH *'
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwRequestValidator' {
        $validator = New-TestApi | New-GwRequestValidator -Name body-only
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $validator | Remove-GwRequestValidator -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteRequestValidator DELETE /restapis/$($validator.RestApiId)/requestvalidators/$($validator.RequestValidatorId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwDocumentationPart creating a part' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Set-GwDocumentationPart -Property @{ summary = 'Pets' } -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateDocumentationPart POST /restapis/$($api.RestApiId)/documentation/parts")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwDocumentationPart updating a part' {
        $part = New-TestApi | Set-GwDocumentationPart -Property @{ summary = 'old' }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Set-GwDocumentationPart -RestApiId $part.RestApiId -Property @{ summary = 'new' } -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateDocumentationPart PATCH /restapis/$($part.RestApiId)/documentation/parts/$($part.DocumentationPartId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwDocumentationPart' {
        $part = New-TestApi | Set-GwDocumentationPart -Property @{ summary = 'gone' }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $part | Remove-GwDocumentationPart -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteDocumentationPart DELETE /restapis/$($part.RestApiId)/documentation/parts/$($part.DocumentationPartId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwDocumentationVersion publishing on a stage' {
        $api = New-TestApi
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | New-GwDocumentationVersion -Version 1.0 -StageName prod -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateDocumentationVersion POST /restapis/$($api.RestApiId)/documentation/versions")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwDocumentationVersion' {
        $version = New-TestApi | New-GwDocumentationVersion -Version 1.0
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $version | Remove-GwDocumentationVersion -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteDocumentationVersion DELETE /restapis/$($version.RestApiId)/documentation/versions/1.0")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Publish-GwDeployment -DocumentationVersion' {
        $api = New-TestApi
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Publish-GwDeployment -StageName prod -DocumentationVersion 1.0 -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateDeployment POST /restapis/$($api.RestApiId)/deployments", "CreateDocumentationVersion POST /restapis/$($api.RestApiId)/documentation/versions")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwGatewayResponse' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Set-GwGatewayResponse -ResponseType THROTTLED -StatusCode 503 -Header @{ 'Retry-After' = '1' } -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("PutGatewayResponse PUT /restapis/$($api.RestApiId)/gatewayresponses/THROTTLED")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwGatewayResponse' {
        $response = New-TestApi | Set-GwGatewayResponse -ResponseType DEFAULT_4XX -Header @{ 'Access-Control-Allow-Origin' = '*' }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $response | Remove-GwGatewayResponse -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteGatewayResponse DELETE /restapis/$($response.RestApiId)/gatewayresponses/DEFAULT_4XX")
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwModel creating a model' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | New-GwModel -Name Pet -Schema '{"type":"object"}' -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateModel POST /restapis/$($api.RestApiId)/models")
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwModel updating a model' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema '{"type":"object"}' | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | New-GwModel -Name Pet -Schema '{"type":"array","items":{"type":"string"}}' -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateModel PATCH /restapis/$($api.RestApiId)/models/Pet")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwModel' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Set-GwModel -Name Error -Description 'errors' -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateModel PATCH /restapis/$($api.RestApiId)/models/Error")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwModel' {
        $api = New-TestApi
        $api | New-GwModel -Name Draft -Schema '{"type":"object"}' | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Remove-GwModel -Name Draft -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteModel DELETE /restapis/$($api.RestApiId)/models/Draft")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwMethod with a request validator and model' {
        $api = New-TestApi
        $api | New-GwModel -Name Pet -Schema '{"type":"object"}' | Out-Null
        $api | New-GwRequestValidator -Name all -ValidateRequestBody | Out-Null
        $resource = $api | Add-GwResource -Path /pets
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $resource | Add-GwMethod POST -RequestValidator all -RequestModel @{ 'application/json' = 'Pet' } -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("PutMethod PUT /restapis/$($api.RestApiId)/resources/$($resource.ResourceId)/methods/POST")
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwAuthorizer creating a Lambda authorizer and its permission' {
        $api = New-TestApi
        $function = New-TestFunction
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName -WhatIf:$WhatIf } {
            param($what) if ($what -eq 'id of authorizer token-check') { (Get-GwAuthorizer -RestApiId $api.RestApiId -Name token-check).AuthorizerId } else { $what }
        }

        $result.Printed | Should -Be @(
            "CreateAuthorizer POST /restapis/$($api.RestApiId)/authorizers"
            "AddPermission POST /2015-03-31/functions/$($function.FunctionArn)/policy")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwAuthorizer' {
        $pool = New-GwLocalUserPool -Name (New-TestName 'pool')
        $authorizer = New-TestApi | New-GwAuthorizer -Name users -Type COGNITO_USER_POOLS -ProviderArn $pool.ProviderArn
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $authorizer | Set-GwAuthorizer -ResultTtlInSeconds 0 -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateAuthorizer PATCH /restapis/$($authorizer.RestApiId)/authorizers/$($authorizer.AuthorizerId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwAuthorizer' {
        $pool = New-GwLocalUserPool -Name (New-TestName 'pool')
        $authorizer = New-TestApi | New-GwAuthorizer -Name users -Type COGNITO_USER_POOLS -ProviderArn $pool.ProviderArn
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $authorizer | Remove-GwAuthorizer -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteAuthorizer DELETE /restapis/$($authorizer.RestApiId)/authorizers/$($authorizer.AuthorizerId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwMethod -Authorizer' {
        $pool = New-GwLocalUserPool -Name (New-TestName 'pool')
        $api = New-TestApi
        $api | New-GwAuthorizer -Name users -Type COGNITO_USER_POOLS -ProviderArn $pool.ProviderArn | Out-Null
        $resource = $api | Add-GwResource -Path /me
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $resource | Add-GwMethod GET -Authorizer users -AuthorizationScope me/read -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("PutMethod PUT /restapis/$($api.RestApiId)/resources/$($resource.ResourceId)/methods/GET")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwStage with a patch long enough for two requests' {
        $deployment = New-TestStage
        $variables = @{}
        1..55 | ForEach-Object { $variables["v$_"] = 'x' }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $deployment | Set-GwStage -MethodPath 'GET /pets' -ThrottlingRateLimit 10 -Variable $variables -WhatIf:$WhatIf }

        $result.Printed | Should -Be (@("UpdateStage PATCH /restapis/$($deployment.RestApiId)/stages/prod") * 2)
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwStage' {
        $deployment = New-TestStage
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $deployment | Remove-GwStage -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteStage DELETE /restapis/$($deployment.RestApiId)/stages/prod")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Clear-GwStageCache' {
        $deployment = New-TestStage
        $deployment | Set-GwStage -CacheClusterEnabled $true | Out-Null
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $deployment | Clear-GwStageCache -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("FlushStageCache DELETE /restapis/$($deployment.RestApiId)/stages/prod/cache/data")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwRestApi' {
        $api = New-TestApi
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Set-GwRestApi -Description 'd' -BinaryMediaType 'image/png' -MinimumCompressionSize 100 -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateRestApi PATCH /restapis/$($api.RestApiId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwRestApi -Policy' {
        $api = New-TestApi
        $policy = New-GwResourcePolicy -AllowSourceIp '10.0.0.0/8' -StageName prod
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Set-GwRestApi -Policy $policy -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateRestApi PATCH /restapis/$($api.RestApiId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Publish-GwDeployment' {
        $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
        $method | Set-GwMockIntegration | Out-Null
        $api = Get-GwRestApi -RestApiId $method.RestApiId
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Publish-GwDeployment -StageName prod -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("CreateDeployment POST /restapis/$($api.RestApiId)/deployments")
        $result.Sent | Should -Be $result.Printed
    }

    Context 'Deployments and canaries' {
        BeforeEach {
            $method = New-TestApi | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET
            $method | Set-GwMockIntegration | Out-Null
            $script:api = Get-GwRestApi -RestApiId $method.RestApiId
            $script:first = $api | Publish-GwDeployment -StageName prod
            $script:second = $api | Publish-GwDeployment -StageName prod
            $script:stages = "/restapis/$($api.RestApiId)/stages"
        }

        It 'Publish-GwDeployment -CanaryPercent' {
            $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -WhatIf:$WhatIf }

            $result.Printed | Should -Be @("CreateDeployment POST /restapis/$($api.RestApiId)/deployments")
            $result.Sent | Should -Be $result.Printed
        }

        It 'Restore-GwStage' {
            $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId $first.DeploymentId -WhatIf:$WhatIf }

            $result.Printed | Should -Be @("UpdateStage PATCH $stages/prod")
            $result.Sent | Should -Be $result.Printed
        }

        It 'Publish-GwDeployment -DeploymentId' {
            $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $first | Publish-GwDeployment -StageName prod -WhatIf:$WhatIf }

            $result.Printed | Should -Be @("UpdateStage PATCH $stages/prod")
            $result.Sent | Should -Be $result.Printed
        }

        It 'Remove-GwDeployment' {
            Restore-GwStage -RestApiId $api.RestApiId -StageName prod -DeploymentId $first.DeploymentId | Out-Null
            $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $second | Remove-GwDeployment -Confirm:$false -WhatIf:$WhatIf }

            $result.Printed | Should -Be @("DeleteDeployment DELETE /restapis/$($api.RestApiId)/deployments/$($second.DeploymentId)")
            $result.Sent | Should -Be $result.Printed
        }

        It '<CanaryCmdlet>' -ForEach @(
            @{ CanaryCmdlet = 'Complete-GwCanary' }
            @{ CanaryCmdlet = 'Remove-GwCanary' }
        ) {
            $api | Publish-GwDeployment -StageName prod -CanaryPercent 10 -CanaryStageVariable @{ color = 'blue' } | Out-Null
            $result = Compare-WhatIfWithSent { param([switch] $WhatIf) & $CanaryCmdlet -RestApiId $api.RestApiId -StageName prod -Confirm:$false -WhatIf:$WhatIf }

            $result.Printed | Should -Be @("UpdateStage PATCH $stages/prod")
            $result.Sent | Should -Be $result.Printed
        }
    }
}

Describe 'Reading a whole API' {
    It 'Get-GwMethod, Get-GwIntegration and Show-GwRestApi read methods from the one listing' {
        $api = New-TestApi
        foreach ($path in '/a', '/b', '/c/{id}') {
            $api | Add-GwResource -Path $path | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration | Out-Null
        }

        $marker = Get-LastRequestId
        $methods = Get-GwMethod -RestApiId $api.RestApiId
        $requests = @(Get-RequestSince $marker)
        $methods.Count | Should -Be 3
        ($methods | Where-Object Path -EQ '/c/{id}').Integration.Type | Should -BeExactly 'MOCK'
        $requests.Operation | Should -Be @('GetResources')

        $marker = Get-LastRequestId
        @(Get-GwIntegration -RestApiId $api.RestApiId -Path /a).Count | Should -Be 1
        (Get-RequestSince $marker).Operation | Should -Not -Contain 'GetMethod'

        $marker = Get-LastRequestId
        Show-GwRestApi -RestApiId $api.RestApiId | Out-Null
        (Get-RequestSince $marker).Operation | Should -Not -Contain 'GetMethod'
    }
}

Describe 'What -WhatIf prints is what is sent: API keys and usage plans' {
    BeforeAll {
        # A usage plan of a fresh stage, and a key, for the cmdlets that work on them.
        function New-TestPlan {
            $stage = New-TestStage
            New-GwUsagePlan -Name (New-TestName 'plan') -ApiStage "$($stage.RestApiId):prod"
        }
    }

    It 'New-GwApiKey, with its value printed as ***' {
        $name = New-TestName 'key'
        $value = 'whatif-secret-value-0123456789'
        $text = Get-WhatIfText { New-GwApiKey -Name $name -Value $value -WhatIf }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) New-GwApiKey -Name $name -Value $value -WhatIf:$WhatIf }

        $text | Should -Not -Match $value
        $text | Should -Match '"value":"\*\*\*"'
        $result.Printed | Should -Be @('CreateApiKey POST /apikeys')
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwApiKey' {
        $key = New-GwApiKey -Name (New-TestName 'key')
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $key | Set-GwApiKey -Enabled $false -Description 'off' -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateApiKey PATCH /apikeys/$($key.ApiKeyId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwApiKey' {
        $key = New-GwApiKey -Name (New-TestName 'key')
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $key | Remove-GwApiKey -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteApiKey DELETE /apikeys/$($key.ApiKeyId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'New-GwUsagePlan from piped stages' {
        $stage = New-TestStage
        $name = New-TestName 'plan'
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Get-GwStage -RestApiId $stage.RestApiId -StageName prod | New-GwUsagePlan -Name $name -QuotaLimit 10 -QuotaPeriod DAY -WhatIf:$WhatIf }

        $result.Printed | Should -Be @('CreateUsagePlan POST /usageplans')
        $result.Sent | Should -Be $result.Printed
    }

    It 'Set-GwUsagePlan with a per-method throttle' {
        $plan = New-TestPlan
        $apiStage = @{ RestApiId = $plan.ApiStages[0].RestApiId; StageName = 'prod'; Throttle = @{ 'GET /pets' = @{ RateLimit = 1; BurstLimit = 2 } } }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $plan | Set-GwUsagePlan -QuotaLimit 5 -QuotaPeriod WEEK -ApiStage $apiStage -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("UpdateUsagePlan PATCH /usageplans/$($plan.UsagePlanId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Remove-GwUsagePlan' {
        $plan = New-TestPlan
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) $plan | Remove-GwUsagePlan -Confirm:$false -WhatIf:$WhatIf }

        $result.Printed | Should -Be @("DeleteUsagePlan DELETE /usageplans/$($plan.UsagePlanId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Add-GwUsagePlanKey and Remove-GwUsagePlanKey' {
        $plan = New-TestPlan
        $key = New-GwApiKey -Name (New-TestName 'key')
        $added = Compare-WhatIfWithSent { param([switch] $WhatIf) $key | Add-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId -WhatIf:$WhatIf }
        $removed = Compare-WhatIfWithSent { param([switch] $WhatIf) $key | Remove-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId -Confirm:$false -WhatIf:$WhatIf }

        $added.Printed | Should -Be @("CreateUsagePlanKey POST /usageplans/$($plan.UsagePlanId)/keys")
        $added.Sent | Should -Be $added.Printed
        $removed.Printed | Should -Be @("DeleteUsagePlanKey DELETE /usageplans/$($plan.UsagePlanId)/keys/$($key.ApiKeyId)")
        $removed.Sent | Should -Be $removed.Printed
    }
    It 'Sync-GwRestApi changing one method with targeted calls' {
        $name = New-TestName 'sync'
        $document = Join-Path ([IO.Path]::GetTempPath()) "$name.yaml"
        $api = New-GwRestApi -Name $name
        $api | Add-GwResource -Path /pets | Add-GwMethod -HttpMethod GET | Set-GwMockIntegration -ResponseBody '[]' | Out-Null
        @"
openapi: 3.0.1
info: { title: $name, version: '1' }
paths:
  /pets:
    get:
      responses: { '200': { description: ok } }
      x-amazon-apigateway-integration:
        type: mock
        requestTemplates: { application/json: '{"statusCode": 200}' }
        responses: { default: { statusCode: '200', responseTemplates: { application/json: '[1]' } } }
"@ | Set-Content $document
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Sync-GwRestApi -Path $document -WhatIf:$WhatIf }
        Remove-Item $document

        $result.Printed[0] | Should -BeLike 'DeleteMethod DELETE /restapis/*/methods/GET'
        $result.Printed.Count | Should -Be 5
        $result.Sent | Should -Be $result.Printed
    }

    It 'Sync-GwRestApi -Name creating an API the document titles otherwise' {
        $name = New-TestName 'sync'
        $document = Join-Path ([IO.Path]::GetTempPath()) "$name.yaml"
        "openapi: 3.0.1`ninfo: { title: $name-title, version: '1' }`npaths:`n  /a:`n    get:`n      responses: { '200': { description: ok } }`n" | Set-Content $document
        $resolve = { param($what) if ($what -eq 'id of the new API') { (Get-GwRestApi -Name $name).RestApiId } else { $what } }
        $result = Compare-WhatIfWithSent { param([switch] $WhatIf) Sync-GwRestApi -Path $document -Name $name -WhatIf:$WhatIf } -Resolve $resolve
        Remove-Item $document

        $result.Printed | Should -Be @('ImportRestApi POST /restapis', "UpdateRestApi PATCH /restapis/$((Get-GwRestApi -Name $name).RestApiId)")
        $result.Sent | Should -Be $result.Printed
    }

    It 'Import-GwRestApi creating an API and overwriting one' {
        $name = New-TestName 'import'
        $document = Join-Path ([IO.Path]::GetTempPath()) "$name.yaml"
        "openapi: 3.0.1`ninfo: { title: $name, version: '1' }`npaths:`n  /a:`n    get:`n      responses: { '200': { description: ok } }`n" | Set-Content $document
        $created = Compare-WhatIfWithSent { param([switch] $WhatIf) Import-GwRestApi -Path $document -WhatIf:$WhatIf }
        $api = New-TestApi
        $overwritten = Compare-WhatIfWithSent { param([switch] $WhatIf) Import-GwRestApi -Path $document -RestApiId $api.RestApiId -Mode Overwrite -Confirm:$false -WhatIf:$WhatIf }
        Remove-Item $document

        $created.Printed | Should -Be @('ImportRestApi POST /restapis')
        $created.Sent | Should -Be $created.Printed
        $overwritten.Printed | Should -Be @("PutRestApi PUT /restapis/$($api.RestApiId)")
        $overwritten.Sent | Should -Be $overwritten.Printed
    }
}
