BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force
    . $PSScriptRoot/TestSupport.ps1
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'Start-GwLocalGateway' {
    BeforeEach {
        Stop-GwLocalGateway
    }

    It 'listens on a free loopback port and becomes the session''s endpoint' {
        $gateway = Start-GwLocalGateway

        $gateway.EndpointUrl | Should -Match '^http://127\.0\.0\.1:\d+$'
        $gateway.EndpointUrl | Should -BeExactly "http://127.0.0.1:$($gateway.Port)"
        $gateway.Region | Should -BeExactly 'us-east-1'
        $gateway.AccountId | Should -BeExactly '000000000000'
        (New-TestApi).Connection.ToString() | Should -BeLike "*127.0.0.1:$($gateway.Port)*"
    }

    It 'returns the running gateway with a warning when one already runs' {
        $first = Start-GwLocalGateway
        $second = Start-GwLocalGateway -WarningVariable warnings -WarningAction SilentlyContinue

        $second.EndpointUrl | Should -BeExactly $first.EndpointUrl
        $warnings.Count | Should -Be 1
        "$($warnings[0])" | Should -BeLike "*already running at*$($first.Port)*"
    }

    It 'starts nothing with -WhatIf' {
        $result = Start-GwLocalGateway -WhatIf
        $result | Should -BeNullOrEmpty
        Get-GwLocalGateway | Should -BeNullOrEmpty
    }

    It 'stops with LocalGatewayStartFailed when the port is taken' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        try {
            $port = $listener.LocalEndpoint.Port
            $e = Get-TerminatingError { Start-GwLocalGateway -Port $port }
            $e.FullyQualifiedErrorId | Should -BeExactly 'LocalGatewayStartFailed,ApiGatewayTools.Commands.StartGwLocalGatewayCommand'
            $e.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
            "$e" | Should -BeLike "Port $port on 127.0.0.1 is already in use*Choose another -Port, or omit -Port*"
            Get-GwLocalGateway | Should -BeNullOrEmpty
        }
        finally {
            $listener.Stop()
        }
    }
}

Describe 'Get-GwLocalGateway' {
    BeforeAll {
        Stop-GwLocalGateway
        $script:gateway = Start-GwLocalGateway
    }

    It 'shows the running gateway and the requests it served' {
        New-TestApi | Out-Null
        Wait-RequestLog
        $shown = Get-GwLocalGateway

        $shown.EndpointUrl | Should -BeExactly $gateway.EndpointUrl
        $create = $shown.RecentRequests | Where-Object Operation -EQ CreateRestApi | Select-Object -Last 1
        $create.Method | Should -BeExactly 'POST'
        $create.Path | Should -BeExactly '/restapis'
        $create.StatusCode | Should -Be 201
        $create.ElapsedMilliseconds | Should -BeGreaterOrEqual 0
    }

    It 'lists the registered functions' {
        $name = New-TestName 'fn'
        Register-GwLocalFunction -FunctionName $name -ScriptBlock { 'hi' } | Out-Null
        (Get-GwLocalGateway).Functions.FunctionName | Should -Contain $name
    }
}

Describe 'Register-GwLocalFunction' {
    BeforeAll {
        Start-TestGateway | Out-Null
    }

    It 'registers a function and returns its name and ARN' {
        $name = New-TestName 'fn'
        $function = Register-GwLocalFunction -FunctionName $name -ScriptBlock { param($Event, $Context) 'hi' } -Description 'says hi'

        $function.FunctionName | Should -BeExactly $name
        $function.FunctionArn | Should -BeExactly "arn:aws:lambda:us-east-1:000000000000:function:$name"
        $function.Description | Should -BeExactly 'says hi'
    }

    It 'binds FunctionName by property name' {
        $name = New-TestName 'fn'
        $function = [pscustomobject]@{ FunctionName = $name } | Register-GwLocalFunction -ScriptBlock { 'hi' }
        $function.FunctionName | Should -BeExactly $name
    }

    It 'registers nothing with -WhatIf' {
        $name = New-TestName 'fn'
        Register-GwLocalFunction -FunctionName $name -ScriptBlock { 'hi' } -WhatIf | Should -BeNullOrEmpty
        (Get-GwLocalGateway).Functions.FunctionName | Should -Not -Contain $name
    }

    It 'rejects a bad function name' {
        $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName 'bad name' -ScriptBlock { 'hi' } }
        $e.FullyQualifiedErrorId | Should -BeExactly 'InvalidFunctionName,ApiGatewayTools.Commands.RegisterGwLocalFunctionCommand'
        $e.CategoryInfo.Category | Should -Be 'InvalidArgument'
    }

    It 'stops with LocalGatewayNotRunning when no gateway runs' {
        Stop-GwLocalGateway
        try {
            $e = Get-TerminatingError { Register-GwLocalFunction -FunctionName (New-TestName 'fn') -ScriptBlock { 'hi' } }
            $e.FullyQualifiedErrorId | Should -BeExactly 'LocalGatewayNotRunning,ApiGatewayTools.Commands.RegisterGwLocalFunctionCommand'
            $e.CategoryInfo.Category | Should -Be 'InvalidOperation'
        }
        finally {
            Start-TestGateway | Out-Null
        }
    }
}

Describe 'Stop-GwLocalGateway' {
    It 'stops the gateway: Get-GwLocalGateway then returns nothing and the port is closed' {
        $gateway = Start-TestGateway
        Stop-GwLocalGateway

        Get-GwLocalGateway | Should -BeNullOrEmpty
        $client = [System.Net.Sockets.TcpClient]::new()
        try {
            { $client.Connect('127.0.0.1', $gateway.Port) } | Should -Throw
        }
        finally {
            $client.Dispose()
        }
    }

    It 'keeps the gateway running with -WhatIf' {
        $gateway = Start-TestGateway
        Stop-GwLocalGateway -WhatIf
        (Get-GwLocalGateway).EndpointUrl | Should -BeExactly $gateway.EndpointUrl
    }

    It 'does nothing when no gateway runs' {
        Stop-GwLocalGateway
        { Stop-GwLocalGateway -ErrorAction Stop } | Should -Not -Throw
        Get-GwLocalGateway | Should -BeNullOrEmpty
    }
}

Describe 'Re-importing the module' {
    AfterEach {
        Import-Module $env:GW_MODULE_PATH -Force
        Stop-GwLocalGateway
    }

    It 'keeps the running gateway as the session default across Import-Module -Force' {
        $gateway = Start-TestGateway

        Import-Module $env:GW_MODULE_PATH -Force

        (Get-GwLocalGateway).EndpointUrl | Should -BeExactly $gateway.EndpointUrl
        $marker = Get-LastRequestId
        $api = New-TestApi
        $api.Connection.ToString() | Should -BeLike "*127.0.0.1:$($gateway.Port)*"
        (Get-ChangingRequestSince $marker).Operation | Should -Contain 'CreateRestApi'
    }

    It 'keeps the gateway serving across Remove-Module, for the next import to find' {
        $gateway = Start-TestGateway
        $api = New-TestApi

        Remove-Module ApiGatewayTools
        Import-Module $env:GW_MODULE_PATH

        (Get-GwLocalGateway).EndpointUrl | Should -BeExactly $gateway.EndpointUrl
        (Get-GwRestApi -RestApiId $api.RestApiId).Name | Should -BeExactly $api.Name
    }
}
