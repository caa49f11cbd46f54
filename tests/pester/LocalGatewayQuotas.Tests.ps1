BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1

    # The same gateway, named explicitly: a connection the session did not make, so nothing tells it to pace itself.
    function Get-UnpacedTarget {
        $gateway = Get-GwLocalGateway
        $keys = [pscredential]::new($gateway.AccessKey, (ConvertTo-SecureString 'test' -AsPlainText -Force))
        @{ EndpointUrl = $gateway.EndpointUrl; Credential = $keys; Region = $gateway.Region }
    }
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'Start-GwLocalGateway -EmulateQuotas' {
    BeforeEach {
        Stop-GwLocalGateway
        Start-GwLocalGateway -EmulateQuotas | Out-Null
    }

    It 'says so in Get-GwLocalGateway' {
        $gateway = Get-GwLocalGateway

        $gateway.EmulatesQuotas | Should -BeTrue
        $gateway.QuotaRefusals | Should -Be 0
        ($gateway | Format-List | Out-String) | Should -Match "AWS's control-plane quotas enforced; 0 calls refused"
    }

    It 'refuses a client that does not pace itself with AWS''s TooManyRequestsException, reported as LimitsExceeded' {
        $target = Get-UnpacedTarget
        New-GwRestApi -Name (New-TestName quota) @target | Out-Null

        $e = Get-TerminatingError { New-GwRestApi -Name (New-TestName quota) @target -MaxRetry 0 -ErrorAction Stop }

        $e.FullyQualifiedErrorId | Should -BeLike 'TooManyRequestsException*'
        $e.CategoryInfo.Category | Should -Be 'LimitsExceeded'
        (Get-GwLocalGateway).QuotaRefusals | Should -Be 1
        Wait-RequestLog
        ((Get-GwLocalGateway).RecentRequests | Where-Object Operation -eq 'CreateRestApi').StatusCode | Should -Be 201, 429
    }

    It 'retries a 429 after its Retry-After, within the retry budget' {
        $target = Get-UnpacedTarget
        New-GwRestApi -Name (New-TestName quota) @target | Out-Null

        $verbose = New-GwRestApi -Name (New-TestName quota) @target -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        "$verbose" | Should -Match 'CreateRestApi: TooManyRequestsException; retrying in 3\.0 s \(attempt 2\)'
        (Get-GwLocalGateway).QuotaRefusals | Should -Be 1
    }

    It 'is paced to by the session''s cmdlets: no 429, and -Verbose shows the wait' {
        New-GwRestApi -Name (New-TestName paced) | Out-Null

        $verbose = New-GwRestApi -Name (New-TestName paced) -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        "$verbose" | Should -Match "CreateRestApi: held [\d.]+ s to stay within API Gateway's per-account quota"
        (Get-GwLocalGateway).QuotaRefusals | Should -Be 0
    }

    It 'is paced to across the runspaces of ForEach-Object -Parallel: a parallel build sees no 429' {
        $apis = 1..3 | ForEach-Object { New-GwRestApi -Name (New-TestName parallel) }

        $apis | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:env:GW_MODULE_PATH
            $api = $_
            foreach ($n in 1..6) {
                $api | Add-GwResource -Path "/group$n/{id}" | Out-Null
            }
        }

        (Get-GwLocalGateway).QuotaRefusals | Should -Be 0
        foreach ($api in $apis) {
            @(Get-GwResource -RestApiId $api.RestApiId).Count | Should -Be 13
        }
        Wait-RequestLog
        $creates = @((Get-GwLocalGateway).RecentRequests | Where-Object Operation -eq 'CreateResource')
        $creates.Count | Should -Be 36
        $creates.StatusCode | Sort-Object -Unique | Should -Be 201
    }
}

Describe 'Start-GwLocalGateway without -EmulateQuotas' {
    It 'refuses nothing and the session does not pace' {
        Stop-GwLocalGateway
        Start-GwLocalGateway | Out-Null

        $verbose = 1..2 | ForEach-Object { New-GwRestApi -Name (New-TestName unpaced) -Verbose 4>&1 } | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }

        "$verbose" | Should -Not -Match 'per-account quota'
        (Get-GwLocalGateway).EmulatesQuotas | Should -BeFalse
    }
}
