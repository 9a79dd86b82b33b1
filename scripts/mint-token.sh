#!/usr/bin/env bash
# Mints a bearer token for LOCAL use, signed with the committed development key
# (src/test/resources/dev-keys/privateKey.pem), which the service trusts only while no other key is
# configured. Never use the development key pair in production.
#   scripts/mint-token.sh clinician|viewer|integration|auditor|none [subject] [hours]
#   curl -H "Authorization: Bearer $(scripts/mint-token.sh clinician alice)" localhost:8080/api/v1/patients
# SMART claims (docs/security.md): MYOLINE_TOKEN_SCOPE="patient/*.rs" adds a scope claim,
# MYOLINE_TOKEN_PATIENT=<patient id> limits the token to that patient, MYOLINE_TOKEN_CLIENT=<id> names the client.
set -euo pipefail
role=${1:?usage: mint-token.sh clinician|viewer|integration|auditor|none [subject] [hours]}
subject=${2:-local-$role}
hours=${3:-8}
key=${MYOLINE_DEV_PRIVATE_KEY:-$(dirname "$0")/../src/test/resources/dev-keys/privateKey.pem}
issuer=${MYOLINE_JWT_ISSUER:-myoline-dev}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
groups=$([ "$role" = none ] && printf '[]' || printf '["%s"]' "$role")
extra=""
[ -n "${MYOLINE_TOKEN_SCOPE:-}" ] && extra="$extra,\"scope\":\"$MYOLINE_TOKEN_SCOPE\""
[ -n "${MYOLINE_TOKEN_PATIENT:-}" ] && extra="$extra,\"patient\":\"$MYOLINE_TOKEN_PATIENT\""
[ -n "${MYOLINE_TOKEN_CLIENT:-}" ] && extra="$extra,\"azp\":\"$MYOLINE_TOKEN_CLIENT\""
payload=$(printf '{"iss":"%s","sub":"%s","upn":"%s","groups":%s,"iat":%d,"exp":%d,"jti":"%s"%s}' \
  "$issuer" "$subject" "$subject" "$groups" "$now" "$((now + hours * 3600))" "$(openssl rand -hex 8)" "$extra" | b64url)
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$key" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
