# Resource policies set with the cmdlets and enforced at the invoke URLs of the local gateway.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    function New-GuardedApi {
        $api = New-TestApi 'policy'
        $api | Add-GwResource -Path /pets | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"ok":true}' | Out-Null
        $api
    }

    function Invoke-Pets($Deployment) {
        $response = Invoke-WebRequest -Uri "$($Deployment.InvokeUrl)/pets" -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Body = "$($response.Content)" }
    }
}

Describe 'New-GwResourcePolicy' {
    It 'builds an Allow and a Deny outside the allowed ranges, scoped to the stage' {
        $policy = New-GwResourcePolicy -AllowSourceIp '10.0.0.0/8', '2001:db8::/32' -StageName prod
        $document = $policy | ConvertTo-Json -Depth 10 | ConvertFrom-Json

        $document.Version | Should -BeExactly '2012-10-17'
        $document.Statement.Count | Should -Be 2
        $document.Statement[0].Effect | Should -BeExactly 'Allow'
        $document.Statement[0].Resource | Should -BeExactly 'execute-api:/prod/*'
        $document.Statement[1].Effect | Should -BeExactly 'Deny'
        $document.Statement[1].Condition.NotIpAddress.'aws:SourceIp' | Should -Be @('10.0.0.0/8', '2001:db8::/32')
    }

    It 'names the accounts as principals and the API when given' {
        $api = New-TestApi
        $document = $api | New-GwResourcePolicy -AllowAccount 111122223333 | ConvertTo-Json -Depth 10 | ConvertFrom-Json

        $document.Statement[0].Principal.AWS | Should -Be @('arn:aws:iam::111122223333:root')
        $document.Statement[0].Resource | Should -BeExactly "arn:aws:execute-api:*:*:$($api.RestApiId)/*/*"
    }

    It 'refuses <Case> with <ErrorId>' -ForEach @(
        @{ Case = 'a bad range'; ErrorId = 'InvalidSourceIp'; Script = { New-GwResourcePolicy -DenySourceIp '10.0.0.0/33' } }
        @{ Case = 'a bad account'; ErrorId = 'InvalidAccountId'; Script = { New-GwResourcePolicy -AllowAccount 'prod-account' } }
        @{ Case = 'nothing to do'; ErrorId = 'EmptyResourcePolicy'; Script = { New-GwResourcePolicy -StageName prod } }
    ) {
        (Get-TerminatingError $Script).FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.NewGwResourcePolicyCommand"
    }
}

Describe 'Set-GwRestApi -Policy' {
    It 'sets the policy that Get-GwRestApi shows as an object with the API''s ARN' {
        $api = New-TestApi
        $api | Set-GwRestApi -Policy (New-GwResourcePolicy -DenySourceIp '198.51.100.0/24') | Out-Null
        $read = Get-GwRestApi -RestApiId $api.RestApiId

        $read.Policy.Statement[1]['Condition']['IpAddress']['aws:SourceIp'] | Should -Be @('198.51.100.0/24')
        $read.Policy.Statement[0]['Resource'] | Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($api.RestApiId)/*/*"
        ($read | Format-List | Out-String) | Should -Match 'Policy\s+: Allow \* on '
    }

    It 'takes a JSON file, a JSON string and a hashtable alike' {
        $api = New-TestApi
        $json = '{"Version":"2012-10-17","Statement":{"Effect":"Deny","Principal":"*","Action":"execute-api:Invoke","Resource":"execute-api:/*"}}'
        $file = Join-Path $TestDrive 'policy.json'
        Set-Content -Path $file -Value $json

        ($api | Set-GwRestApi -Policy $file).Policy.Statement[0]['Effect'] | Should -BeExactly 'Deny'
        ($api | Set-GwRestApi -Policy $json).Policy.Statement.Count | Should -Be 1
        $table = @{ Version = '2012-10-17'; Statement = @(@{ Effect = 'Allow'; Principal = @{ AWS = '123456789012' }; Action = 'execute-api:Invoke'; Resource = '*' }) }
        ($api | Set-GwRestApi -Policy $table).Policy.Statement[0]['Principal']['AWS'] | Should -BeExactly '123456789012'
        ($api | Set-GwRestApi -RemovePolicy).Policy | Should -BeNullOrEmpty
    }

    It 'refuses <Case> with <ErrorId> before sending anything' -ForEach @(
        @{ Case = 'text that is neither JSON nor a file'; ErrorId = 'InvalidResourcePolicy'; Policy = 'no-such-policy.json' }
        @{ Case = 'a statement without Principal'; ErrorId = 'InvalidResourcePolicy'; Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"*"}]}' }
        @{ Case = 'an Effect of Permit'; ErrorId = 'InvalidResourcePolicy'; Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Permit","Principal":"*","Action":"execute-api:Invoke","Resource":"*"}]}' }
        @{ Case = 'a bad CIDR'; ErrorId = 'InvalidSourceIp'; Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"execute-api:Invoke","Resource":"*","Condition":{"NotIpAddress":{"aws:SourceIp":"10.0.0.256/8"}}}]}' }
        @{ Case = 'a bad account principal'; ErrorId = 'InvalidAccountId'; Policy = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"12345"},"Action":"execute-api:Invoke","Resource":"*"}]}' }
    ) {
        $api = New-TestApi
        $before = Get-LastRequestId
        (Get-TerminatingError { $api | Set-GwRestApi -Policy $Policy }).FullyQualifiedErrorId |
            Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.SetGwRestApiCommand"
        Get-ChangingRequestSince $before | Should -BeNullOrEmpty
    }
}

Describe 'The policy at invoke URLs' {
    It 'lets loopback in when its range is allowed, and denies it explicitly once it is not' {
        $api = New-GuardedApi
        $api | Set-GwRestApi -Policy (New-GwResourcePolicy -AllowSourceIp '127.0.0.0/8', '::1/128') | Out-Null
        (Invoke-Pets ($api | Publish-GwDeployment -StageName prod)).Status | Should -Be 200

        $api | Set-GwRestApi -Policy (New-GwResourcePolicy -AllowSourceIp '192.0.2.0/24') | Out-Null
        $deployment = $api | Publish-GwDeployment -StageName prod
        $answer = Invoke-Pets $deployment
        $answer.Status | Should -Be 403
        $answer.Body | Should -BeExactly ('{"Message":"User: anonymous is not authorized to perform: execute-api:Invoke on resource: ' +
            "arn:aws:execute-api:us-east-1:000000000000:$($api.RestApiId)/prod/GET/pets with an explicit deny`"}")
    }

    It 'refuses anonymous callers without an explicit deny when only accounts are allowed' {
        $api = New-GuardedApi
        $api | Set-GwRestApi -Policy (New-GwResourcePolicy -AllowAccount 111122223333) | Out-Null
        $answer = Invoke-Pets ($api | Publish-GwDeployment -StageName prod)
        $answer.Status | Should -Be 403
        $answer.Body | Should -Match 'User: anonymous is not authorized to perform: execute-api:Invoke on resource: .*/prod/GET/pets"}$'
    }
}
