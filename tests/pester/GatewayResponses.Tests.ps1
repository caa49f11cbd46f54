# Gateway responses end to end: Set-/Get-/Remove-GwGatewayResponse against the local gateway, and what a deployed
# stage answers for each kind of failure once its gateway responses are customised (status, headers and body).
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # Status, headers and body of one call, whatever the status.
    function Invoke-Stage([string] $Uri, [hashtable] $Headers = @{}) {
        $response = Invoke-WebRequest -Uri $Uri -Headers $Headers -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Body = "$($response.Content)" }
    }

    # A loopback port nothing listens on: a backend that cannot be reached.
    function Get-ClosedPort {
        $probe = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $probe.Start()
        try { $probe.LocalEndpoint.Port } finally { $probe.Stop() }
    }
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'Set-GwGatewayResponse' {
    It 'customises a type with a status code, plain and quoted headers and a template text' {
        $api = New-TestApi
        $response = $api | Set-GwGatewayResponse -ResponseType throttled -StatusCode 503 `
            -Header @{ 'Access-Control-Allow-Origin' = '*'; 'X-Request' = 'context.requestId'; 'X-Quoted' = "'as is'" } `
            -Template '{"error":$context.error.messageString}'

        $response.PSObject.TypeNames[0] | Should -BeExactly 'ApiGatewayTools.Engine.Models.GatewayResponse'
        $response.RestApiId | Should -BeExactly $api.RestApiId
        $response.ResponseType | Should -BeExactly 'THROTTLED'
        $response.Source | Should -BeExactly 'Custom'
        $response.StatusCode | Should -Be '503'
        $response.ResponseParameters['gatewayresponse.header.Access-Control-Allow-Origin'] | Should -BeExactly "'*'"
        $response.ResponseParameters['gatewayresponse.header.X-Request'] | Should -BeExactly 'context.requestId'
        $response.Headers['X-Quoted'] | Should -BeExactly "'as is'"
        $response.ResponseTemplates['application/json'] | Should -BeExactly '{"error":$context.error.messageString}'
    }

    It 'sends nothing when the type already answers that way' {
        $api = New-TestApi
        $first = $api | Set-GwGatewayResponse -ResponseType DEFAULT_4XX -Header @{ 'Access-Control-Allow-Origin' = '*' }
        $marker = Get-LastRequestId
        $again = $api | Set-GwGatewayResponse -ResponseType DEFAULT_4XX -Header @{ 'Access-Control-Allow-Origin' = '*' }

        $again.ResponseParameters.Count | Should -Be $first.ResponseParameters.Count
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'an unknown type'; Arguments = @{ ResponseType = 'NOT_FOUND' }; ErrorId = 'InvalidGatewayResponseType' }
        @{ Case = 'a status code outside 100-599'; Arguments = @{ ResponseType = 'DEFAULT_4XX'; StatusCode = 600 }; ErrorId = 'InvalidGatewayResponseStatusCode' }
        @{ Case = 'a header name with a space'; Arguments = @{ ResponseType = 'DEFAULT_4XX'; Header = @{ 'Bad Name' = 'x' } }; ErrorId = 'InvalidGatewayResponseHeader' }
        @{ Case = 'a template that is not text or a hashtable'; Arguments = @{ ResponseType = 'DEFAULT_4XX'; Template = 42 }; ErrorId = 'InvalidGatewayResponseTemplate' }
    ) {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $failure = Get-TerminatingError { Set-GwGatewayResponse -RestApiId $api.RestApiId @Arguments }

        $failure.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'lists the valid types when the type is unknown' {
        $failure = Get-TerminatingError { Set-GwGatewayResponse -RestApiId (New-TestApi).RestApiId -ResponseType THROTTLING }
        $failure.Exception.Message | Should -BeLike "*'THROTTLING' is not a gateway response type*THROTTLED*QUOTA_EXCEEDED*"
    }

    It 'shows the PutGatewayResponse with -WhatIf and sends nothing' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $api | Set-GwGatewayResponse -ResponseType DEFAULT_5XX -StatusCode 500 -WhatIf }

        $text | Should -BeLike "*PutGatewayResponse PUT /restapis/$($api.RestApiId)/gatewayresponses/DEFAULT_5XX*"
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Get-GwGatewayResponse' {
    It 'shows every type, default or set, and filters by type with wildcards' {
        $api = New-TestApi
        $api | Set-GwGatewayResponse -ResponseType DEFAULT_4XX -StatusCode 400 | Out-Null

        $all = @(Get-GwGatewayResponse -RestApiId $api.RestApiId)
        $all.Count | Should -Be 21
        @($all | Where-Object Source -EQ 'Custom').ResponseType | Should -Be @('DEFAULT_4XX')
        ($all | Where-Object ResponseType -EQ 'THROTTLED').StatusCode | Should -Be '429'
        @(Get-GwGatewayResponse -RestApiId $api.RestApiId -ResponseType DEFAULT_*).ResponseType | Should -Be @('DEFAULT_4XX', 'DEFAULT_5XX')
        (Get-GwGatewayResponse -RestApiId $api.RestApiId -ResponseType invalid_api_key).StatusCode | Should -Be '403'
    }

    It 'refuses an unknown exact type before sending anything' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $failure = Get-TerminatingError { Get-GwGatewayResponse -RestApiId $api.RestApiId -ResponseType NOPE }

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidGatewayResponseType,*'
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Remove-GwGatewayResponse' {
    It 'resets a customised type piped from Get-GwGatewayResponse to the default' {
        $api = New-TestApi
        $api | Set-GwGatewayResponse -ResponseType UNAUTHORIZED -StatusCode 403 | Out-Null

        Get-GwGatewayResponse -RestApiId $api.RestApiId -ResponseType UNAUTHORIZED | Remove-GwGatewayResponse -Confirm:$false

        $back = Get-GwGatewayResponse -RestApiId $api.RestApiId -ResponseType UNAUTHORIZED
        $back.Source | Should -BeExactly 'Default'
        $back.StatusCode | Should -Be '401'
    }

    It 'sends nothing for a type that already answers the default' {
        $api = New-TestApi
        $marker = Get-LastRequestId
        $api | Remove-GwGatewayResponse -ResponseType THROTTLED -Confirm:$false

        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'What a deployed stage answers for each failure' {
    BeforeAll {
        $script:api = New-TestApi 'gwresp'
        $api | Add-GwResource -Path /pets | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"pets":[]}' | Out-Null
        $api | Add-GwResource -Path /keyed | Add-GwMethod GET -ApiKeyRequired | Set-GwMockIntegration -ResponseBody '{"ok":true}' | Out-Null
        $api | Add-GwResource -Path /backend | Add-GwMethod GET | Set-GwHttpIntegration -Uri "http://127.0.0.1:$(Get-ClosedPort)/gone" -Proxy | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod

        $api | Set-GwGatewayResponse -ResponseType MISSING_AUTHENTICATION_TOKEN -StatusCode 404 `
            -Header @{ 'Access-Control-Allow-Origin' = '*'; 'X-Asked' = 'method.request.header.X-Trace' } `
            -Template '{"error":$context.error.messageString,"type":"$context.error.responseType"}' | Out-Null
        $api | Set-GwGatewayResponse -ResponseType INVALID_API_KEY -StatusCode 401 -Template '{"hint":"send x-api-key"}' | Out-Null
        $api | Set-GwGatewayResponse -ResponseType THROTTLED -Header @{ 'Retry-After' = '100' } `
            -Template @{ 'application/json' = '{"slow":"down","id":"$context.requestId"}' } | Out-Null
        $api | Set-GwGatewayResponse -ResponseType DEFAULT_4XX -Header @{ 'X-Family' = '4xx' } | Out-Null
        $api | Set-GwGatewayResponse -ResponseType DEFAULT_5XX -StatusCode 503 -Header @{ 'X-Family' = '5xx' } `
            -Template '{"failed":"$context.error.responseType"}' | Out-Null
    }

    It 'answers the defaults until the API is deployed again' {
        $answer = Invoke-Stage "$($stage.InvokeUrl)/nowhere"
        $answer.Status | Should -Be 403
        $answer.Body | Should -BeExactly '{"message":"Missing Authentication Token"}'
        $api | Publish-GwDeployment -StageName prod | Out-Null
    }

    It 'answers an unknown route with MISSING_AUTHENTICATION_TOKEN as customised' {
        $answer = Invoke-Stage "$($stage.InvokeUrl)/nowhere" @{ 'X-Trace' = 'trace-1' }
        $answer.Status | Should -Be 404
        $answer.Headers['Access-Control-Allow-Origin'] | Should -Be '*'
        $answer.Headers['X-Asked'] | Should -Be 'trace-1'
        $answer.Headers['X-Family'] | Should -BeNullOrEmpty
        $answer.Body | Should -BeExactly '{"error":"Missing Authentication Token","type":"MISSING_AUTHENTICATION_TOKEN"}'
    }

    It 'answers a missing API key with INVALID_API_KEY as customised' {
        $answer = Invoke-Stage "$($stage.InvokeUrl)/keyed"
        $answer.Status | Should -Be 401
        $answer.Headers['x-amzn-ErrorType'] | Should -Be 'ForbiddenException'
        $answer.Body | Should -BeExactly '{"hint":"send x-api-key"}'
    }

    It 'answers an unreachable backend with DEFAULT_5XX' {
        $answer = Invoke-Stage "$($stage.InvokeUrl)/backend"
        $answer.Status | Should -Be 503
        $answer.Headers['X-Family'] | Should -Be '5xx'
        $answer.Body | Should -BeExactly '{"failed":"INTEGRATION_FAILURE"}'
    }

    It 'answers over the throttle with THROTTLED as customised' {
        $stage | Set-GwStage -ThrottlingRateLimit 0.01 -ThrottlingBurstLimit 1 | Out-Null
        (Invoke-Stage "$($stage.InvokeUrl)/pets").Status | Should -Be 200
        $answer = Invoke-Stage "$($stage.InvokeUrl)/pets"
        $answer.Status | Should -Be 429
        $answer.Headers['Retry-After'] | Should -Be '100'
        $answer.Body | Should -BeExactly "{""slow"":""down"",""id"":""$($answer.Headers['x-amzn-RequestId'])""}"
    }

    It 'answers a 4XX type without its own customisation with DEFAULT_4XX' {
        $api | Remove-GwGatewayResponse -ResponseType MISSING_AUTHENTICATION_TOKEN -Confirm:$false
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $answer = Invoke-Stage "$($stage.InvokeUrl)/nowhere"
        $answer.Status | Should -Be 403
        $answer.Headers['X-Family'] | Should -Be '4xx'
        $answer.Body | Should -BeExactly '{"message":"Missing Authentication Token"}'
    }
}
