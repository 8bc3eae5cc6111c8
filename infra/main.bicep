// SEND Assistant: everything the service needs in one resource group.
//
//   az deployment group create \
//     --resource-group <rg> \
//     --template-file infra/main.bicep \
//     --parameters infra/parameters/prod.parameters.json
//
// Order of work (Bicep works it out from the references below):
//   monitoring -> key vault, cosmos -> app service (identity, no settings yet)
//   -> access (Key Vault Secrets User, Cosmos DB Built-in Data Contributor)
//   -> content safety, when enableContentSafety (account + Cognitive Services User)
//   -> bot -> app settings (Key Vault references resolve because access exists) -> alerts
//
// No secret has a value in a parameter file. The three secrets live in Key Vault; the optional
// @secure() parameters below only let a pipeline seed them on first deployment.
// See docs/operations.md for deployment, rotation and restore.

targetScope = 'resourceGroup'

// ---------------------------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------------------------

@description('Environment name; part of every resource name and a tag.')
@allowed([
  'dev'
  'prod'
])
param environmentName string

@description('Short lower-case prefix for resource names, e.g. "sendasst". 3 to 10 letters or digits, starting with a letter.')
@minLength(3)
@maxLength(10)
param namePrefix string

@description('Azure region for every regional resource. Defaults to the resource group\'s region (UK South for a council).')
param location string = resourceGroup().location

@description('App Service plan size. B1 is enough for a council\'s traffic; P0v3 adds zone-friendly scale-out and more memory.')
@allowed([
  'B1'
  'B2'
  'P0v3'
  'P1v3'
])
param appServicePlanSku string

@description('Number of App Service instances. The service keeps no state in memory, so any number works.')
@minValue(1)
@maxValue(10)
param appServiceInstanceCount int = 1

@description('Start-up command. Node runs the service directly (no npm wrapper), so App Service\'s SIGTERM reaches it and it shuts down cleanly; tsx needs no node_modules/.bin symlinks this way.')
param startupCommand string = 'node --import tsx bot/index.ts'

@description('Client (application) id of the single-tenant Entra app registration the bot signs in as.')
param microsoftAppId string

@description('Entra tenant id that owns the bot\'s app registration.')
param microsoftAppTenantId string = tenant().tenantId

@description('Entra tenant id of the council\'s Microsoft 365 (staff and SENDIAS advisers sign in to Teams here). Usually the same as microsoftAppTenantId.')
param councilTenantId string

@description('GOV.UK Notify id of the generic email template: ((subject)), ((body)) and ((link_to_file)) placeholders (NOTIFY_EMAIL_TEMPLATE_ID).')
param notifyEmailTemplateId string

@description('GOV.UK Notify id of the generic text message template: a ((body)) placeholder (NOTIFY_SMS_TEMPLATE_ID).')
param notifySmsTemplateId string

@description('Council name as the assistant says it, e.g. "Exampleshire Council" (COUNCIL_NAME).')
@minLength(2)
param councilName string

@description('E-mail address of the council\'s SEND team, given to families (COUNCIL_SEND_EMAIL).')
param councilSendEmail string

@description('HTTPS page where families can contact the council (COUNCIL_CONTACT_URL).')
param councilContactUrl string

@description('Phone number of the council\'s front door / SEND team (COUNCIL_FRONT_DOOR_PHONE).')
@minLength(5)
param councilFrontDoorPhone string

@description('Origins of the council\'s Local Offer site that may embed Web Chat, e.g. ["https://localoffer.example.gov.uk"]. Used for Direct Line trusted origins and WEBCHAT_ALLOWED_ORIGINS.')
@minLength(1)
param localOfferOrigins array

@description('Cosmos DB database name (COSMOS_DATABASE).')
param cosmosDatabaseName string = 'send-assistant'

@description('Service log level (pino).')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Percentage of Application Insights telemetry the Node.js agent keeps (100 keeps everything).')
@minValue(1)
@maxValue(100)
param appInsightsSamplingPercentage int = 100

@description('Days Log Analytics keeps logs.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Daily Log Analytics ingestion cap in GB; -1 for no cap.')
param logDailyCapGb int = -1

@description('Azure Bot pricing tier. Direct Line is a premium channel: F0 allows 10,000 premium messages a month, S1 is pay per message.')
@allowed([
  'F0'
  'S1'
])
param botSku string

@description('Azure Bot data location. "global", or "westeurope" to keep Bot Service data in the EU (the Direct Line domain then becomes europe.directline.botframework.com).')
@allowed([
  'global'
  'westeurope'
])
param botLocation string = 'global'

@description('Turn on Key Vault purge protection. Once on it cannot be turned off; use it in prod.')
param enableKeyVaultPurgeProtection bool

@description('E-mail address of the operations mailbox for alerts; empty to create alert rules without notifications.')
param alertEmailAddress string = ''

@description('Tags applied to every resource.')
param tags object = {}

@description('Deploy Azure AI Content Safety as a second opinion beside the local safeguarding detector (CONTENT_SAFETY_ENDPOINT). Message text then goes to that account, in this subscription and region. See docs/operations.md.')
param enableContentSafety bool = false

// Optional seeding of the three secrets, for a pipeline that holds them as protected variables.
// Leave them empty (the default) and set the secrets with `az keyvault secret set` instead.
// Never put values for these in a parameters file: `npm run infra:check` rejects that.

@secure()
@description('Client secret of the bot\'s app registration; written to Key Vault secret "microsoft-app-password" when not empty.')
param microsoftAppPassword string = ''

@secure()
@description('GOV.UK Notify API key; written to Key Vault secret "notify-api-key" when not empty.')
param notifyApiKey string = ''

@secure()
@description('Direct Line secret of the Local Offer site; written to Key Vault secret "direct-line-secret" when not empty.')
param directLineSecret string = ''

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

var suffix = take(uniqueString(resourceGroup().id, namePrefix, environmentName), 6)
var baseName = '${namePrefix}-${environmentName}'
var allTags = union(tags, {
  application: 'send-assistant'
  environment: environmentName
})

var names = {
  logAnalytics: '${baseName}-log'
  appInsights: '${baseName}-appi'
  keyVault: '${baseName}-kv${suffix}' // at most 24 characters
  cosmos: '${baseName}-cosmos-${suffix}'
  plan: '${baseName}-plan'
  site: '${baseName}-app-${suffix}'
  bot: '${baseName}-bot-${suffix}'
  contentSafety: '${baseName}-cs-${suffix}' // also its custom subdomain
}

// ---------------------------------------------------------------------------------------------
// Modules
// ---------------------------------------------------------------------------------------------

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    tags: allTags
    workspaceName: names.logAnalytics
    appInsightsName: names.appInsights
    retentionDays: logRetentionDays
    dailyCapGb: logDailyCapGb
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    tags: allTags
    name: names.keyVault
    enablePurgeProtection: enableKeyVaultPurgeProtection
    workspaceId: monitoring.outputs.workspaceId
    microsoftAppPassword: microsoftAppPassword
    notifyApiKey: notifyApiKey
    directLineSecret: directLineSecret
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    tags: allTags
    accountName: names.cosmos
    databaseName: cosmosDatabaseName
    workspaceId: monitoring.outputs.workspaceId
  }
}

module appService 'modules/app-service.bicep' = {
  name: 'appService'
  params: {
    location: location
    tags: allTags
    planName: names.plan
    siteName: names.site
    sku: appServicePlanSku
    instanceCount: appServiceInstanceCount
    startupCommand: startupCommand
    workspaceId: monitoring.outputs.workspaceId
  }
}

module access 'modules/access.bicep' = {
  name: 'access'
  params: {
    principalId: appService.outputs.principalId
    keyVaultName: keyVault.outputs.name
    cosmosAccountName: cosmos.outputs.accountName
  }
}

// Optional; grants the app's identity Cognitive Services User on the account itself.
module contentSafety 'modules/content-safety.bicep' = if (enableContentSafety) {
  name: 'contentSafety'
  params: {
    location: location
    tags: allTags
    name: names.contentSafety
    principalId: appService.outputs.principalId
  }
}

module appSettings 'modules/app-settings.bicep' = {
  name: 'appSettings'
  params: {
    siteName: appService.outputs.siteName
    keyVaultUri: keyVault.outputs.vaultUri
    microsoftAppId: microsoftAppId
    microsoftAppTenantId: microsoftAppTenantId
    councilTenantId: councilTenantId
    notifyEmailTemplateId: notifyEmailTemplateId
    notifySmsTemplateId: notifySmsTemplateId
    councilName: councilName
    councilSendEmail: councilSendEmail
    councilContactUrl: councilContactUrl
    councilFrontDoorPhone: councilFrontDoorPhone
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    webChatAllowedOrigins: localOfferOrigins
    directLineDomain: bot.outputs.directLineDomain
    appInsightsConnectionString: monitoring.outputs.appInsightsConnectionString
    samplingPercentage: appInsightsSamplingPercentage
    logLevel: logLevel
    contentSafetyEndpoint: enableContentSafety ? contentSafety!.outputs.endpoint : ''
  }
  // The Key Vault references in the settings only resolve once the identity may read secrets;
  // writing the settings restarts the app, so it picks them up.
  dependsOn: [
    access
  ]
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: names.bot
    location: botLocation
    tags: allTags
    sku: botSku
    messagingEndpoint: 'https://${appService.outputs.defaultHostName}/api/messages'
    microsoftAppId: microsoftAppId
    microsoftAppTenantId: microsoftAppTenantId
    trustedOrigins: localOfferOrigins
    appInsightsInstrumentationKey: monitoring.outputs.appInsightsInstrumentationKey
  }
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  params: {
    namePrefix: baseName
    tags: allTags
    siteId: appService.outputs.siteId
    cosmosAccountId: cosmos.outputs.accountId
    alertEmailAddress: alertEmailAddress
  }
}

// ---------------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------------

@description('Public URL of the service.')
output appUrl string = 'https://${appService.outputs.defaultHostName}'

@description('Bot messaging endpoint registered with Azure Bot.')
output messagingEndpoint string = 'https://${appService.outputs.defaultHostName}/api/messages'

@description('Cosmos DB endpoint (COSMOS_ENDPOINT).')
output cosmosEndpoint string = cosmos.outputs.endpoint

@description('Key Vault that holds the Direct Line secret, the Notify key and the bot credential.')
output keyVaultName string = keyVault.outputs.name

@description('App Service name, for `az webapp deploy`.')
output appServiceName string = appService.outputs.siteName

@description('Azure Bot resource name, for `az bot directline show`.')
output botName string = bot.outputs.name

@description('Cosmos DB account name, for restore and role checks.')
output cosmosAccountName string = cosmos.outputs.accountName

@description('Direct Line base URL the token endpoint returns as `domain`.')
output directLineDomain string = bot.outputs.directLineDomain

@description('Azure AI Content Safety endpoint (CONTENT_SAFETY_ENDPOINT), or empty when enableContentSafety is false.')
output contentSafetyEndpoint string = enableContentSafety ? contentSafety!.outputs.endpoint : ''
