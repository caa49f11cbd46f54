# What clients see at a deployed stage's invoke URL, set up and checked through the cmdlets.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # Status, headers and body of one call, whatever the status.
    function Invoke-Stage([string] $Uri, [string] $Method = 'GET', [string] $Body) {
        $parameters = @{ Uri = $Uri; Method = $Method; SkipHttpErrorCheck = $true }
        if ($Body) { $parameters.Body = $Body; $parameters.ContentType = 'application/json' }
        $response = Invoke-WebRequest @parameters
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Body = "$($response.Content)" }
    }
}

Describe 'Invoke URLs of deployed stages' {
    BeforeAll {
        $script:api = New-GwRestApi -Name (New-TestName 'Invoke')
        $api | Add-GwResource -Path /health | Add-GwMethod GET |
            Set-GwMockIntegration -ResponseBody '{"status":"ok"}' -ResponseHeader @{ 'Cache-Control' = 'no-store' } | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
    }

    It 'answers a MOCK route with its body, status and headers, and a request id' {
        $response = Invoke-Stage "$($stage.InvokeUrl)/health"
        $response.Status | Should -Be 200
        $response.Body | Should -BeExactly '{"status":"ok"}'
        $response.Headers['Cache-Control'] | Should -Be 'no-store'
        $response.Headers['x-amzn-RequestId'] | Should -Not -BeNullOrEmpty
    }

    It 'answers an unknown route with 403 Missing Authentication Token, as API Gateway does' {
        $response = Invoke-Stage "$($stage.InvokeUrl)/nothing/here"
        $response.Status | Should -Be 403
        ($response.Body | ConvertFrom-Json).message | Should -BeExactly 'Missing Authentication Token'
    }

    It 'serves the deployed snapshot: a change is invisible until the next deployment' {
        $api | Add-GwResource -Path /health | Add-GwMethod GET |
            Set-GwMockIntegration -ResponseBody '{"status":"changed"}' | Out-Null
        (Invoke-Stage "$($stage.InvokeUrl)/health").Body | Should -BeExactly '{"status":"ok"}'

        $api | Publish-GwDeployment -StageName prod | Out-Null
        (Invoke-Stage "$($stage.InvokeUrl)/health").Body | Should -BeExactly '{"status":"changed"}'
    }

    It 'Set-GwMockIntegration answers the chosen status code' {
        $api | Add-GwResource -Path /gone | Add-GwMethod GET |
            Set-GwMockIntegration -StatusCode 410 -ResponseBody '{"message":"gone"}' | Out-Null
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $response = Invoke-Stage "$($stage.InvokeUrl)/gone"
        $response.Status | Should -Be 410
        $response.Body | Should -BeExactly '{"message":"gone"}'
    }
}

Describe 'Lambda proxy integrations at the invoke URL' {
    BeforeAll {
        $script:api = New-GwRestApi -Name (New-TestName 'Lambda')
        $script:echo = Register-GwLocalFunction -FunctionName (New-TestName 'echo') -ScriptBlock {
            param($Event, $Context)
            @{
                statusCode = 201
                headers    = @{ 'X-Function' = $Context.functionName }
                body       = (@{ path = $Event.path; pet = $Event.pathParameters.petId; stage = $Event.requestContext.stage; sent = $Event.body } | ConvertTo-Json -Compress)
            }
        }
        $script:broken = Register-GwLocalFunction -FunctionName (New-TestName 'broken') -ScriptBlock { throw 'out of kibble' }
        $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod POST | Set-GwLambdaIntegration -FunctionName $echo.FunctionName | Out-Null
        $api | Add-GwResource -Path /unpermitted | Add-GwMethod GET | Set-GwLambdaIntegration -FunctionName $echo.FunctionName -SkipPermission | Out-Null
        $api | Add-GwResource -Path /broken | Add-GwMethod GET | Set-GwLambdaIntegration -FunctionName $broken.FunctionName | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName live
    }

    It 'passes the proxy event to the function and its result back to the client' {
        $response = Invoke-Stage "$($stage.InvokeUrl)/pets/42" -Method POST -Body '{"name":"Rex"}'
        $response.Status | Should -Be 201
        $response.Headers['X-Function'] | Should -Be $echo.FunctionName
        $body = $response.Body | ConvertFrom-Json
        $body.path | Should -BeExactly '/pets/42'
        $body.pet | Should -BeExactly '42'
        $body.stage | Should -BeExactly 'live'
        $body.sent | Should -BeExactly '{"name":"Rex"}'
    }

    It 'fails with 500 when the function does not allow this method to invoke it (-SkipPermission)' {
        $response = Invoke-Stage "$($stage.InvokeUrl)/unpermitted"
        $response.Status | Should -Be 500
        ($response.Body | ConvertFrom-Json).message | Should -BeExactly 'Internal server error'
    }

    It 'answers 502 when the function throws, and keeps serving' {
        $response = Invoke-Stage "$($stage.InvokeUrl)/broken"
        $response.Status | Should -Be 502
        ($response.Body | ConvertFrom-Json).message | Should -BeExactly 'Internal server error'
        (Invoke-Stage "$($stage.InvokeUrl)/pets/7" -Method POST -Body '{}').Status | Should -Be 201
    }
}

Describe 'Test-GwMethod' {
    BeforeAll {
        $script:api = New-GwRestApi -Name (New-TestName 'TestInvoke')
        $script:method = $api | Add-GwResource -Path '/orders/{orderId}' | Add-GwMethod GET
        $method | Set-GwMockIntegration -ResponseBody '{"order":"$input.params(''orderId'')"}' | Out-Null
    }

    It 'runs the current, undeployed definition and reports status, body, latency and log' {
        $result = $method | Test-GwMethod -PathParameter @{ orderId = 'A-17' }
        $result.Status | Should -Be 200
        $result.Body | Should -BeExactly '{"order":"A-17"}'
        $result.PathWithQueryString | Should -BeExactly '/orders/A-17'
        $result.Latency | Should -BeOfType [timespan]
        $result.Log | Should -Not -BeNullOrEmpty
    }

    It 'runs an ANY method with the verb given by -HttpMethod' {
        $any = $api | Add-GwResource -Path '/anything' | Add-GwMethod -HttpMethod ANY
        $any | Set-GwMockIntegration -ResponseBody '$context.httpMethod' | Out-Null

        ($api | Test-GwMethod -Path '/anything' -HttpMethod POST).Body | Should -BeExactly 'POST'
        ($api | Test-GwMethod -Path '/anything' -HttpMethod delete).Body | Should -BeExactly 'DELETE'
        ($any | Test-GwMethod).Body | Should -BeExactly 'GET'
    }

    It 'names the method and what to do when it has no integration, keeping AWS''s code and text' {
        $bare = $api | Add-GwResource -Path '/bare' | Add-GwMethod -HttpMethod PUT
        $bare | Test-GwMethod -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.TestGwMethodCommand'
        $errors[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        "$($errors[0])" | Should -BeLike "PUT /bare in REST API '$($api.Name)' ($($api.RestApiId)) has no integration*Set-GwMockIntegration*Invalid Integration identifier specified*"
    }

    It 'names the resource''s methods when the verb has none' {
        $api | Test-GwMethod -Path '/orders/{orderId}' -HttpMethod PATCH -PathParameter @{ orderId = 1 } -ErrorAction SilentlyContinue -ErrorVariable errors

        $errors[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.TestGwMethodCommand'
        "$($errors[0])" | Should -BeLike "/orders/{orderId} in REST API '$($api.Name)' ($($api.RestApiId)) has no PATCH method (its methods: GET)*Add-GwMethod -HttpMethod PATCH*Invalid Method identifier specified*"
    }

    It 'stops before any request when a path variable has no value' {
        $e = Get-TerminatingError { $method | Test-GwMethod }
        $e.FullyQualifiedErrorId | Should -BeExactly 'MissingPathParameter,ApiGatewayTools.Commands.TestGwMethodCommand'
    }

    It 'applies the method''s request validator as an invoke URL does, answering 400 without calling the integration' {
        $api | New-GwModel -Name Order -Schema @{ type = 'object'; required = @('item'); properties = @{ item = @{ type = 'string' } } } | Out-Null
        $validator = $api | New-GwRequestValidator -Name both -ValidateRequestBody -ValidateRequestParameters
        $validated = $api | Add-GwResource -Path '/validated' |
            Add-GwMethod POST -RequestValidator $validator.Name -RequestModel @{ 'application/json' = 'Order' } -RequestParameter @{ 'method.request.querystring.limit' = $true }
        $validated | Set-GwMockIntegration -ResponseBody '{"ok":true}' | Out-Null

        $missing = $validated | Test-GwMethod -Body '{"item":"tea"}'
        $missing.Status | Should -Be 400
        $missing.Body | Should -BeExactly '{"message": "Missing required request parameters: [limit]"}'
        $missing.Log | Should -Not -BeLike '*Mock integration*'

        $invalid = $validated | Test-GwMethod -Query @{ limit = '1' } -Body '{"count":2}'
        $invalid.Status | Should -Be 400
        $invalid.Body | Should -BeExactly '{"message": "Invalid request body"}'
        $invalid.Log | Should -BeLike '*Request body does not match model schema for content type application/json*'

        ($validated | Test-GwMethod -Query @{ limit = '1' } -Body '{"item":"tea"}').Body | Should -BeExactly '{"ok":true}'
    }
}

Describe 'Set-GwMockIntegration static headers' {
    BeforeAll {
        $script:api = New-GwRestApi -Name (New-TestName 'Headers')
    }

    It 'takes API Gateway''s quoted form and the bare value as the same static value' {
        $quoted = $api | Add-GwResource -Path '/quoted' | Add-GwMethod GET
        $bare = $api | Add-GwResource -Path '/bare' | Add-GwMethod GET
        $quoted | Set-GwMockIntegration -ResponseHeader @{ 'Access-Control-Allow-Origin' = "'*'" } | Out-Null
        $bare | Set-GwMockIntegration -ResponseHeader @{ 'Access-Control-Allow-Origin' = '*' } | Out-Null

        foreach ($method in $quoted, $bare) {
            $mapping = (Get-GwIntegration -RestApiId $api.RestApiId -Path $method.Path -HttpMethod GET).IntegrationResponses['200'].ResponseParameters
            $mapping['method.response.header.Access-Control-Allow-Origin'] | Should -BeExactly "'*'"
            ($method | Test-GwMethod).Headers['Access-Control-Allow-Origin'] | Should -BeExactly '*'
        }
    }

    It 'refuses a quote inside the value, before any request, saying what to write' {
        $method = $api | Add-GwResource -Path '/inner' | Add-GwMethod GET
        $e = Get-TerminatingError { $method | Set-GwMockIntegration -ResponseHeader @{ 'X-Note' = "it's" } }

        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidResponseHeader,ApiGatewayTools.Commands.SetGwMockIntegrationCommand'
        "$e" | Should -BeLike "*'X-Note'*single quote*@{ 'X-Note' = 'its' }*"
    }
}
