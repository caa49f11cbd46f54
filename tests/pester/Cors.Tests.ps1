# Enable-GwCors: what it puts in place, how it converges, and what a deployed stage then answers (without a browser;
# CorsBrowser.Tests.ps1 has the browser's view).
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    function Invoke-Stage([string] $Uri, [string] $Method = 'GET', [hashtable] $Headers = @{}) {
        $response = Invoke-WebRequest -Uri $Uri -Method $Method -Headers $Headers -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Body = "$($response.Content)" }
    }

    # /pets (GET MOCK), /pets/{petId} (GET MOCK, DELETE HTTP with error responses), /admin (GET Lambda proxy).
    function New-CorsApi {
        $api = New-TestApi 'cors'
        $api | Add-GwResource -Path /pets | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"pets":[]}' | Out-Null
        $pet = $api | Add-GwResource -Path '/pets/{petId}'
        $pet | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"id":1}' | Out-Null
        $pet | Add-GwMethod DELETE | Set-GwHttpIntegration -Uri 'http://example.com/pets/{petId}' -ErrorResponse | Out-Null
        $api | Add-GwResource -Path /admin | Add-GwMethod GET -ApiKeyRequired | Set-GwLambdaIntegration -FunctionName $script:FunctionName | Out-Null
        $api
    }
    $script:FunctionName = (Register-GwLocalFunction -FunctionName (New-TestName 'cors-fn') -ScriptBlock { @{ statusCode = 200; body = 'ok' } }).FunctionName
    $script:Origin = 'https://app.example.com'
}

Describe 'Enable-GwCors' {
    It 'answers the preflight and adds the origin to a resource piped from Add-GwResource' {
        $api = New-CorsApi
        $result = Get-GwResource -RestApiId $api.RestApiId -Path /pets | Enable-GwCors -AllowOrigin $Origin -MaxAge 600

        $result.Paths | Should -Be @('/pets')
        $result.RequestsSent | Should -BeGreaterThan 0
        $options = Get-GwMethod -RestApiId $api.RestApiId -Path /pets -HttpMethod OPTIONS
        $options.AuthorizationType | Should -BeExactly 'NONE'
        $options.ApiKeyRequired | Should -BeFalse
        $options.Integration.Type | Should -BeExactly 'MOCK'
        $stage = $api | Publish-GwDeployment -StageName prod

        $preflight = Invoke-Stage "$($stage.InvokeUrl)/pets" -Method OPTIONS -Headers @{ Origin = $Origin; 'Access-Control-Request-Method' = 'GET' }
        $preflight.Status | Should -Be 200
        $preflight.Headers['Access-Control-Allow-Origin'] | Should -Be $Origin
        $preflight.Headers['Access-Control-Allow-Methods'] | Should -Be 'GET,OPTIONS'
        $preflight.Headers['Access-Control-Allow-Headers'] | Should -Be 'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token'
        $preflight.Headers['Access-Control-Max-Age'] | Should -Be '600'
        $get = Invoke-Stage "$($stage.InvokeUrl)/pets" -Headers @{ Origin = $Origin }
        $get.Headers['Access-Control-Allow-Origin'] | Should -Be $Origin
        $get.Body | Should -BeExactly '{"pets":[]}'
    }

    It 'covers every resource of the API, sets DEFAULT_4XX and DEFAULT_5XX, and warns about proxy integrations' {
        $api = New-CorsApi
        $result = Enable-GwCors -RestApiId $api.RestApiId -WarningVariable warnings -WarningAction SilentlyContinue

        $result.Paths | Should -Be @('/', '/admin', '/pets', '/pets/{petId}')
        ($warnings -join "`n") | Should -Match 'GET /admin is a proxy integration.*Lambda function.*Access-Control-Allow-Origin'
        $methods = (Get-GwMethod -RestApiId $api.RestApiId -Path '/pets/{petId}' -HttpMethod OPTIONS |
                Get-GwIntegrationResponse -StatusCode 200).ResponseParameters['method.response.header.Access-Control-Allow-Methods']
        $methods | Should -BeExactly "'DELETE,GET,OPTIONS'"
        foreach ($status in '200', '400', '500') {
            (Get-GwIntegrationResponse -RestApiId $api.RestApiId -Path '/pets/{petId}' -HttpMethod DELETE -StatusCode $status).ResponseParameters['method.response.header.Access-Control-Allow-Origin'] |
                Should -BeExactly "'*'"
        }

        $stage = $api | Publish-GwDeployment -StageName prod
        $missing = Invoke-Stage "$($stage.InvokeUrl)/admin" -Headers @{ Origin = $Origin }
        $missing.Status | Should -Be 403
        $missing.Headers['Access-Control-Allow-Origin'] | Should -Be '*'
        ($missing.Body | ConvertFrom-Json).message | Should -BeExactly 'Forbidden'
    }

    It 'takes a path pattern' {
        $api = New-CorsApi
        $result = Enable-GwCors -RestApiId $api.RestApiId -Path '/pets*' -AllowOrigin $Origin

        $result.Paths | Should -Be @('/pets', '/pets/{petId}')
        { Get-GwMethod -RestApiId $api.RestApiId -Path /admin -HttpMethod OPTIONS -ErrorAction Stop } | Should -Throw
    }

    It 'converges: a second run sends nothing, a changed origin patches what differs' {
        $api = New-CorsApi
        Enable-GwCors -RestApiId $api.RestApiId -AllowOrigin $Origin -WarningAction SilentlyContinue | Out-Null
        $marker = Get-LastRequestId
        $again = Enable-GwCors -RestApiId $api.RestApiId -AllowOrigin $Origin -WarningAction SilentlyContinue

        $again.RequestsSent | Should -Be 0
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty

        Enable-GwCors -RestApiId $api.RestApiId -AllowOrigin 'https://other.example.com' -WarningAction SilentlyContinue | Out-Null
        @(Get-ChangingRequestSince $marker).Operation | Should -Not -Contain 'PutMethod'
        @(Get-ChangingRequestSince $marker).Operation | Should -Contain 'UpdateIntegrationResponse'
        (Get-GwIntegrationResponse -RestApiId $api.RestApiId -Path /pets -HttpMethod GET -StatusCode 200).ResponseParameters['method.response.header.Access-Control-Allow-Origin'] |
            Should -BeExactly "'https://other.example.com'"
    }

    It 'echoes the caller''s origin when several are allowed, and only theirs' {
        $api = New-CorsApi
        Enable-GwCors -RestApiId $api.RestApiId -Path /pets -AllowOrigin $Origin, 'http://localhost:3000' | Out-Null
        $stage = $api | Publish-GwDeployment -StageName prod

        foreach ($caller in $Origin, 'http://localhost:3000') {
            (Invoke-Stage "$($stage.InvokeUrl)/pets" -Method OPTIONS -Headers @{ Origin = $caller }).Headers['Access-Control-Allow-Origin'] | Should -Be $caller
            $get = Invoke-Stage "$($stage.InvokeUrl)/pets" -Headers @{ Origin = $caller }
            $get.Headers['Access-Control-Allow-Origin'] | Should -Be $caller
            $get.Headers['Vary'] | Should -Be 'Origin'
            $get.Body | Should -BeExactly '{"pets":[]}'
        }
        (Invoke-Stage "$($stage.InvokeUrl)/pets" -Headers @{ Origin = 'https://evil.example.com' }).Headers['Access-Control-Allow-Origin'] | Should -Not -Be 'https://evil.example.com'
    }

    It 'prints every request with -WhatIf and sends nothing' {
        $api = New-CorsApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { Enable-GwCors -RestApiId $api.RestApiId -Path /pets -AllowOrigin $Origin -WhatIf }

        $operations = @(Get-WhatIfOperation $text).Operation
        $operations | Should -Contain 'PutGatewayResponse'
        $operations | Should -Contain 'PutMethod'
        $operations | Should -Contain 'UpdateIntegrationResponse'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before any request' -ForEach @(
        @{ Case = 'an origin with a path'; Arguments = @{ AllowOrigin = 'https://app.example.com/' }; ErrorId = 'InvalidCorsOrigin' }
        @{ Case = 'credentials for any origin'; Arguments = @{ AllowCredentials = $true }; ErrorId = 'InvalidCorsOrigin' }
        @{ Case = '* among named origins'; Arguments = @{ AllowOrigin = '*', 'https://app.example.com' }; ErrorId = 'InvalidCorsOrigin' }
        @{ Case = 'a header name with a space'; Arguments = @{ AllowHeader = 'X Custom' }; ErrorId = 'InvalidCorsHeader' }
        @{ Case = 'a verb that is not one'; Arguments = @{ AllowMethod = 'FETCH' }; ErrorId = 'InvalidHttpMethod' }
    ) {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { Enable-GwCors -RestApiId $api.RestApiId @Arguments }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.EnableGwCorsCommand"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'reports a path that matches nothing' {
        $api = New-TestApi
        $e = Get-TerminatingError { Enable-GwCors -RestApiId $api.RestApiId -Path '/nothing*' -ErrorAction Stop }
        $e.FullyQualifiedErrorId | Should -BeLike 'ResourcePathNotFound,*'
    }
}
