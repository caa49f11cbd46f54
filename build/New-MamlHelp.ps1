<#
.SYNOPSIS
    Compiles the cmdlet help markdown (docs/cmdlets/*.md) into one MAML file and copies the about_ topics.
.DESCRIPTION
    The markdown format is described in docs/cmdlets/README.md. Prose (synopsis, description, examples,
    parameter descriptions, inputs, outputs, notes, links) comes from the markdown; everything the code
    already knows (parameter sets, types, mandatory, position, pipeline input, aliases, wildcards) comes from
    the built module's cmdlet metadata, so the two cannot drift apart.

    Parameters that mean the same wherever they appear (-ProfileName, -Region, -EndpointUrl, -Credential,
    -WhatIf, -Confirm) are described once, in docs/cmdlets/_SharedParameters.md; each cmdlet that has one
    gets that description in its help unless its own page describes the parameter.

    The module is imported from -ModulePath, which defaults to the folder above -OutputDirectory (the
    layout build.ps1 produces: out/ApiGatewayTools/en-US). A documented parameter the cmdlet lacks, or a
    parameter left undocumented, is reported as a warning; tests/pester/Help.Tests.ps1 turns gaps into
    failures.
.EXAMPLE
    ./build/New-MamlHelp.ps1 -CommandDocs docs/cmdlets -AboutDocs docs/about -OutputDirectory out/ApiGatewayTools/en-US
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $CommandDocs,
    [Parameter(Mandatory)] [string] $AboutDocs,
    [Parameter(Mandatory)] [string] $OutputDirectory,
    # The built module (folder or manifest) whose cmdlets the markdown documents.
    [string] $ModulePath
)
$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$MamlNamespaces = [ordered]@{
    ''        = 'http://msh'
    'maml'    = 'http://schemas.microsoft.com/maml/2004/10'
    'command' = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    'dev'     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

# Parameters that mean the same on every cmdlet that has them (the session parameters, -WhatIf, -Confirm) are
# described once, in this file next to the cmdlet pages; a cmdlet's own page may still describe one its own way.
$SharedParametersFile = '_SharedParameters.md'

#region Markdown

# A markdown help file as an ordered map of '## ' sections; each section keeps its lines.
function Split-Sections([string[]] $Lines) {
    $sections = [ordered]@{}
    $current = $null
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^## (.+?)\s*$') {
            $current = $Matches[1].ToUpperInvariant()
            $sections[$current] = [System.Collections.Generic.List[string]]::new()
        }
        elseif ($null -ne $current) { $sections[$current].Add($line) }
    }
    $sections
}

# '### ' subsections of a section, in order: @{ Title; Lines }.
function Split-Subsections([string[]] $Lines) {
    $items = [System.Collections.Generic.List[object]]::new()
    $inFence = $false
    foreach ($line in $Lines) {
        if ($line -match '^```') { $inFence = -not $inFence }
        if (-not $inFence -and $line -match '^### (.+?)\s*$') {
            $items.Add([pscustomobject]@{ Title = $Matches[1]; Lines = [System.Collections.Generic.List[string]]::new() })
        }
        elseif ($items.Count -gt 0) { $items[-1].Lines.Add($line) }
    }
    , $items
}

# Plain text for help: inline code and emphasis markers dropped, [text](link) reduced to text.
function ConvertTo-PlainText([string] $Text) {
    $Text = $Text -replace '\[([^\]]+)\]\([^)]*\)', '$1'
    $Text = $Text -replace '(?<!`)`([^`]+)`(?!`)', '$1'
    $Text -replace '\*\*([^*]+)\*\*', '$1' -replace '(?<![\w*])\*([^*\s][^*]*)\*(?![\w*])', '$1'
}

# Paragraphs separated by blank lines; each list item ("- ") is a paragraph of its own.
function Get-Paragraphs([string[]] $Lines) {
    $paragraphs = [System.Collections.Generic.List[string]]::new()
    $buffer = [System.Collections.Generic.List[string]]::new()
    $flush = { if ($buffer.Count) { $paragraphs.Add((ConvertTo-PlainText ($buffer -join ' '))); $buffer.Clear() } }
    foreach ($line in $Lines) {
        $trimmed = $line.Trim()
        if ($trimmed -eq '') { & $flush; continue }
        if ($trimmed -match '^[-*] ') { & $flush }
        $buffer.Add($trimmed)
    }
    & $flush
    , $paragraphs
}

# The '### -Name' subsections of a page's PARAMETERS section: name -> paragraphs, in the page's order.
function Read-ParameterSection($Sections) {
    $parameters = [ordered]@{}
    if ($Sections.Contains('PARAMETERS')) {
        foreach ($parameter in (Split-Subsections ([string[]]$Sections['PARAMETERS']))) {
            $parameters[$parameter.Title.TrimStart('-').Trim()] = Get-Paragraphs $parameter.Lines
        }
    }
    $parameters
}

function Read-CommandDoc([System.IO.FileInfo] $File) {
    $lines = Get-Content -LiteralPath $File.FullName
    $title = $lines | Where-Object { $_ -match '^# \S' } | Select-Object -First 1
    if (-not $title) { throw "$($File.Name): the first heading must be '# Verb-Noun'." }
    $name = $title.Substring(2).Trim()
    $sections = Split-Sections $lines
    $section = { param($key) if ($sections.Contains($key)) { [string[]]$sections[$key] } else { [string[]]@() } }

    $examples = foreach ($example in (Split-Subsections (& $section 'EXAMPLES'))) {
        $code = [System.Collections.Generic.List[string]]::new()
        $remarks = [System.Collections.Generic.List[string]]::new()
        $state = 'before'
        foreach ($line in $example.Lines) {
            switch ($state) {
                'before' { if ($line -match '^```') { $state = 'code' } }
                'code' { if ($line -match '^```') { $state = 'after' } else { $code.Add($line) } }
                'after' { $remarks.Add($line) }
            }
        }
        if ($code.Count -eq 0) { throw "$($File.Name): example '$($example.Title)' has no ``````powershell block." }
        [pscustomobject]@{ Title = $example.Title; Code = ($code -join "`n").Trim(); Remarks = Get-Paragraphs $remarks }
    }

    $parameters = Read-ParameterSection $sections
    $typed = {
        param($key)
        foreach ($item in (Split-Subsections (& $section $key))) {
            [pscustomobject]@{ TypeName = $item.Title; Description = Get-Paragraphs $item.Lines }
        }
    }
    $links = foreach ($line in (& $section 'RELATED LINKS')) {
        if ($line -match '^\s*[-*]\s*\[([^\]]+)\]\(([^)]*)\)') {
            $text, $target = $Matches[1], $Matches[2]
            # Links to sibling markdown files become plain names; web links keep their URL (Get-Help -Online).
            [pscustomobject]@{ Text = $text; Uri = $(if ($target -match '^https?://') { $target } else { '' }) }
        }
    }
    [pscustomobject]@{
        Name        = $name
        File        = $File.Name
        Synopsis    = (Get-Paragraphs (& $section 'SYNOPSIS')) -join ' '
        Description = Get-Paragraphs (& $section 'DESCRIPTION')
        Examples    = @($examples)
        Parameters  = $parameters
        Inputs      = @(& $typed 'INPUTS')
        Outputs     = @(& $typed 'OUTPUTS')
        Notes       = Get-Paragraphs (& $section 'NOTES')
        Links       = @($links)
    }
}

#endregion

#region Cmdlet metadata

$CommonParameters = [System.Collections.Generic.HashSet[string]]::new(
    [string[]]([System.Management.Automation.PSCmdlet]::CommonParameters), [StringComparer]::OrdinalIgnoreCase)

function Test-Hidden([System.Management.Automation.CommandParameterInfo] $Parameter) {
    $CommonParameters.Contains($Parameter.Name) -or
    [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow })
}

function Get-FriendlyTypeName([type] $Type) {
    $underlying = [Nullable]::GetUnderlyingType($Type)
    if ($underlying) { $Type = $underlying }
    switch ($Type) {
        ([string]) { return 'String' }
        ([int]) { return 'Int32' }
        ([switch]) { return 'SwitchParameter' }
    }
    $Type.Name
}

function Get-PipelineInput([System.Management.Automation.CommandParameterInfo] $Parameter) {
    $kinds = @(
        if ($Parameter.ValueFromPipeline) { 'ByValue' }
        if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
    )
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

#endregion

#region MAML

$script:Writer = $null

function Write-Element([string] $Prefix, [string] $Name, [string] $Text, [hashtable] $Attributes = @{}) {
    $script:Writer.WriteStartElement($Prefix, $Name, $MamlNamespaces[$Prefix])
    foreach ($key in $Attributes.Keys | Sort-Object) { $script:Writer.WriteAttributeString($key, [string]$Attributes[$key]) }
    if ($PSBoundParameters.ContainsKey('Text')) { $script:Writer.WriteString($Text) }
    $script:Writer.WriteEndElement()
}

function Start-Element([string] $Prefix, [string] $Name, [hashtable] $Attributes = @{}) {
    $script:Writer.WriteStartElement($Prefix, $Name, $MamlNamespaces[$Prefix])
    foreach ($key in $Attributes.Keys | Sort-Object) { $script:Writer.WriteAttributeString($key, [string]$Attributes[$key]) }
}

function Stop-Element { $script:Writer.WriteEndElement() }

function Write-Description([string[]] $Paragraphs, [string] $Prefix = 'maml') {
    Start-Element $Prefix 'description'
    foreach ($paragraph in $Paragraphs) { Write-Element 'maml' 'para' $paragraph }
    Stop-Element
}

function Write-ParameterElement([System.Management.Automation.CommandParameterInfo] $Parameter, [string[]] $Description, [bool] $WithDescription) {
    $isSwitch = $Parameter.ParameterType -eq [switch]
    $aliases = if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }
    $globbing = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
    Start-Element 'command' 'parameter' @{
        required      = $Parameter.IsMandatory.ToString().ToLowerInvariant()
        variableLength = 'true'
        globbing      = $globbing.ToString().ToLowerInvariant()
        pipelineInput = Get-PipelineInput $Parameter
        position      = if ($Parameter.Position -ge 0) { [string]$Parameter.Position } else { 'named' }
        aliases       = $aliases
    }
    Write-Element 'maml' 'name' $Parameter.Name
    if ($WithDescription) { Write-Description $Description }
    # A fixed set of values shows in the syntax as {A | B | C}.
    $validateSet = $Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateSetAttribute] } | Select-Object -First 1
    if ($validateSet) {
        Start-Element 'command' 'parameterValueGroup'
        foreach ($value in $validateSet.ValidValues) { Write-Element 'command' 'parameterValue' $value @{ required = 'false'; variableLength = 'false' } }
        Stop-Element
    }
    $typeName = Get-FriendlyTypeName $Parameter.ParameterType
    if (-not $isSwitch -or $WithDescription) {
        Write-Element 'command' 'parameterValue' $typeName @{ required = (-not $isSwitch).ToString().ToLowerInvariant(); variableLength = 'false' }
    }
    if ($WithDescription) {
        Start-Element 'dev' 'type'
        Write-Element 'maml' 'name' $Parameter.ParameterType.FullName
        Stop-Element
    }
    Stop-Element
}

function Write-TypeList([string] $Container, [string] $Item, [object[]] $Types) {
    Start-Element 'command' $Container
    foreach ($type in $Types) {
        Start-Element 'command' $Item
        Start-Element 'dev' 'type'
        Write-Element 'maml' 'name' $type.TypeName
        Stop-Element
        Write-Description $type.Description
        Stop-Element
    }
    Stop-Element
}

function Write-Command($Doc, [System.Management.Automation.CmdletInfo] $Cmdlet) {
    $verb, $noun = $Doc.Name -split '-', 2
    Start-Element 'command' 'command'
    Start-Element 'command' 'details'
    Write-Element 'command' 'name' $Doc.Name
    Write-Element 'command' 'verb' $verb
    Write-Element 'command' 'noun' $noun
    Write-Description @($Doc.Synopsis)
    Stop-Element
    Write-Description $Doc.Description

    $describe = {
        param($name)
        if ($Doc.Parameters.Contains($name)) { [string[]]$Doc.Parameters[$name] }
        elseif ($SharedParameters.Contains($name)) { [string[]]$SharedParameters[$name] }
        else { [string[]]@() }
    }

    if ($Cmdlet) {
        Start-Element 'command' 'syntax'
        # The default set first, as Get-Command -Syntax lists it.
        $sets = $Cmdlet.ParameterSets | Sort-Object { -not $_.IsDefault }
        foreach ($set in $sets) {
            Start-Element 'command' 'syntaxItem'
            Write-Element 'maml' 'name' $Doc.Name
            $visible = $set.Parameters | Where-Object { -not (Test-Hidden $_) } |
                Sort-Object { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } }, { -not $_.IsMandatory }
            foreach ($parameter in $visible) { Write-ParameterElement $parameter (& $describe $parameter.Name) $false }
            Stop-Element
        }
        Stop-Element

        Start-Element 'command' 'parameters'
        $seen = [System.Collections.Generic.HashSet[string]]::new()
        $all = @(foreach ($set in $sets) { $set.Parameters | Where-Object { -not (Test-Hidden $_) } })
        # One entry per parameter: the page's own in its order, then the shared ones, then any nobody described.
        $order = @($Doc.Parameters.Keys) + @($SharedParameters.Keys) + @($all | ForEach-Object Name)
        foreach ($name in $order) {
            if (-not $seen.Add($name)) { continue }
            $parameter = $all | Where-Object Name -eq $name | Sort-Object IsMandatory -Descending | Select-Object -First 1
            if ($parameter) { Write-ParameterElement $parameter (& $describe $name) $true }
        }
        Stop-Element
    }

    Write-TypeList 'inputTypes' 'inputType' $Doc.Inputs
    Write-TypeList 'returnValues' 'returnValue' $Doc.Outputs

    Start-Element 'maml' 'alertSet'
    Start-Element 'maml' 'alert'
    foreach ($paragraph in $Doc.Notes) { Write-Element 'maml' 'para' $paragraph }
    Stop-Element
    Stop-Element

    Start-Element 'command' 'examples'
    $number = 0
    foreach ($example in $Doc.Examples) {
        $number++
        $title = $example.Title -replace '^Example\s+\d+\s*[:.-]?\s*', ''
        Start-Element 'command' 'example'
        Write-Element 'maml' 'title' ("-------------------------- Example {0}: {1} --------------------------" -f $number, $title)
        Write-Element 'dev' 'code' $example.Code
        Start-Element 'dev' 'remarks'
        foreach ($paragraph in $example.Remarks) { Write-Element 'maml' 'para' $paragraph }
        Stop-Element
        Stop-Element
    }
    Stop-Element

    Start-Element 'command' 'relatedLinks'
    foreach ($link in $Doc.Links) {
        Start-Element 'maml' 'navigationLink'
        Write-Element 'maml' 'linkText' $link.Text
        Write-Element 'maml' 'uri' $link.Uri
        Stop-Element
    }
    Stop-Element

    Stop-Element
}

#endregion

function Test-Coverage($Docs, [hashtable] $Cmdlets) {
    foreach ($name in $Cmdlets.Keys | Where-Object { $_ -notin $Docs.Name } | Sort-Object) {
        Write-Warning "$name has no help: add docs/cmdlets/$name.md."
    }
    $everyParameter = @($Cmdlets.Values.ParameterSets.Parameters | Where-Object { -not (Test-Hidden $_) } | Select-Object -ExpandProperty Name -Unique)
    foreach ($name in $SharedParameters.Keys | Where-Object { $_ -notin $everyParameter }) {
        Write-Warning "$SharedParametersFile describes -$name, which no cmdlet of the module has."
    }
    foreach ($doc in $Docs) {
        $cmdlet = $Cmdlets[$doc.Name]
        if (-not $cmdlet) { Write-Warning "$($doc.File) documents $($doc.Name), which the module does not export."; continue }
        $visible = @($cmdlet.ParameterSets.Parameters | Where-Object { -not (Test-Hidden $_) } | Select-Object -ExpandProperty Name -Unique)
        foreach ($name in $doc.Parameters.Keys) {
            if ($name -notin $visible) { Write-Warning "$($doc.File) describes -$name, which $($doc.Name) does not have." }
        }
        foreach ($name in $visible) {
            if (-not $doc.Parameters.Contains($name) -and -not $SharedParameters.Contains($name)) { Write-Warning "$($doc.File) does not describe -$name." }
        }
        foreach ($name in $doc.Parameters.Keys | Where-Object { $SharedParameters.Contains($_) }) {
            if (($doc.Parameters[$name] -join "`n") -ceq ($SharedParameters[$name] -join "`n")) {
                Write-Warning "$($doc.File) repeats the shared text of -${name}: remove it, $SharedParametersFile already gives it."
            }
        }
    }
}

function Write-MamlFile([string] $Path, $Docs, [hashtable] $Cmdlets) {
    $settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
    $script:Writer = [System.Xml.XmlWriter]::Create($Path, $settings)
    try {
        $script:Writer.WriteStartDocument()
        $script:Writer.WriteStartElement('helpItems', $MamlNamespaces[''])
        $script:Writer.WriteAttributeString('schema', 'maml')
        foreach ($prefix in 'maml', 'command', 'dev') { $script:Writer.WriteAttributeString('xmlns', $prefix, $null, $MamlNamespaces[$prefix]) }
        foreach ($doc in $Docs) { Write-Command $doc $Cmdlets[$doc.Name] }
        $script:Writer.WriteEndElement()
        $script:Writer.WriteEndDocument()
    }
    finally {
        $script:Writer.Dispose()
    }
}

$docs = @(Get-ChildItem -LiteralPath $CommandDocs -Filter '*-*.md' | Sort-Object Name | ForEach-Object { Read-CommandDoc $_ })
$sharedPath = Join-Path $CommandDocs $SharedParametersFile
if (-not (Test-Path -LiteralPath $sharedPath)) { throw "$sharedPath is missing: it describes the parameters every cmdlet shares." }
$SharedParameters = Read-ParameterSection (Split-Sections (Get-Content -LiteralPath $sharedPath))
New-Item -ItemType Directory -Force $OutputDirectory | Out-Null
$target = Join-Path $OutputDirectory 'ApiGatewayTools.dll-Help.xml'

if (-not $ModulePath) {
    $candidate = Split-Path -Parent ([System.IO.Path]::GetFullPath($OutputDirectory))
    if (Get-ChildItem -LiteralPath $candidate -Filter '*.psd1' -ErrorAction SilentlyContinue) { $ModulePath = $candidate }
}
if ($ModulePath) {
    # Imported only while the metadata is read, so the calling session is left as it was.
    $module = Import-Module $ModulePath -PassThru -Force -Verbose:$false -WarningAction SilentlyContinue
    try {
        $cmdlets = @{}
        foreach ($command in $module.ExportedCmdlets.Values) { $cmdlets[$command.Name] = $command }
        Test-Coverage $docs $cmdlets
        Write-MamlFile $target $docs $cmdlets
    }
    finally {
        Remove-Module $module -Force -Verbose:$false
    }
}
else {
    Write-Warning 'No built module next to the output folder and no -ModulePath: the help has no syntax and no parameters.'
    Write-MamlFile $target $docs @{}
}

Get-ChildItem -LiteralPath $AboutDocs -Filter 'about_*.help.txt' | Copy-Item -Destination $OutputDirectory
Write-Verbose "Wrote $target ($($docs.Count) commands)."
