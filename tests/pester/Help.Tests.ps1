# Help is part of the product: every exported cmdlet is documented (which also proves the MAML loads), and
# every example in that help runs as written against a fresh local gateway.

BeforeDiscovery {
    Import-Module $env:GW_MODULE_PATH -Force
    $module = Get-Module ApiGatewayTools
    $commonParameters = [System.Management.Automation.PSCmdlet]::CommonParameters
    $commandDocs = Join-Path $PSScriptRoot '../../docs/cmdlets'

    # The parameters described once for every cmdlet, as name -> text: each '### -Name' of the shared page's
    # PARAMETERS section, its lines joined as Get-Help shows them.
    $sharedText = [ordered]@{}
    $inParameters = $false
    $current = $null
    foreach ($line in Get-Content (Join-Path $commandDocs '_SharedParameters.md')) {
        if ($line -match '^## ') { $current = $null; $inParameters = $line -match '^## PARAMETERS' }
        elseif ($inParameters -and $line -match '^### -(\w+)') { $current = $Matches[1]; $sharedText[$current] = '' }
        elseif ($current -and $line.Trim()) { $sharedText[$current] = ($sharedText[$current] + ' ' + $line.Trim()).Trim() }
    }

    $script:cmdlets = foreach ($name in ($module.ExportedCmdlets.Keys | Sort-Object)) {
        $command = Get-Command $name -Module ApiGatewayTools
        $visible = $command.Parameters.Values | Where-Object {
            $_.Name -notin $commonParameters -and
            -not ($_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
        }
        $page = Get-Content -Raw (Join-Path $commandDocs "$name.md")
        # A page may describe a shared parameter its own way; every other shared parameter the cmdlet has must
        # show the shared text.
        $shared = @($sharedText.Keys | Where-Object { $_ -in $visible.Name })
        @{
            Name             = $name
            Parameters       = @($visible.Name | Sort-Object)
            # The page to point its readers at the shared page, if the cmdlet has any shared parameter.
            SharedPage       = @(if ($shared) { @{ Page = "$name.md" } })
            SharedParameters = @($shared | Where-Object { $page -notmatch "(?m)^### -$_\s*$" } |
                ForEach-Object { @{ Parameter = $_; Text = $sharedText[$_] } })
        }
    }

    $script:examples = foreach ($name in $module.ExportedCmdlets.Keys | Sort-Object) {
        $number = 0
        foreach ($example in (Get-Help $name).examples.example) {
            $number++
            $title = $example.title -replace '^-+\s*', '' -replace '\s*-+$', ''
            @{ Name = $name; Title = $title; Number = $number; Code = [string]$example.code }
        }
    }
}

BeforeAll {
    Import-Module $env:GW_MODULE_PATH -Force

    function Get-HelpText($Value) {
        # Get-Help gives descriptions as arrays of objects with a Text property.
        (@($Value) | ForEach-Object { if ($_ -is [string]) { $_ } else { $_.Text } }) -join "`n"
    }
}

AfterAll {
    Stop-GwLocalGateway
}

Describe 'Help for <Name>' -ForEach $script:cmdlets {
    BeforeAll {
        $help = Get-Help $Name -Full
    }

    It 'comes from the module''s MAML file' {
        # Without MAML, Get-Help makes up a help object whose synopsis is the syntax line.
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match '\[<CommonParameters>\]'
    }

    It 'has a description' {
        Get-HelpText $help.description | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'has syntax for every parameter set' {
        @($help.syntax.syntaxItem).Count | Should -Be @((Get-Command $Name).ParameterSets).Count
    }

    It 'describes -<_>' -ForEach $Parameters -AllowNullOrEmptyForEach {
        $parameter = $help.parameters.parameter | Where-Object Name -EQ $_
        $parameter | Should -Not -BeNullOrEmpty -Because "-$_ must appear in the help of $Name"
        Get-HelpText $parameter.description | Should -Not -BeNullOrEmpty -Because "-$_ of $Name needs a description"
    }

    It 'shows the shared description of -<Parameter>' -ForEach $SharedParameters -AllowNullOrEmptyForEach {
        $parameter = $help.parameters.parameter | Where-Object Name -EQ $Parameter
        (Get-HelpText $parameter.description) -replace '\s+', ' ' | Should -BeExactly $Text -Because "_SharedParameters.md describes -$Parameter for every cmdlet that has it"
    }

    It 'points the readers of <Page> at the shared parameters' -ForEach $SharedPage -AllowNullOrEmptyForEach {
        Get-Content -Raw "$PSScriptRoot/../../docs/cmdlets/$Page" | Should -Match '\]\(_SharedParameters\.md\)'
    }

    It 'has related links, each with a text' {
        $links = @($help.relatedLinks.navigationLink)
        $links.Count | Should -BeGreaterThan 0
        $links | ForEach-Object { $_.linkText | Should -Not -BeNullOrEmpty }
    }
}

Describe 'Example <Number> of <Name>: <Title>' -ForEach $script:examples {
    BeforeAll {
        Stop-GwLocalGateway
        # An example whose first cmdlet of the module is Start-GwLocalGateway starts its own gateway; every
        # other example gets a fresh, empty one.
        $firstCmdlet = [regex]::Match($Code, '\b[A-Z][a-z]+-Gw[A-Za-z]+\b').Value
        if ($firstCmdlet -ne 'Start-GwLocalGateway') {
            Start-GwLocalGateway | Out-Null
        }
    }

    AfterAll {
        Stop-GwLocalGateway
    }

    It 'runs as written' {
        $example = [scriptblock]::Create($Code)
        # Examples that write or read files (./petstore.json) do so in a folder of their own, not in the clone.
        $folder = New-Item -ItemType Directory -Path (Join-Path $TestDrive "$Name-$Number")
        Push-Location $folder
        try {
            {
                $ErrorActionPreference = 'Stop'
                $PSDefaultParameterValues = @{ '*:ErrorAction' = 'Stop' }
                & $example 3>$null 4>$null 5>$null 6>$null | Out-Null
            } | Should -Not -Throw
        }
        finally {
            Pop-Location
        }
    }
}

Describe 'about_ApiGatewayTools' {
    It 'is found by Get-Help and explains the model' {
        $about = Get-Help about_ApiGatewayTools | Out-String
        $about | Should -Match 'about_ApiGatewayTools'
        $about | Should -Match 'Publish-GwDeployment'
        $about | Should -Match 'Start-GwLocalGateway'
    }
}
