BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
    Start-TestGateway | Out-Null

    # An API with GET /pets and GET /pets/{petId}, deployed to prod: what Publish-GwDeployment returns.
    function New-DeployedApi {
        $api = New-TestApi 'stage'
        $api | Add-GwResource -Path '/pets' | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '[]' | Out-Null
        $api | Add-GwResource -Path '/pets/{petId}' | Add-GwMethod GET | Set-GwMockIntegration -ResponseBody '{}' | Out-Null
        $api | Publish-GwDeployment -StageName prod
    }
}

Describe 'Set-GwStage' {
    It 'sets stage and all-method settings from a deployment piped in, and Get-GwStage reads them back' {
        $deployment = New-DeployedApi
        $stage = $deployment | Set-GwStage -Description 'production' -TracingEnabled $true -CacheClusterEnabled $true -CacheClusterSize 0.5 `
            -ThrottlingRateLimit 100 -ThrottlingBurstLimit 50 -CachingEnabled $true -CacheTtlInSeconds 60 -CacheDataEncrypted $true `
            -RequireAuthorizationForCacheControl $true -UnauthorizedCacheControlHeaderStrategy FAIL_WITH_403 `
            -MetricsEnabled $true -LoggingLevel INFO -DataTraceEnabled $true -Variable @{ backend = 'v2' }

        $stage.StageName | Should -BeExactly 'prod'
        $read = Get-GwStage -RestApiId $deployment.RestApiId -StageName prod
        $read.Description | Should -BeExactly 'production'
        $read.TracingEnabled | Should -BeTrue
        $read.CacheClusterEnabled | Should -BeTrue
        $read.CacheClusterSize | Should -BeExactly '0.5'
        $read.Variables['backend'] | Should -BeExactly 'v2'
        $all = $read.MethodSettings | Where-Object Key -EQ '*/*'
        $all.MethodPath | Should -BeExactly '* *'
        $all.ThrottlingRateLimit | Should -Be 100
        $all.ThrottlingBurstLimit | Should -Be 50
        $all.CachingEnabled | Should -BeTrue
        $all.CacheTtlInSeconds | Should -Be 60
        $all.CacheDataEncrypted | Should -BeTrue
        $all.RequireAuthorizationForCacheControl | Should -BeTrue
        $all.UnauthorizedCacheControlHeaderStrategy | Should -BeExactly 'FAIL_WITH_403'
        $all.MetricsEnabled | Should -BeTrue
        $all.LoggingLevel | Should -BeExactly 'INFO'
        $all.DataTraceEnabled | Should -BeTrue
    }

    It 'keeps settings for one method under the key AWS gives it, read back as its method path' {
        $deployment = New-DeployedApi
        $marker = Get-LastRequestId
        $deployment | Set-GwStage -MethodPath 'get /pets/{petId}' -ThrottlingRateLimit 5 -ThrottlingBurstLimit 2 | Out-Null

        $setting = (Get-GwStage -RestApiId $deployment.RestApiId -StageName prod).MethodSettings
        $setting.Key | Should -BeExactly '~1pets~1{petId}/GET'
        $setting.MethodPath | Should -BeExactly 'GET /pets/{petId}'
        $setting.ThrottlingRateLimit | Should -Be 5
        $setting.ThrottlingBurstLimit | Should -Be 2
        (Get-RequestSince $marker | Where-Object Operation -EQ 'GetResources').Count | Should -Be 1
    }

    It 'sets and removes stage variables ($null removes one)' {
        $deployment = New-DeployedApi
        $deployment | Set-GwStage -Variable @{ backend = 'v1'; flag = 'on' } | Out-Null
        $deployment | Set-GwStage -Variable @{ backend = 'v2'; flag = $null } | Out-Null

        $variables = (Get-GwStage -RestApiId $deployment.RestApiId -StageName prod).Variables
        $variables['backend'] | Should -BeExactly 'v2'
        $variables.ContainsKey('flag') | Should -BeFalse
    }

    It 'sets an access log format and destination, and -RemoveAccessLog turns it off' {
        $deployment = New-DeployedApi
        $format = '$context.requestId $context.httpMethod $context.resourcePath $context.status'
        $arn = 'arn:aws:logs:us-east-1:123456789012:log-group:access'
        $deployment | Set-GwStage -AccessLogFormat $format -AccessLogDestinationArn $arn | Out-Null

        $read = Get-GwStage -RestApiId $deployment.RestApiId -StageName prod
        $read.AccessLogFormat | Should -BeExactly $format
        $read.AccessLogDestinationArn | Should -BeExactly $arn

        $deployment | Set-GwStage -RemoveAccessLog | Out-Null
        $read = Get-GwStage -RestApiId $deployment.RestApiId -StageName prod
        $read.AccessLogFormat | Should -BeNullOrEmpty
        $read.AccessLogDestinationArn | Should -BeNullOrEmpty
    }

    It 'binds from Get-GwStage and converges: the same settings again send nothing' {
        $deployment = New-DeployedApi
        $settings = @{ ThrottlingRateLimit = 10; ThrottlingBurstLimit = 5; CacheClusterEnabled = $true; Variable = @{ a = 'b' } }
        Get-GwStage -RestApiId $deployment.RestApiId -StageName prod | Set-GwStage @settings | Out-Null

        $marker = Get-LastRequestId
        $again = Get-GwStage -RestApiId $deployment.RestApiId -StageName prod | Set-GwStage @settings

        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
        $again.StageName | Should -BeExactly 'prod'
    }

    It 'shows the exact patch with -WhatIf and sends nothing' {
        $deployment = New-DeployedApi
        $marker = Get-LastRequestId
        $text = Get-WhatIfText { $deployment | Set-GwStage -MethodPath 'GET /pets' -CachingEnabled $true -WhatIf }

        $text | Should -BeLike "*UpdateStage PATCH /restapis/$($deployment.RestApiId)/stages/prod*"
        ($text -replace '\s*\r?\n\s*', '') | Should -BeLike '*{"op":"replace","path":"/~1pets/GET/caching/enabled","value":"true"}*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'warns that caching needs the stage''s cache cluster' {
        $deployment = New-DeployedApi
        $deployment | Set-GwStage -CachingEnabled $true -WarningVariable warnings -WarningAction SilentlyContinue | Out-Null

        $warnings | Should -HaveCount 1
        "$warnings" | Should -BeLike '*-CacheClusterEnabled $true*'
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a negative rate'; Arguments = @{ ThrottlingRateLimit = -1 }; ErrorId = 'InvalidThrottlingLimit' }
        @{ Case = 'an absurd burst'; Arguments = @{ ThrottlingBurstLimit = 2000000000 }; ErrorId = 'InvalidThrottlingLimit' }
        @{ Case = 'a cache size AWS does not offer'; Arguments = @{ CacheClusterSize = '2' }; ErrorId = 'InvalidCacheClusterSize' }
        @{ Case = 'a TTL over 3600'; Arguments = @{ CacheTtlInSeconds = 3601 }; ErrorId = 'InvalidCacheTtl' }
        @{ Case = 'an access log format without the request id'; Arguments = @{ AccessLogFormat = '$context.status' }; ErrorId = 'InvalidAccessLogFormat' }
        @{ Case = 'a destination that is not an ARN'; Arguments = @{ AccessLogDestinationArn = 'access-logs' }; ErrorId = 'InvalidAccessLogDestination' }
        @{ Case = 'a stage variable name AWS refuses'; Arguments = @{ Variable = @{ 'bad-name' = 'x' } }; ErrorId = 'InvalidStageVariable' }
        @{ Case = 'a method path without a setting'; Arguments = @{ MethodPath = 'GET /pets' }; ErrorId = 'MethodPathWithoutSetting' }
        @{ Case = 'a method path without a verb'; Arguments = @{ MethodPath = '/pets'; MetricsEnabled = $true }; ErrorId = 'InvalidMethodPath' }
    ) {
        $deployment = New-DeployedApi
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $deployment | Set-GwStage @Arguments }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.SetGwStageCommand"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }

    It 'refuses a logging level outside OFF, ERROR and INFO' {
        $deployment = New-DeployedApi
        { $deployment | Set-GwStage -LoggingLevel DEBUG } | Should -Throw -ErrorId 'ParameterArgumentValidationError,ApiGatewayTools.Commands.SetGwStageCommand'
    }

    It 'names a method the API does not have, and sends nothing' {
        $deployment = New-DeployedApi
        $marker = Get-LastRequestId
        $deployment | Set-GwStage -MethodPath 'POST /pets', 'GET /pets' -ThrottlingRateLimit 1 -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -BeExactly 'StageMethodNotFound,ApiGatewayTools.Commands.SetGwStageCommand'
        "$($failure[0])" | Should -BeLike '*no method POST /pets (its methods are GET /pets, GET /pets/{petId})*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Get-GwStage shows the settings' {
    It 'lists each method setting in the default view' {
        $deployment = New-DeployedApi
        $deployment | Set-GwStage -ThrottlingRateLimit 100 -ThrottlingBurstLimit 50 -Variable @{ backend = 'v2' } | Out-Null
        $deployment | Set-GwStage -MethodPath 'GET /pets' -CacheClusterEnabled $true -CachingEnabled $true -CacheTtlInSeconds 30 | Out-Null

        $text = Get-GwStage -RestApiId $deployment.RestApiId -StageName prod | Out-String -Width 80
        $text | Should -Match 'Variables:\s+backend=v2'
        $text | Should -Match 'Cache:\s+0\.5 GB cluster'
        $text | Should -Match '\* \*\s+throttle 100/s burst 50'
        $text | Should -Match 'GET /pets\s+.*cache 30 s'
    }

    It 'gives method settings a table of their own' {
        $deployment = New-DeployedApi
        $deployment | Set-GwStage -MethodPath 'GET /pets/{petId}' -ThrottlingRateLimit 5 -ThrottlingBurstLimit 2 -LoggingLevel ERROR | Out-Null

        $lines = (Get-GwStage -RestApiId $deployment.RestApiId -StageName prod | Select-Object -ExpandProperty MethodSettings | Out-String -Width 80) -split '\r?\n'
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^MethodPath\s+RateLimit\s+Burst\s+CacheTtl\s+Logging\s+Trace\s+Metrics$' })
        $lines | Where-Object { $_ -match '^GET /pets/\{petId\}\s+5\s+2\s+off ERROR\s+off\s+off$' } | Should -HaveCount 1
    }
}

Describe 'Remove-GwStage' {
    It 'removes a stage piped from Get-GwStage, naming its invoke URL' {
        $deployment = New-DeployedApi
        $text = Get-WhatIfText { Get-GwStage -RestApiId $deployment.RestApiId -StageName prod | Remove-GwStage -WhatIf }
        $text | Should -BeLike "*stage prod of REST API $($deployment.RestApiId)*$($deployment.InvokeUrl)*"

        Get-GwStage -RestApiId $deployment.RestApiId -StageName prod | Remove-GwStage -Confirm:$false

        Get-GwStage -RestApiId $deployment.RestApiId | Should -BeNullOrEmpty
        Get-GwDeployment -RestApiId $deployment.RestApiId | Should -Not -BeNullOrEmpty
    }

    It 'reports a stage that does not exist, before any prompt' {
        $deployment = New-DeployedApi
        Remove-GwStage -RestApiId $deployment.RestApiId -StageName nope -Confirm:$false -ErrorVariable failure -ErrorAction SilentlyContinue

        $failure[0].FullyQualifiedErrorId | Should -BeExactly 'NotFoundException,ApiGatewayTools.Commands.RemoveGwStageCommand'
    }
}

Describe 'Clear-GwStageCache' {
    It 'flushes the cache of a stage that has one' {
        $deployment = New-DeployedApi
        $deployment | Set-GwStage -CacheClusterEnabled $true | Out-Null
        $marker = Get-LastRequestId
        $deployment | Clear-GwStageCache

        Get-SentOperation $marker | Should -Be @("FlushStageCache DELETE /restapis/$($deployment.RestApiId)/stages/prod/cache/data")
    }

    It 'warns and sends nothing when the stage has no cache cluster' {
        $deployment = New-DeployedApi
        $marker = Get-LastRequestId
        $deployment | Clear-GwStageCache -WarningVariable warnings -WarningAction SilentlyContinue

        "$warnings" | Should -BeLike '*has no cache cluster*nothing was sent*'
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }
}

Describe 'Set-GwRestApi' {
    It 'sets an API''s settings from Get-GwRestApi, and running it again sends nothing' {
        $api = New-TestApi 'restapi-settings'
        $settings = @{
            Description = 'pets'; BinaryMediaType = 'image/png', '*/*'; MinimumCompressionSize = 1024
            ApiKeySource = 'AUTHORIZER'; DisableExecuteApiEndpoint = $true
        }
        $updated = Get-GwRestApi -Name $api.Name | Set-GwRestApi @settings

        $updated.Description | Should -BeExactly 'pets'
        $updated.BinaryMediaTypes | Should -Be @('image/png', '*/*')
        $updated.MinimumCompressionSize | Should -Be 1024
        $updated.ApiKeySource | Should -BeExactly 'AUTHORIZER'
        $updated.DisableExecuteApiEndpoint | Should -BeTrue

        $marker = Get-LastRequestId
        Get-GwRestApi -Name $api.Name | Set-GwRestApi @settings | Out-Null
        Get-ChangingRequestSince $marker | Should -BeNullOrEmpty
    }

    It 'renames an API, keeps only the media types listed, and turns compression off' {
        $api = New-TestApi 'restapi-settings'
        $api | Set-GwRestApi -BinaryMediaType 'image/png', 'image/jpeg' -MinimumCompressionSize 0 | Out-Null
        $newName = New-TestName 'renamed'
        $updated = $api | Set-GwRestApi -Name $newName -BinaryMediaType 'image/jpeg' -DisableCompression

        $updated.Name | Should -BeExactly $newName
        $updated.BinaryMediaTypes | Should -Be @('image/jpeg')
        $updated.MinimumCompressionSize | Should -BeNullOrEmpty
    }

    It 'refuses <Case> before sending anything' -ForEach @(
        @{ Case = 'a compression size over 10 MB'; Arguments = @{ MinimumCompressionSize = 10485761 }; ErrorId = 'InvalidMinimumCompressionSize' }
        @{ Case = 'a media type without a subtype'; Arguments = @{ BinaryMediaType = 'png' }; ErrorId = 'InvalidBinaryMediaType' }
        @{ Case = 'both a size and no compression'; Arguments = @{ MinimumCompressionSize = 1; DisableCompression = $true }; ErrorId = 'CompressionConflict' }
    ) {
        $api = New-TestApi 'restapi-settings'
        $marker = Get-LastRequestId
        $e = Get-TerminatingError { $api | Set-GwRestApi @Arguments }

        $e.FullyQualifiedErrorId | Should -BeExactly "$ErrorId,ApiGatewayTools.Commands.SetGwRestApiCommand"
        Get-RequestSince $marker | Should -BeNullOrEmpty
    }
}
