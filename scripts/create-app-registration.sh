#!/usr/bin/env bash
# Creates the Entra app registration m365-provision runs as on a real tenant (docs/real-tenant.md):
# the app and its service principal, the Microsoft Graph and SharePoint application permissions
# the engine needs, admin consent, a certificate credential (SharePoint refuses client secrets
# for app-only access), and optionally a federated credential for GitHub Actions.
#
# Needs: Azure CLI (`az login` as a Privileged Role Administrator or Global Administrator of the
# tenant, so that admin consent can be granted), openssl, jq.
#
#   scripts/create-app-registration.sh [--name m365-provision] [--cert-dir ./cert] \
#       [--github-repo owner/repo --github-environment production]
#
# Permission ids are never written here: each one is looked up by name in the API's service
# principal (appRoles), as Microsoft lists them in the tenant.
set -euo pipefail

NAME="m365-provision"
CERT_DIR="./cert"
GITHUB_REPO=""
GITHUB_ENV=""
while [ $# -gt 0 ]; do
  case "$1" in
    --name) NAME="$2"; shift 2 ;;
    --cert-dir) CERT_DIR="$2"; shift 2 ;;
    --github-repo) GITHUB_REPO="$2"; shift 2 ;;
    --github-environment) GITHUB_ENV="$2"; shift 2 ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
for tool in az openssl jq; do command -v "$tool" >/dev/null || { echo "$tool is required" >&2; exit 2; }; done

GRAPH_API=00000003-0000-0000-c000-000000000000       # Microsoft Graph
SHAREPOINT_API=00000003-0000-0ff1-ce00-000000000000  # Office 365 SharePoint Online
GRAPH_ROLES=(Sites.Manage.All Group.ReadWrite.All User.Read.All Team.Create TeamSettings.ReadWrite.All TeamMember.ReadWrite.All Channel.Create ChannelSettings.ReadWrite.All ChannelMember.ReadWrite.All TeamsTab.Create)
SHAREPOINT_ROLES=(Sites.FullControl.All)

TENANT_ID=$(az account show --query tenantId -o tsv)
echo "Tenant $TENANT_ID: creating app registration '$NAME'"
APP_ID=$(az ad app create --display-name "$NAME" --sign-in-audience AzureADMyOrg --query appId -o tsv)
az ad sp create --id "$APP_ID" >/dev/null 2>&1 || true   # exists already on a re-run

# Application permission (appRole) ids, looked up by name.
role_id() { # <api app id> <permission name>
  local id
  id=$(az ad sp show --id "$1" --query "appRoles[?value=='$2'].id | [0]" -o tsv)
  [ -n "$id" ] || { echo "no application permission $2 on API $1" >&2; exit 1; }
  echo "$id"
}
add_roles() { # <api app id> <names...>
  local api="$1"; shift
  local perms=()
  for name in "$@"; do perms+=("$(role_id "$api" "$name")=Role"); done
  az ad app permission add --id "$APP_ID" --api "$api" --api-permissions "${perms[@]}" >/dev/null
}
add_roles "$GRAPH_API" "${GRAPH_ROLES[@]}"
add_roles "$SHAREPOINT_API" "${SHAREPOINT_ROLES[@]}"
echo "Granting admin consent (needs an administrator's sign-in)"
az ad app permission admin-consent --id "$APP_ID"

# A certificate credential: the private key stays here; only the certificate is uploaded.
mkdir -p "$CERT_DIR"
chmod 700 "$CERT_DIR"
if [ ! -f "$CERT_DIR/key.pem" ]; then
  openssl req -x509 -newkey rsa:2048 -sha256 -days 365 -nodes \
    -subj "/CN=$NAME" -keyout "$CERT_DIR/key.pem" -out "$CERT_DIR/cert.pem" 2>/dev/null
  chmod 600 "$CERT_DIR/key.pem"
  cat "$CERT_DIR/key.pem" "$CERT_DIR/cert.pem" > "$CERT_DIR/$NAME.pem"   # key + certificate, as @azure/identity reads it
  chmod 600 "$CERT_DIR/$NAME.pem"
fi
az ad app credential reset --id "$APP_ID" --cert "@$CERT_DIR/cert.pem" --append >/dev/null
echo "Uploaded the certificate $CERT_DIR/cert.pem (thumbprint $(openssl x509 -in "$CERT_DIR/cert.pem" -noout -fingerprint -sha1 | cut -d= -f2 | tr -d :))"

if [ -n "$GITHUB_REPO" ]; then
  SUBJECT="repo:$GITHUB_REPO:ref:refs/heads/main"
  [ -n "$GITHUB_ENV" ] && SUBJECT="repo:$GITHUB_REPO:environment:$GITHUB_ENV"
  jq -n --arg name "github-$(echo "$GITHUB_REPO" | tr '/' '-')" --arg subject "$SUBJECT" \
    '{name: $name, issuer: "https://token.actions.githubusercontent.com", subject: $subject, audiences: ["api://AzureADTokenExchange"], description: "m365-provision from GitHub Actions"}' \
    > "$CERT_DIR/federated-credential.json"
  az ad app federated-credential create --id "$APP_ID" --parameters "@$CERT_DIR/federated-credential.json" >/dev/null
  echo "Federated credential for GitHub Actions: subject $SUBJECT"
fi

cat <<DONE

Done. App (client) id: $APP_ID   Tenant id: $TENANT_ID
  export AZURE_TENANT_ID=$TENANT_ID
  export AZURE_CLIENT_ID=$APP_ID
  export AZURE_CLIENT_CERTIFICATE_PATH=$CERT_DIR/$NAME.pem
Term store writes: make the app a term store administrator (docs/real-tenant.md, "Term store").
Then check everything with: provision doctor <blueprint> --tenant <tenant name>
DONE
