// Key Vault in RBAC mode. It holds three secrets, read by App Service through Key Vault references:
//   direct-line-secret      -> DIRECT_LINE_SECRET
//   notify-api-key          -> NOTIFY_API_KEY
//   microsoft-app-password  -> MicrosoftAppPassword
// The secrets are normally set by an operator (docs/operations.md). The @secure() parameters let a
// pipeline seed them; an empty value leaves whatever is in the vault untouched.

@description('Azure region.')
param location string

@description('Tags applied to every resource.')
param tags object

@description('Key Vault name (3 to 24 characters, globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Turn on purge protection (irreversible).')
param enablePurgeProtection bool

@description('Log Analytics workspace for audit logs.')
param workspaceId string

@secure()
@description('Optional initial value for "microsoft-app-password".')
param microsoftAppPassword string = ''

@secure()
@description('Optional initial value for "notify-api-key".')
param notifyApiKey string = ''

@secure()
@description('Optional initial value for "direct-line-secret".')
param directLineSecret string = ''

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // Purge protection can only be switched on; sending `false` to a vault that has it fails.
    enablePurgeProtection: enablePurgeProtection ? true : null
    enabledForDeployment: false
    enabledForTemplateDeployment: false
    enabledForDiskEncryption: false
    publicNetworkAccess: 'Enabled'
  }
}

resource appPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(microsoftAppPassword)) {
  parent: vault
  name: 'microsoft-app-password'
  properties: {
    value: microsoftAppPassword
    contentType: 'Entra app registration client secret for the bot'
  }
}

resource notifySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(notifyApiKey)) {
  parent: vault
  name: 'notify-api-key'
  properties: {
    value: notifyApiKey
    contentType: 'GOV.UK Notify API key'
  }
}

resource directLineSecretResource 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(directLineSecret)) {
  parent: vault
  name: 'direct-line-secret'
  properties: {
    value: directLineSecret
    contentType: 'Azure Bot Direct Line site secret (Local Offer site)'
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        categoryGroup: 'audit'
        enabled: true
      }
    ]
  }
}

@description('Key Vault name.')
output name string = vault.name

@description('Key Vault URI, ending in a slash.')
output vaultUri string = vault.properties.vaultUri
