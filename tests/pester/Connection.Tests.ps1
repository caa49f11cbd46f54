BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1

    # Nothing listens on port 9 (discard), so no request could reach AWS or anything else.
    $script:nowhere = 'http://127.0.0.1:9'
}

Describe 'Connection errors, before any request' {
    BeforeAll {
        Stop-GwLocalGateway
        $script:savedEnvironment = Get-ChildItem env: | Where-Object Name -Like 'AWS_*' | ForEach-Object { [pscustomobject]@{ Name = $_.Name; Value = $_.Value } }
        $script:emptyConfig = New-TemporaryFile
        $script:emptyCredentials = New-TemporaryFile
        $savedEnvironment | ForEach-Object { Remove-Item "env:$($_.Name)" }
        $env:AWS_CONFIG_FILE = $emptyConfig.FullName
        $env:AWS_SHARED_CREDENTIALS_FILE = $emptyCredentials.FullName
        # Keeps the SDK's last resort, the EC2 instance metadata service, from being asked.
        $env:AWS_EC2_METADATA_DISABLED = 'true'
        $script:credential = [pscredential]::new('AKIDEXAMPLE', (ConvertTo-SecureString 'not-a-real-secret' -AsPlainText -Force))
    }

    AfterAll {
        Get-ChildItem env: | Where-Object Name -Like 'AWS_*' | ForEach-Object { Remove-Item "env:$($_.Name)" }
        $savedEnvironment | ForEach-Object { Set-Item "env:$($_.Name)" $_.Value }
        Remove-Item $emptyConfig, $emptyCredentials -ErrorAction SilentlyContinue
    }

    # Without -EndpointUrl the target would be AWS itself: these errors must come before any request.
    It 'stops with NoRegion when no region is configured' {
        $e = Get-TerminatingError { New-GwRestApi -Name (New-TestName) -Credential $credential }
        $e.FullyQualifiedErrorId | Should -BeExactly 'NoRegion,ApiGatewayTools.Commands.NewGwRestApiCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'stops with NoCredentials when no credentials are configured' {
        $e = Get-TerminatingError { Get-GwRestApi -Region us-east-1 }
        $e.FullyQualifiedErrorId | Should -BeExactly 'NoCredentials,ApiGatewayTools.Commands.GetGwRestApiCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
    }

    It 'stops with ProfileNotFound for a profile the files do not have' {
        $e = Get-TerminatingError { Get-GwStage -RestApiId abc -ProfileName nosuchprofile -EndpointUrl $nowhere -Region us-east-1 }
        $e.FullyQualifiedErrorId | Should -BeExactly 'ProfileNotFound,ApiGatewayTools.Commands.GetGwStageCommand'
    }

    It 'stops with InvalidEndpointUrl for an endpoint that is not an http(s) URL' {
        $e = Get-TerminatingError { Get-GwRestApi -EndpointUrl 'ftp://127.0.0.1:9' -Region us-east-1 -Credential $credential }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidEndpointUrl,ApiGatewayTools.Commands.GetGwRestApiCommand'
    }

    It 'signs with throw-away keys in us-east-1 for an endpoint on this machine when nothing is configured' {
        $gateway = Start-TestGateway
        try {
            $name = New-TestName
            $api = New-GwRestApi -Name $name -EndpointUrl $gateway.EndpointUrl
            $api.Connection.Region | Should -BeExactly 'us-east-1'
            (Get-GwRestApi -Name $name -EndpointUrl $gateway.EndpointUrl).RestApiId | Should -BeExactly $api.RestApiId
        }
        finally {
            Stop-GwLocalGateway
        }
    }

    It 'reads the region from AWS_REGION' {
        $env:AWS_REGION = 'eu-west-1'
        try {
            # The region resolves, so the command gets as far as the (closed) endpoint.
            $e = Get-TerminatingError { Get-GwRestApi -EndpointUrl $nowhere -Credential $credential -ErrorAction Stop }
            $e.FullyQualifiedErrorId | Should -Not -BeLike 'NoRegion,*'
        }
        finally {
            Remove-Item env:AWS_REGION
        }
    }
}

Describe 'Requests shown by -Verbose' {
    BeforeAll {
        $script:gateway = Start-TestGateway
    }

    It 'shows each request with operation, method, path, status and time' {
        $name = New-TestName
        $output = New-GwRestApi -Name $name -Verbose 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message

        @($verbose -match '^GetRestApis GET /restapis -> 200 in \d+ ms$').Count | Should -BeGreaterOrEqual 1
        @($verbose -match '^CreateRestApi POST /restapis -> 201 in \d+ ms$').Count | Should -Be 1
    }

    It 'shows a failed request with its status and error code' {
        $output = Get-GwRestApi -RestApiId nosuchapi1 -Verbose -ErrorAction SilentlyContinue 4>&1
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message
        @($verbose -match '^GetRestApi GET /restapis/nosuchapi1 -> 404 NotFoundException in \d+ ms$').Count | Should -Be 1
    }

    It 'never shows the secret key or the Authorization header' {
        $secret = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYSECRET'
        $credential = [pscredential]::new('AKIDPESTERVERBOSE', (ConvertTo-SecureString $secret -AsPlainText -Force))
        $common = @{ EndpointUrl = $gateway.EndpointUrl; Region = 'us-east-1'; Credential = $credential; Verbose = $true }
        $output = & {
            $api = New-GwRestApi -Name (New-TestName) @common
            $api | Add-GwResource -Path /pets @common | Add-GwMethod -HttpMethod GET @common |
                Set-GwHttpIntegration -Uri http://example.com/pets @common
            $api | Publish-GwDeployment -StageName prod @common
        } 4>&1
        $text = ($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }).Message -join "`n"

        $text | Should -Match 'CreateRestApi POST /restapis -> 201'
        $text | Should -Match 'CreateDeployment POST'
        $text | Should -Not -Match ([regex]::Escape($secret))
        $text | Should -Not -CMatch 'Authorization' # the header; the body's authorizationType is fine
        $text | Should -Not -Match 'AWS4-HMAC-SHA256'
        $text | Should -Not -Match 'Signature='
    }
}
