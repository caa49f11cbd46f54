BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'Start-GwLocalGateway -FaultRate' {
    BeforeEach {
        Stop-GwLocalGateway
    }

    It 'throttles every call with -FaultRate 1 -FaultKind Throttle, and the cmdlet reports it as LimitsExceeded' {
        Start-GwLocalGateway -FaultRate 1 -FaultKind Throttle -FaultSeed 3 | Out-Null

        $e = Get-TerminatingError { Get-GwRestApi -ErrorAction Stop }

        $e.FullyQualifiedErrorId | Should -BeLike 'TooManyRequestsException*'
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        $logged = (Get-GwLocalGateway).RecentRequests | Where-Object Operation -eq 'GetRestApis'
        $logged | Should -Not -BeNullOrEmpty
        $logged | ForEach-Object { $_.Fault | Should -Be 'Throttle' }
    }

    It 'replays the same faults for the same seed' {
        $sequence = {
            Start-GwLocalGateway -FaultRate 0.5 -FaultKind ServerError, ServiceUnavailable -FaultSeed 11 | Out-Null
            $gateway = Get-GwLocalGateway
            $http = [System.Net.Http.HttpClient]::new()
            try {
                1..12 | ForEach-Object { $http.GetAsync("$($gateway.EndpointUrl)/restapis").GetAwaiter().GetResult().Dispose() }
            }
            finally {
                $http.Dispose()
            }
            ((Get-GwLocalGateway).RecentRequests | ForEach-Object { "$($_.Fault)" }) -join ','
            Stop-GwLocalGateway
        }

        $first = & $sequence
        $second = & $sequence

        $second | Should -BeExactly $first
    }

    It 'refuses -FaultKind without -FaultRate before starting anything' {
        $e = Get-TerminatingError { Start-GwLocalGateway -FaultKind Throttle }

        $e.FullyQualifiedErrorId | Should -BeExactly 'FaultKindWithoutRate,ApiGatewayTools.Commands.StartGwLocalGatewayCommand'
        Get-GwLocalGateway | Should -BeNullOrEmpty
    }

    It 'refuses a rate outside 0 to 1' {
        { Start-GwLocalGateway -FaultRate 1.5 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ApiGatewayTools.Commands.StartGwLocalGatewayCommand'
    }
}

Describe 'Start-GwLocalGateway -StatePath' {
    BeforeEach {
        Stop-GwLocalGateway
        $script:statePath = Join-Path ([IO.Path]::GetTempPath()) "gw-state-$([guid]::NewGuid()).json"
    }

    AfterEach {
        Stop-GwLocalGateway
        Remove-Item $script:statePath -ErrorAction Ignore
    }

    It 'keeps APIs, resources and methods across a stop and a start' {
        Start-GwLocalGateway -StatePath $script:statePath | Out-Null
        New-GwRestApi -Name Kept | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod -HttpMethod GET | Out-Null
        Stop-GwLocalGateway

        Start-GwLocalGateway -StatePath $script:statePath | Out-Null

        $api = Get-GwRestApi -Name Kept
        $api | Should -Not -BeNullOrEmpty
        (Get-GwResource -RestApiId $api.RestApiId -Path '/pets/{petId}').HttpMethods | Should -Contain 'GET'
    }

    It 'keeps a deployed Lambda TOKEN authorizer: the restarted invoke URL still asks for the token, and the export is the same' {
        # Allows exactly the token 'letmein'.
        $authorize = {
            param($Event, $Context)
            $effect = if ($Event.authorizationToken -eq 'letmein') { 'Allow' } else { 'Deny' }
            @{
                principalId = 'kept-caller'
                policyDocument = @{ Version = '2012-10-17'; Statement = @(@{ Action = 'execute-api:Invoke'; Effect = $effect; Resource = $Event.methodArn }) }
            }
        }
        $functionName = New-TestName 'kept-authorizer'
        Start-GwLocalGateway -StatePath $script:statePath | Out-Null
        Register-GwLocalFunction -FunctionName $functionName -ScriptBlock $authorize | Out-Null
        $api = New-TestApi 'kept-authorizer'
        $authorizer = $api | New-GwAuthorizer -Name token-check -FunctionName $functionName -ResultTtlInSeconds 0
        $api | Add-GwResource -Path /pets | Add-GwMethod GET -AuthorizerId $authorizer.AuthorizerId |
            Set-GwMockIntegration -ResponseBody '{"who":"$context.authorizer.principalId"}' | Out-Null
        $api | Publish-GwDeployment -StageName prod | Out-Null
        $exported = Export-GwRestApi -RestApiId $api.RestApiId -StageName prod -AsJson
        Stop-GwLocalGateway

        Start-GwLocalGateway -StatePath $script:statePath | Out-Null
        # A function's code is not kept across a restart (its permission is): the script registers it again.
        Register-GwLocalFunction -FunctionName $functionName -ScriptBlock $authorize | Out-Null
        $pets = "$((Get-GwStage -RestApiId $api.RestApiId -StageName prod).InvokeUrl)/pets"

        $refused = Invoke-WebRequest -Uri $pets -SkipHttpErrorCheck
        $refused.StatusCode | Should -Be 401
        "$($refused.Content)" | Should -BeExactly '{"message":"Unauthorized"}'
        $allowed = Invoke-WebRequest -Uri $pets -Headers @{ Authorization = 'letmein' } -SkipHttpErrorCheck
        $allowed.StatusCode | Should -Be 200
        "$($allowed.Content)" | Should -BeExactly '{"who":"kept-caller"}'
        (Invoke-WebRequest -Uri $pets -Headers @{ Authorization = 'other' } -SkipHttpErrorCheck).StatusCode | Should -Be 403
        $exported | Should -Match 'x-amazon-apigateway-authorizer'
        Export-GwRestApi -RestApiId $api.RestApiId -StageName prod -AsJson | Should -BeExactly $exported
        (Get-GwAuthorizer -RestApiId $api.RestApiId).AuthorizerId | Should -BeExactly $authorizer.AuthorizerId
    }

    It 'refuses a corrupt state file with LocalGatewayStateUnreadable, naming the file and leaving it as it was' {
        Set-Content -Path $script:statePath -Value '{"format":"ApiGatewayTools.LocalGateway.State","version":1,"restApis":[{"api":' -NoNewline

        $e = Get-TerminatingError { Start-GwLocalGateway -StatePath $script:statePath }

        $e.FullyQualifiedErrorId | Should -BeExactly 'LocalGatewayStateUnreadable,ApiGatewayTools.Commands.StartGwLocalGatewayCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidData'
        "$($e.ErrorDetails.Message)" | Should -BeLike "*$($script:statePath)*"
        Get-Content -Raw $script:statePath | Should -BeExactly '{"format":"ApiGatewayTools.LocalGateway.State","version":1,"restApis":[{"api":'
        Get-GwLocalGateway | Should -BeNullOrEmpty
    }
}

Describe 'Start-GwLocalGateway -RequireSignature' {
    BeforeEach {
        Stop-GwLocalGateway
    }

    It 'signs with the required keys, and refuses a caller with another secret' {
        $keys = [pscredential]::new('AKIDREQUIRED', (ConvertTo-SecureString 'required-secret' -AsPlainText -Force))
        $other = [pscredential]::new('AKIDREQUIRED', (ConvertTo-SecureString 'wrong-secret' -AsPlainText -Force))
        $gateway = Start-GwLocalGateway -RequireSignature $keys

        New-GwRestApi -Name Signed | Should -Not -BeNullOrEmpty
        $e = Get-TerminatingError { Get-GwRestApi -EndpointUrl $gateway.EndpointUrl -Credential $other -Region us-east-1 -ErrorAction Stop }

        $e.FullyQualifiedErrorId | Should -BeLike 'InvalidSignatureException*'
        $e.CategoryInfo.Category | Should -Be 'AuthenticationError'
    }
}
