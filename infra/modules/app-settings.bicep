// The web app's settings: what bot/config.ts reads, plus a few App Service platform settings.
// Writing them restarts the app. Secrets are Key Vault references, resolved by App Service with the
// app's managed identity; versionless URIs pick up a new secret version within 24 hours, or at once
// on restart (docs/operations.md, "Rotating secrets").

@description('Web app name.')
param siteName string

@description('Key Vault URI, ending in a slash.')
param keyVaultUri string

@description('Client id of the bot\'s app registration.')
param microsoftAppId string

@description('Tenant of the bot\'s app registration.')
param microsoftAppTenantId string

@description('Tenant of the council\'s Microsoft 365.')
param councilTenantId string

@description('GOV.UK Notify generic email template id.')
param notifyEmailTemplateId string

@description('GOV.UK Notify generic text message template id.')
param notifySmsTemplateId string

@description('Council name (COUNCIL_NAME).')
param councilName string

@description('SEND team e-mail address (COUNCIL_SEND_EMAIL).')
param councilSendEmail string

@description('Council contact page (COUNCIL_CONTACT_URL).')
param councilContactUrl string

@description('Council front door phone number (COUNCIL_FRONT_DOOR_PHONE).')
param councilFrontDoorPhone string

@description('Cosmos DB endpoint.')
param cosmosEndpoint string

@description('Cosmos DB database name.')
param cosmosDatabaseName string

@description('Origins allowed to ask for a Web Chat token.')
param webChatAllowedOrigins array

@description('Direct Line base URL for the bot\'s location, including /v3/directline.')
param directLineDomain string

@description('Application Insights connection string.')
param appInsightsConnectionString string

@description('Percentage of telemetry the Node.js agent keeps.')
@minValue(1)
@maxValue(100)
param samplingPercentage int

@description('Service log level.')
param logLevel string

@description('Azure AI Content Safety endpoint, or empty to leave the second opinion off.')
param contentSafetyEndpoint string = ''

resource site 'Microsoft.Web/sites@2023-12-01' existing = {
  name: siteName
}

func keyVaultReference(vaultUri string, secretName string) string => '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

// Names are exactly those bot/config.ts reads; do not rename one side only.
var serviceSettings = {
  NODE_ENV: 'production'
  MicrosoftAppType: 'SingleTenant'
  MicrosoftAppId: microsoftAppId
  MicrosoftAppTenantId: microsoftAppTenantId
  // Client secret of the app registration. To use a managed identity instead (no secret to
  // rotate): create a user-assigned identity, set MicrosoftAppType to 'UserAssignedMSI',
  // MicrosoftAppId to its client id, msaAppMSIResourceId on the bot, and omit this setting.
  MicrosoftAppPassword: keyVaultReference(keyVaultUri, 'microsoft-app-password')
  COSMOS_ENDPOINT: cosmosEndpoint
  COSMOS_DATABASE: cosmosDatabaseName
  // Containers come from infra (cosmos.bicep); the app's identity may not create them anyway.
  COSMOS_CREATE_CONTAINERS: 'false'
  DIRECT_LINE_SECRET: keyVaultReference(keyVaultUri, 'direct-line-secret')
  // Must match the bot's location: a global bot's secret does not work on the EU endpoint.
  DIRECT_LINE_DOMAIN: directLineDomain
  NOTIFY_API_KEY: keyVaultReference(keyVaultUri, 'notify-api-key')
  NOTIFY_EMAIL_TEMPLATE_ID: notifyEmailTemplateId
  NOTIFY_SMS_TEMPLATE_ID: notifySmsTemplateId
  COUNCIL_TENANT_ID: councilTenantId
  COUNCIL_NAME: councilName
  COUNCIL_SEND_EMAIL: councilSendEmail
  COUNCIL_CONTACT_URL: councilContactUrl
  COUNCIL_FRONT_DOOR_PHONE: councilFrontDoorPhone
  // Comma-separated origins, no spaces, no trailing slashes.
  WEBCHAT_ALLOWED_ORIGINS: join(webChatAllowedOrigins, ',')
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  LOG_LEVEL: logLevel
}

// Optional settings, present only when their feature is deployed (also names bot/config.ts reads).
// Content Safety: the app's managed identity signs in; there is no key to set.
var contentSafetySettings = empty(contentSafetyEndpoint) ? {} : {
  CONTENT_SAFETY_ENDPOINT: contentSafetyEndpoint
}

// App Service platform settings (read by App Service and its agents, not by our code).
var platformSettings = {
  // Application Insights Node.js agent on Linux, with sampling.
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  APPLICATIONINSIGHTS_CONFIGURATION_CONTENT: string({
    samplingPercentage: samplingPercentage
  })
  // The deployment zip already contains node_modules (docs/operations.md); do not rebuild it.
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  WEBSITE_RUN_FROM_PACKAGE: '1'
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(platformSettings, serviceSettings, contentSafetySettings)
}
