# Lambda and Cognito authorizers: made with the cmdlets, enforced at invoke URLs as API Gateway enforces them.
BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    function Invoke-Stage([string] $Uri, [hashtable] $Headers = @{}) {
        $response = Invoke-WebRequest -Uri $Uri -Headers $Headers -SkipHttpErrorCheck
        [pscustomobject]@{ Status = [int]$response.StatusCode; Headers = $response.Headers; Body = "$($response.Content)" }
    }

    # A TOKEN authorizer's function: the token says what it answers.
    function New-AuthorizerFunction {
        Register-GwLocalFunction -FunctionName (New-TestName 'authfn') -ScriptBlock {
            param($Event, $Context)
            $token = if ($Event.authorizationToken) { $Event.authorizationToken } else { $Event.headers.auth }
            $effect = if ($token -like 'deny*') { 'Deny' } else { 'Allow' }
            $resource = if ($token -like 'elsewhere*') { 'arn:aws:execute-api:us-east-1:000000000000:other/*/*' } else { $Event.methodArn }
            switch -Wildcard ($token) {
                'unauthorized*' { throw 'Unauthorized' }
                'broken*' { throw 'something went wrong' }
                'malformed*' { return @{ principalId = 'someone' } }
            }
            @{
                principalId = "user-$token"
                policyDocument = @{ Version = '2012-10-17'; Statement = @(@{ Action = 'execute-api:Invoke'; Effect = $effect; Resource = $resource }) }
                context = @{ tier = 'gold'; level = 3 }
            }
        }
    }

    # Calls of the function so far (one START line in its log per invocation).
    function Get-CallCount([string] $FunctionName) {
        @(Get-GwLocalFunctionLog -FunctionName $FunctionName | Where-Object Message -Like 'START*').Count
    }

    # An API with GET /pets behind the authorizer (answering who the caller is) and GET /open without it, deployed.
    function New-ProtectedStage([string] $FunctionName, [hashtable] $AuthorizerParameters = @{}) {
        $api = New-TestApi 'authz'
        $authorizer = $api | New-GwAuthorizer -Name token-check -FunctionName $FunctionName @AuthorizerParameters
        $api | Add-GwResource -Path /pets | Add-GwMethod GET -AuthorizerId $authorizer.AuthorizerId |
            Set-GwMockIntegration -ResponseBody '{"who":"$context.authorizer.principalId","tier":"$context.authorizer.tier"}' | Out-Null
        $api | Add-GwResource -Path /open | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{"open":true}' | Out-Null
        [pscustomobject]@{ Api = $api; Authorizer = $authorizer; Stage = ($api | Publish-GwDeployment -StageName prod) }
    }
}

Describe 'New-GwAuthorizer' {
    It 'creates a TOKEN authorizer and opens its function to exactly that authorizer' {
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $authorizer = $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName -ResultTtlInSeconds 60

        $authorizer.Type | Should -BeExactly 'TOKEN'
        $authorizer.IdentitySource | Should -BeExactly 'method.request.header.Authorization'
        $authorizer.AuthorizerResultTtlInSeconds | Should -Be 60
        $authorizer.AuthorizerUri | Should -BeExactly "arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/$($function.FunctionArn)/invocations"
        $statement = Get-GwLambdaPermission -FunctionName $function.FunctionName
        @($statement).Count | Should -Be 1
        $statement.SourceArn | Should -BeExactly "arn:aws:execute-api:us-east-1:000000000000:$($api.RestApiId)/authorizers/$($authorizer.AuthorizerId)"
        $statement.StatementId | Should -BeLike "ApiGatewayTools-$($api.RestApiId)-authorizer-token-check-*"
    }

    It 'converges on a re-run: no second authorizer, no second statement' {
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $first = $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName
        $marker = Get-LastRequestId
        $again = $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName

        $again.AuthorizerId | Should -BeExactly $first.AuthorizerId
        @(Get-ChangingRequestSince $marker).Count | Should -Be 0
        @(Get-GwLambdaPermission -FunctionName $function.FunctionName).Count | Should -Be 1
        @(Get-GwAuthorizer -RestApiId $api.RestApiId).Count | Should -Be 1
    }

    It 'creates a REQUEST authorizer with several identity sources' {
        $function = New-AuthorizerFunction
        $authorizer = New-TestApi 'authz' | New-GwAuthorizer -Name req -Type REQUEST -FunctionName $function.FunctionName `
            -IdentitySource 'method.request.header.auth', 'method.request.querystring.tenant'
        $authorizer.Type | Should -BeExactly 'REQUEST'
        $authorizer.IdentitySource | Should -BeExactly 'method.request.header.auth,method.request.querystring.tenant'
    }

    It 'refuses <Case> before anything is sent' -TestCases @(
        @{ Case = 'a TTL over 3600'; Parameters = @{ ResultTtlInSeconds = 3601 }; ErrorId = 'InvalidAuthorizerResultTtl' }
        @{ Case = 'an identity source not in AWS''s forms'; Parameters = @{ IdentitySource = 'header.Authorization' }; ErrorId = 'InvalidIdentitySource' }
        @{ Case = 'a TOKEN source that is not a header'; Parameters = @{ IdentitySource = 'method.request.querystring.token' }; ErrorId = 'InvalidIdentitySource' }
        @{ Case = 'a validation expression that is not a regex'; Parameters = @{ IdentityValidationExpression = '(' }; ErrorId = 'InvalidAuthorizerSettings' }
    ) {
        param($Case, $Parameters, $ErrorId)
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $marker = Get-LastRequestId
        $err = Get-TerminatingError { $api | New-GwAuthorizer -Name bad -FunctionName $function.FunctionName @Parameters }
        $err.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        @(Get-ChangingRequestSince $marker).Count | Should -Be 0
    }

    It 'refuses a function that does not exist before anything is sent' {
        $api = New-TestApi 'authz'
        $marker = Get-LastRequestId
        $err = Get-TerminatingError { $api | New-GwAuthorizer -Name bad -FunctionName (New-TestName 'missing') }
        $err.FullyQualifiedErrorId | Should -BeLike 'LambdaFunctionNotFound,*'
        @(Get-ChangingRequestSince $marker).Count | Should -Be 0
    }

    It 'shows with -WhatIf the create and the permission naming the new authorizer, and sends nothing' {
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName -WhatIf }
        $text | Should -Match 'CreateAuthorizer POST'
        $text | Should -Match "/authorizers/\{id of authorizer token-check\}"
        @(Get-ChangingRequestSince $marker).Count | Should -Be 0
    }
}

Describe 'Get-, Set-, Remove- and Test-GwAuthorizer' {
    It 'finds by name with wildcards, changes the TTL, tests a token and removes an unused authorizer' {
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $created = $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName

        (Get-GwAuthorizer -RestApiId $api.RestApiId -Name 'token-*').AuthorizerId | Should -BeExactly $created.AuthorizerId
        ($created | Set-GwAuthorizer -ResultTtlInSeconds 0).AuthorizerResultTtlInSeconds | Should -Be 0

        $test = $created | Test-GwAuthorizer -Header @{ Authorization = 'alice' }
        $test.ClientStatus | Should -Be 200
        $test.PrincipalId | Should -BeExactly 'user-alice'
        $test.Policy | Should -Match 'execute-api:Invoke'
        ($created | Test-GwAuthorizer).ClientStatus | Should -Be 401

        $created | Remove-GwAuthorizer -Confirm:$false
        @(Get-GwAuthorizer -RestApiId $api.RestApiId).Count | Should -Be 0
    }

    It 'refuses to remove an authorizer that methods use, naming them' {
        $function = New-AuthorizerFunction
        $setup = New-ProtectedStage $function.FunctionName
        $err = $null
        $setup.Authorizer | Remove-GwAuthorizer -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
        $err[0].FullyQualifiedErrorId | Should -BeLike 'AuthorizerInUse,*'
        $err[0].Exception.Message | Should -Match 'GET /pets'
        @(Get-GwAuthorizer -RestApiId $setup.Api.RestApiId).Count | Should -Be 1
    }

    It 'refuses a TTL over 3600 in Set-GwAuthorizer' {
        $err = Get-TerminatingError { Set-GwAuthorizer -RestApiId nothing -AuthorizerId nothing -ResultTtlInSeconds 4000 }
        $err.FullyQualifiedErrorId | Should -BeLike 'InvalidAuthorizerResultTtl,*'
    }
}

Describe 'Add-GwMethod with an authorizer' {
    It 'sets CUSTOM from a Lambda authorizer named by -Authorizer' {
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $authorizer = $api | New-GwAuthorizer -Name token-check -FunctionName $function.FunctionName
        $method = $api | Add-GwResource -Path /pets | Add-GwMethod GET -Authorizer token-check
        $method.AuthorizationType | Should -BeExactly 'CUSTOM'
        $method.AuthorizerId | Should -BeExactly $authorizer.AuthorizerId
    }

    It 'refuses an authorizer that does not exist before anything is sent' {
        $resource = New-TestApi 'authz' | Add-GwResource -Path /pets
        $marker = Get-LastRequestId
        $err = Get-TerminatingError { $resource | Add-GwMethod GET -AuthorizerId nope12 }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthorizerNotFound,*'
        @(Get-ChangingRequestSince $marker).Count | Should -Be 0
    }

    It 'refuses -AuthorizationScope without a Cognito authorizer' {
        $err = Get-TerminatingError { New-TestApi 'authz' | Add-GwResource -Path /pets | Add-GwMethod GET -AuthorizationScope pets/read }
        $err.FullyQualifiedErrorId | Should -BeLike 'AuthorizerIdRequired,*'
    }
}

Describe 'Lambda TOKEN authorizer at the invoke URL' {
    BeforeAll {
        $script:function = New-AuthorizerFunction
        $script:setup = New-ProtectedStage $function.FunctionName @{ IdentityValidationExpression = '^[a-z-]+$'; ResultTtlInSeconds = 300 }
        $script:pets = "$($setup.Stage.InvokeUrl)/pets"
    }

    It 'lets an allowed token through with principalId and context reaching the integration' {
        $response = Invoke-Stage $pets @{ Authorization = 'alice' }
        $response.Status | Should -Be 200
        $response.Body | Should -BeExactly '{"who":"user-alice","tier":"gold"}'
    }

    It 'answers 401 Unauthorized without a token, or with one the validation expression refuses, without calling the function' {
        $before = Get-CallCount $function.FunctionName
        $missing = Invoke-Stage $pets
        $missing.Status | Should -Be 401
        $missing.Body | Should -BeExactly '{"message":"Unauthorized"}'
        (Invoke-Stage $pets @{ Authorization = 'NOT VALID 1' }).Status | Should -Be 401
        Get-CallCount $function.FunctionName | Should -Be $before
    }

    It 'answers 403 with AWS''s texts for an explicit deny and for a policy that does not allow the method' {
        $denied = Invoke-Stage $pets @{ Authorization = 'deny' }
        $denied.Status | Should -Be 403
        $denied.Body | Should -BeExactly '{"Message":"User is not authorized to access this resource with an explicit deny"}'
        $elsewhere = Invoke-Stage $pets @{ Authorization = 'elsewhere' }
        $elsewhere.Status | Should -Be 403
        $elsewhere.Body | Should -BeExactly '{"Message":"User is not authorized to access this resource"}'
    }

    It 'answers 401 when the function fails with Unauthorized, and 500 for a failure or a malformed answer' {
        (Invoke-Stage $pets @{ Authorization = 'unauthorized' }).Status | Should -Be 401
        $broken = Invoke-Stage $pets @{ Authorization = 'broken' }
        $broken.Status | Should -Be 500
        $broken.Headers['x-amzn-ErrorType'] | Should -Be 'AuthorizerConfigurationException'
        $malformed = Invoke-Stage $pets @{ Authorization = 'malformed' }
        $malformed.Status | Should -Be 500
        $malformed.Headers['x-amzn-ErrorType'] | Should -Be 'AuthorizerConfigurationException'
    }

    It 'caches a decision per token for the TTL: the function is not called again' {
        (Invoke-Stage $pets @{ Authorization = 'bob' }).Status | Should -Be 200
        $after = Get-CallCount $function.FunctionName
        1..3 | ForEach-Object { (Invoke-Stage $pets @{ Authorization = 'bob' }).Status | Should -Be 200 }
        Get-CallCount $function.FunctionName | Should -Be $after
        (Invoke-Stage $pets @{ Authorization = 'carol' }).Status | Should -Be 200
        Get-CallCount $function.FunctionName | Should -Be ($after + 1)
    }

    It 'leaves methods without the authorizer open' {
        (Invoke-Stage "$($setup.Stage.InvokeUrl)/open").Status | Should -Be 200
    }
}

Describe 'Lambda REQUEST authorizer at the invoke URL' {
    It 'needs every identity source, and hands the request to the function' {
        $function = New-AuthorizerFunction
        $api = New-TestApi 'authz'
        $authorizer = $api | New-GwAuthorizer -Name req -Type REQUEST -FunctionName $function.FunctionName `
            -IdentitySource 'method.request.header.auth', 'method.request.querystring.tenant'
        $api | Add-GwResource -Path /pets | Add-GwMethod GET -AuthorizerId $authorizer.AuthorizerId |
            Set-GwMockIntegration -ResponseBody '{"who":"$context.authorizer.principalId"}' | Out-Null
        $stage = $api | Publish-GwDeployment -StageName prod

        (Invoke-Stage "$($stage.InvokeUrl)/pets" @{ auth = 'dave' }).Status | Should -Be 401
        (Invoke-Stage "$($stage.InvokeUrl)/pets?tenant=t1").Status | Should -Be 401
        $allowed = Invoke-Stage "$($stage.InvokeUrl)/pets?tenant=t1" @{ auth = 'dave' }
        $allowed.Status | Should -Be 200
        $allowed.Body | Should -BeExactly '{"who":"user-dave"}'
    }
}

Describe 'Cognito user pool authorizer with a local user pool' {
    BeforeAll {
        $script:pool = New-GwLocalUserPool -Name (New-TestName 'pool')
        $api = New-TestApi 'cognito'
        $authorizer = $api | New-GwAuthorizer -Name pool -Type COGNITO_USER_POOLS -ProviderArn $pool.ProviderArn
        $api | Add-GwResource -Path /me | Add-GwMethod GET -Authorizer pool |
            Set-GwMockIntegration -ResponseBody '{"email":"$context.authorizer.claims.email"}' | Out-Null
        $api | Add-GwResource -Path /pets | Add-GwMethod GET -Authorizer pool -AuthorizationScope 'pets/read' |
            Set-GwMockIntegration -ResponseBody '{"pets":[]}' | Out-Null
        $script:stage = $api | Publish-GwDeployment -StageName prod
        $script:authorizer = $authorizer
    }

    It 'gives the pool a Cognito-shaped ProviderArn and serves its JWKS' {
        $pool.ProviderArn | Should -Match '^arn:aws:cognito-idp:us-east-1:000000000000:userpool/us-east-1_[A-Za-z0-9]{9}$'
        $authorizer.ProviderArns | Should -Be @($pool.ProviderArn)
        (Invoke-RestMethod $pool.JwksUrl).keys[0].alg | Should -BeExactly 'RS256'
    }

    It 'lets a valid ID token through with its claims' {
        $token = New-GwLocalToken -UserPool $pool.Name -Claim @{ email = 'a@example.com' }
        $response = Invoke-Stage "$($stage.InvokeUrl)/me" @{ Authorization = $token }
        $response.Status | Should -Be 200
        $response.Body | Should -BeExactly '{"email":"a@example.com"}'
    }

    It 'answers 401 for a missing, expired, tampered or foreign token' {
        (Invoke-Stage "$($stage.InvokeUrl)/me").Status | Should -Be 401
        $expired = Invoke-Stage "$($stage.InvokeUrl)/me" @{ Authorization = (New-GwLocalToken -UserPool $pool.Name -Expired) }
        $expired.Status | Should -Be 401
        $expired.Body | Should -BeExactly '{"message":"The incoming token has expired"}'
        $token = New-GwLocalToken -UserPool $pool.Name
        $parts = $token.Split('.')
        $tampered = $parts[0] + '.' + $parts[1] + 'x.' + $parts[2]
        (Invoke-Stage "$($stage.InvokeUrl)/me" @{ Authorization = $tampered }).Status | Should -Be 401
        $other = New-GwLocalUserPool -Name (New-TestName 'other')
        (Invoke-Stage "$($stage.InvokeUrl)/me" @{ Authorization = (New-GwLocalToken -UserPool $other.ProviderArn) }).Status | Should -Be 401
    }

    It 'needs an access token with one of the method''s scopes' {
        (Invoke-Stage "$($stage.InvokeUrl)/pets" @{ Authorization = (New-GwLocalToken -UserPool $pool.Name) }).Status | Should -Be 401
        $wrong = New-GwLocalToken -UserPool $pool.Name -TokenUse access -Scope 'pets/write'
        (Invoke-Stage "$($stage.InvokeUrl)/pets" @{ Authorization = $wrong }).Status | Should -Be 401
        $right = New-GwLocalToken -UserPool $pool.Name -TokenUse access -Scope 'pets/read'
        (Invoke-Stage "$($stage.InvokeUrl)/pets" @{ Authorization = $right }).Status | Should -Be 200
    }
}

Describe 'An authorizer that supplies the API key' {
    It 'hands usageIdentifierKey to the API key check when the key source is AUTHORIZER' {
        $value = "pester-key-$([guid]::NewGuid().ToString('N'))"
        $function = Register-GwLocalFunction -FunctionName (New-TestName 'keyfn') -ScriptBlock ([scriptblock]::Create(@"
            param(`$Event, `$Context)
            `$key = if (`$Event.authorizationToken -eq 'planned') { '$value' } else { 'not-a-key-of-any-plan' }
            @{ principalId = 'p'; usageIdentifierKey = `$key
               policyDocument = @{ Version = '2012-10-17'; Statement = @(@{ Action = 'execute-api:Invoke'; Effect = 'Allow'; Resource = '*' }) } }
"@))
        $api = New-TestApi 'authz' | Set-GwRestApi -ApiKeySource AUTHORIZER
        $authorizer = $api | New-GwAuthorizer -Name keyed -FunctionName $function.FunctionName -ResultTtlInSeconds 0
        $api | Add-GwResource -Path /metered | Add-GwMethod GET -AuthorizerId $authorizer.AuthorizerId -ApiKeyRequired |
            Set-GwMockIntegration -ResponseBody '{"ok":true}' | Out-Null
        $stage = $api | Publish-GwDeployment -StageName prod
        $plan = $stage | New-GwUsagePlan -Name (New-TestName 'plan') -QuotaLimit 1000 -QuotaPeriod DAY
        $key = New-GwApiKey -Name (New-TestName 'key') -Value $value
        Add-GwUsagePlanKey -UsagePlanId $plan.UsagePlanId -ApiKeyId $key.ApiKeyId | Out-Null

        (Invoke-Stage "$($stage.InvokeUrl)/metered" @{ Authorization = 'planned' }).Status | Should -Be 200
        $unplanned = Invoke-Stage "$($stage.InvokeUrl)/metered" @{ Authorization = 'other' }
        $unplanned.Status | Should -Be 403
        $unplanned.Body | Should -BeExactly '{"message":"Forbidden"}'
    }
}
